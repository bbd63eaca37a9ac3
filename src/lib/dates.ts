// Calendar days (`YYYY-MM-DD`, UTC): the one module that does date arithmetic and formatting, on date-fns.
// Every Date made here is a UTCDate, so date-fns computes in UTC and no machine time zone can shift a day.
import { UTCDate } from '@date-fns/utc';
// One file per function: the package's index loads all ~250 of them, a second of start-up for every CLI.
import { addDays as addDaysTo } from 'date-fns/addDays';
import { addMinutes } from 'date-fns/addMinutes';
import { eachDayOfInterval } from 'date-fns/eachDayOfInterval';
import { eachMonthOfInterval } from 'date-fns/eachMonthOfInterval';
import { endOfMonth } from 'date-fns/endOfMonth';
import { format } from 'date-fns/format';
import { getISODay } from 'date-fns/getISODay';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { getISOWeeksInYear } from 'date-fns/getISOWeeksInYear';
import { isWeekend as isWeekendDate } from 'date-fns/isWeekend';
import { setISOWeek } from 'date-fns/setISOWeek';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { isIsoDate } from './ids.ts';

/** A `YYYY-MM-DD` string (read by its first ten characters) or a Date (its UTC calendar day). */
export type DayLike = string | Date;

const DAY_FORMAT = 'yyyy-MM-dd';
const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** The UTC midnight of a real `YYYY-MM-DD`; anything else throws with the input in the message. */
function parseDay(date: string, input: unknown = date): UTCDate {
  if (!isIsoDate(date)) {
    throw new Error(`invalid date ${JSON.stringify(input)}: expected a real YYYY-MM-DD`);
  }
  // The string form, not UTCDate(y, m, d): Date.UTC maps years 0-99 to 1900-1999.
  return new UTCDate(`${date}T00:00:00Z`);
}

/** 4 January of `year`, which is always in ISO week 1. */
function jan4(year: number): UTCDate {
  return parseDay(`${String(year).padStart(4, '0')}-01-04`);
}

/** A DayLike as the UTC midnight of its day. */
function dayOf(day: DayLike): UTCDate {
  if (typeof day === 'string') return parseDay(day.slice(0, 10), day);
  if (Number.isNaN(day.getTime())) throw new Error('invalid Date');
  return startOfDay(new UTCDate(day.getTime()));
}

const isoOf = (d: Date): string => format(d, DAY_FORMAT);

/** The first day of a `YYYY-MM` month. */
function parseMonth(key: string): UTCDate {
  const m = MONTH_KEY.exec(key);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    throw new Error(`invalid month ${JSON.stringify(key)}: expected YYYY-MM`);
  }
  return new UTCDate(`${key}-01T00:00:00Z`);
}

/** The UTC calendar day of an instant. */
export function utcDay(at: Date): string {
  return isoOf(new UTCDate(at.getTime()));
}

export function addDays(date: string, days: number): string {
  return isoOf(addDaysTo(parseDay(date), days));
}

/** The day `n` days before `date`: the start of a "last n+1 days" window. */
export function daysBefore(date: string, n: number): string {
  return addDays(date, -n);
}

/** Every day from `from` to `to`, both included, ascending. Empty when `from` is after `to`. */
export function dayRange(from: string, to: string): string[] {
  const start = parseDay(from);
  const end = parseDay(to);
  // date-fns 4 lists a reversed interval backwards; a range that ends before it starts is empty here.
  if (start > end) return [];
  return eachDayOfInterval({ start, end }).map(isoOf);
}

/**
 * The `--since-last` window: from the last archived day minus the refresh window (lists grow and
 * upvotes settle for days after a paper is featured) up to today. With nothing archived, just today.
 */
export function sinceLastRange(
  lastArchived: string | undefined,
  refreshDays: number,
  today: string,
): string[] {
  if (lastArchived === undefined) return [today];
  const from = addDays(lastArchived, -refreshDays);
  return dayRange(from < today ? from : today, today);
}

/** `date` at the UTC wall-clock time `HH:MM`, as an ISO timestamp. */
export function atUtcTime(date: string, hhmm: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`invalid time ${JSON.stringify(hhmm)}: expected HH:MM (24-hour, UTC)`);
  return addMinutes(parseDay(date), Number(m[1]) * 60 + Number(m[2])).toISOString();
}

/** The instant a UTC day begins, as a plain Date (feed entries carry a time). */
export function dayStart(date: string): Date {
  return new Date(parseDay(date).getTime());
}

/** The ISO week-year and week of a day: 2024-12-30 is in week 1 of 2025. */
export function isoWeekOf(day: DayLike): { year: number; week: number } {
  const d = dayOf(day);
  return { year: getISOWeekYear(d), week: getISOWeek(d) };
}

/** 52 or 53. */
export function isoWeeksInYear(year: number): number {
  return getISOWeeksInYear(jan4(year));
}

/** The 7 days of ISO week `week` of `year`, Monday to Sunday. */
export function isoWeekDays(year: number, week: number): string[] {
  const monday = startOfISOWeek(setISOWeek(jan4(year), week));
  return Array.from({ length: 7 }, (_, i) => isoOf(addDaysTo(monday, i)));
}

/** 1 for Monday to 7 for Sunday. */
export function isoWeekday(date: string): number {
  return getISODay(parseDay(date));
}

/** True on Saturdays and Sundays, when Hugging Face usually lists no papers. */
export function isWeekend(date: string): boolean {
  return isWeekendDate(parseDay(date));
}

/** The `YYYY-MM` month of a day. */
export function monthOf(day: DayLike): string {
  return format(dayOf(day), 'yyyy-MM');
}

/** Every day of a `YYYY-MM` month, in order. */
export function daysOfMonth(month: string): string[] {
  const first = parseMonth(month);
  return eachDayOfInterval({ start: first, end: endOfMonth(first) }).map(isoOf);
}

/** `YYYY-MM` months from `from` to `to` inclusive (`2024-11`, `2024-12`, `2025-01`...); empty when reversed. */
export function monthRange(from: string, to: string): string[] {
  const start = parseMonth(from);
  const end = parseMonth(to);
  if (start > end) return [];
  return eachMonthOfInterval({ start, end }).map((d) => format(d, 'yyyy-MM'));
}

/**
 * A day in date-fns `format` tokens (`d MMM y` -> `21 Aug 2026`), English names. A string is its day; a Date is
 * the UTC calendar day of that instant, so the build machine's locale and time zone never show.
 */
export function formatDay(day: DayLike, pattern: string): string {
  return format(dayOf(day), pattern);
}

/** English weekday names, Monday first (ISO order). */
export const WEEKDAY_NAMES: readonly string[] = isoWeekDays(2024, 1).map((d) => formatDay(d, 'EEEE'));
