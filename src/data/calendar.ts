// Calendar arithmetic for the archive and coverage pages: month grids and the span of archived days.
import { monthDays } from '../lib/periods.ts';

/** The columns of a month grid, in order. */
export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/** A month as rows of 7 cells, Monday first; `null` pads days outside the month. */
export function monthGrid(key: string): (string | null)[][] {
  const days = monthDays(key);
  const first = days[0] ?? '';
  // getUTCDay: 0 = Sunday; shift so Monday = 0.
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const rows: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}

/** Month keys from `from` to `to` inclusive (`2024-11`, `2024-12`, `2025-01`...). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** True on Saturdays and Sundays, when Hugging Face usually lists no papers. */
export function isWeekend(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}

/** The day `n` days before `date` (`YYYY-MM-DD`, UTC). */
export function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}
