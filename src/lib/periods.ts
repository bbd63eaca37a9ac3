// Calendar periods of the archive (ISO weeks, months) as URL keys, their days, and navigation between them.
import {
  daysOfMonth,
  isoWeekDays,
  isoWeekOf,
  isoWeeksInYear,
  monthOf,
  utcDay,
  type DayLike,
} from './dates.ts';

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** ISO week key of a day: `2026-W34`. Uses the ISO week-year, so 2024-12-30 is `2025-W01`. */
export function isoWeekKey(day: DayLike): string {
  const { year, week } = isoWeekOf(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Month key of a day: `2026-08`. */
export function monthKey(day: DayLike): string {
  return monthOf(day);
}

/** Validates a week key; returns its ISO week-year and week number. Throws on `2026-W54`, `2026-W1`, ... */
export function parseWeekKey(key: string): { year: number; week: number } {
  const m = WEEK_KEY.exec(key);
  if (!m) throw new Error(`invalid week ${JSON.stringify(key)}: expected YYYY-Www`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  // Some years have 53 weeks.
  if (week < 1 || week > isoWeeksInYear(year)) {
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
  return isoWeekDays(year, week);
}

/** Every day (`YYYY-MM-DD`) of a month, in order. */
export function monthDays(key: string): string[] {
  parseMonthKey(key);
  return daysOfMonth(key);
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
  return utcDay(now);
}
