// Every calendar function of the site and the ingest applied to days where a local-time slip would show (the date
// line, DST changes, ISO week-years, leap days): run under several TZ values by time-zone.test.ts, which compares.
import {
  addDays,
  atUtcTime,
  dayRange,
  daysBefore,
  dayStart,
  isoWeekday,
  isWeekend,
  monthRange,
  utcDay,
  WEEKDAY_NAMES,
} from '../../src/lib/dates.ts';
import { formatDate, formatMonth } from '../../src/lib/format.ts';
import { isoWeekKey, monthDays, monthKey, todayUtc, weekDays } from '../../src/lib/periods.ts';
import { monthGrid } from '../../src/lib/view/calendar.ts';
import { shortDay, weekLabel } from '../../src/lib/view/listings.ts';

const DAYS = [
  '2020-12-31',
  '2021-01-03',
  '2024-02-29',
  '2024-03-10', // DST starts in Los Angeles
  '2024-03-31', // and in Europe
  '2024-11-03', // DST ends in Los Angeles
  '2024-12-29',
  '2024-12-30',
  '2026-08-21',
];
// Instants a few minutes either side of a UTC midnight: their UTC day is not their local day almost anywhere.
const INSTANTS = [
  '2024-03-09T23:59:00Z',
  '2024-03-10T00:01:00Z',
  '2024-12-31T23:30:00Z',
  '2026-08-23T23:59:00Z',
];

export function probe(): Record<string, unknown> {
  return {
    days: DAYS.map((d) => ({
      d,
      week: isoWeekKey(d),
      month: monthKey(d),
      short: formatDate(d),
      long: formatDate(d, 'long'),
      shortDay: shortDay(d),
      next: addDays(d, 1),
      prev: daysBefore(d, 1),
      weekday: isoWeekday(d),
      weekend: isWeekend(d),
      start: dayStart(d).toISOString(),
      at: atUtcTime(d, '07:45'),
      weekDays: weekDays(isoWeekKey(d)),
      weekLabel: weekLabel(isoWeekKey(d)),
    })),
    instants: INSTANTS.map((i) => {
      const at = new Date(i);
      return {
        i,
        day: utcDay(at),
        today: todayUtc(at),
        week: isoWeekKey(at),
        month: monthKey(at),
        date: formatDate(at),
      };
    }),
    months: ['2024-02', '2024-03', '2024-06', '2024-11', '2027-02'].map((m) => ({
      m,
      name: formatMonth(m),
      days: monthDays(m).length,
      grid: monthGrid(m),
    })),
    ranges: [
      dayRange('2024-03-08', '2024-03-12'),
      dayRange('2024-10-31', '2024-11-04'),
      monthRange('2024-11', '2025-03'),
    ],
    weekdays: WEEKDAY_NAMES,
  };
}
