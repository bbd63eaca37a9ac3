// Calendar periods of the archive (ISO weeks, months) as URL keys, their days, and navigation between them.
import {
  addDays,
  eachDayOfInterval,
  endOfMonth,
  getISOWeek,
  getISOWeekYear,
  getISOWeeksInYear,
  setISOWeek,
  startOfISOWeek,
} from 'date-fns';
import { isIsoDate } from './paper.ts';

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** A `YYYY-MM-DD` string or a Date, read as a UTC calendar day. */
export type DayLike = string | Date;

/**
 * date-fns works in local time; building a local Date from the UTC calendar fields keeps the
 * arithmetic right whatever the machine's time zone is.
 */
function toLocalDay(day: DayLike): Date {
  if (typeof day === 'string') {
    const iso = day.slice(0, 10);
    if (!isIsoDate(iso)) throw new Error(`invalid date ${JSON.stringify(day)}: expected YYYY-MM-DD`);
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, d);
  }
  if (Number.isNaN(day.getTime())) throw new Error('invalid Date');
  return new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
}

function isoOf(local: Date): string {
  const y = String(local.getFullYear()).padStart(4, '0');
  const m = String(local.getMonth() + 1).padStart(2, '0');
  const d = String(local.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** ISO week key of a day: `2026-W34`. Uses the ISO week-year, so 2024-12-30 is `2025-W01`. */
export function isoWeekKey(day: DayLike): string {
  const local = toLocalDay(day);
  return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, '0')}`;
}

/** Month key of a day: `2026-08`. */
export function monthKey(day: DayLike): string {
  return isoOf(toLocalDay(day)).slice(0, 7);
}

/** Validates a week key; returns its ISO week-year and week number. Throws on `2026-W54`, `2026-W1`, ... */
export function parseWeekKey(key: string): { year: number; week: number } {
  const m = WEEK_KEY.exec(key);
  if (!m) throw new Error(`invalid week ${JSON.stringify(key)}: expected YYYY-Www`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Week 1 always contains 4 January; some years have 53 weeks.
  if (week < 1 || week > getISOWeeksInYear(new Date(year, 0, 4))) {
    throw new Error(`invalid week ${JSON.stringify(key)}: ${year} has no week ${week}`);
  }
  return { year, week };
}

/** Validates a month key; returns year and month (1-12). */
export function parseMonthKey(key: string): { year: number; month: number } {
  const m = MONTH_KEY.exec(key);
  if (!m) throw new Error(`invalid month ${JSON.stringify(key)}: expected YYYY-MM`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`invalid month ${JSON.stringify(key)}: month out of range`);
  return { year, month };
}

export function isWeekKey(key: string): boolean {
  try {
    parseWeekKey(key);
    return true;
  } catch {
    return false;
  }
}

export function isMonthKey(key: string): boolean {
  try {
    parseMonthKey(key);
    return true;
  } catch {
    return false;
  }
}

/** The 7 days (`YYYY-MM-DD`) of an ISO week, Monday to Sunday. */
export function weekDays(key: string): string[] {
  const { year, week } = parseWeekKey(key);
  const monday = startOfISOWeek(setISOWeek(new Date(year, 0, 4), week));
  return Array.from({ length: 7 }, (_, i) => isoOf(addDays(monday, i)));
}

/** Every day (`YYYY-MM-DD`) of a month, in order. */
export function monthDays(key: string): string[] {
  const { year, month } = parseMonthKey(key);
  const first = new Date(year, month - 1, 1);
  return eachDayOfInterval({ start: first, end: endOfMonth(first) }).map(isoOf);
}

/** The keys before and after `key` in an ascending list (days, weeks or months); absent at the ends. */
export function neighbours<K extends string>(sortedKeys: readonly K[], key: K): { prev?: K; next?: K } {
  const i = sortedKeys.indexOf(key);
  if (i === -1) return {};
  const prev = sortedKeys[i - 1];
  const next = sortedKeys[i + 1];
  return { ...(prev !== undefined ? { prev } : {}), ...(next !== undefined ? { next } : {}) };
}

/** Today's UTC date as `YYYY-MM-DD` (injectable clock for tests). */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
