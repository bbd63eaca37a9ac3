// Calendar-day arithmetic on `YYYY-MM-DD` strings (UTC), used to turn ingest options into day ranges.
import { isIsoDate } from './paper.ts';

const DAY_MS = 86_400_000;

function toMs(date: string): number {
  if (!isIsoDate(date)) throw new Error(`invalid date ${JSON.stringify(date)}: expected a real YYYY-MM-DD`);
  return Date.parse(`${date}T00:00:00Z`);
}

/** The UTC calendar day of an instant. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(toMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included, ascending. Empty when `from` is after `to`. */
export function dayRange(from: string, to: string): string[] {
  const start = toMs(from);
  const end = toMs(to);
  const days: string[] = [];
  for (let t = start; t <= end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
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
  return new Date(toMs(date) + (Number(m[1]) * 60 + Number(m[2])) * 60_000).toISOString();
}
