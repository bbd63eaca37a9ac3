// Month grids for the archive and coverage pages: a month as weeks of day cells, Monday first.
import { isoWeekday, WEEKDAY_NAMES } from '../dates.ts';
import { monthDays } from '../periods.ts';

/** The columns of a month grid, in order: `Monday` to `Sunday`. */
export const WEEKDAYS: readonly string[] = WEEKDAY_NAMES;

/** A month as rows of 7 cells, Monday first; `null` pads days outside the month. */
export function monthGrid(key: string): (string | null)[][] {
  const days = monthDays(key);
  const lead = days[0] ? isoWeekday(days[0]) - 1 : 0;
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const rows: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}
