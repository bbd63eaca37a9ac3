// The one date module: day arithmetic for the ingest options, ISO weeks, months and English labels, all in UTC.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  atUtcTime,
  dayRange,
  daysBefore,
  dayStart,
  daysOfMonth,
  formatDay,
  isoWeekDays,
  isoWeekday,
  isoWeekOf,
  isoWeeksInYear,
  isWeekend,
  monthOf,
  monthRange,
  sinceLastRange,
  utcDay,
  WEEKDAY_NAMES,
} from '../../src/lib/dates.ts';

describe('day ranges', () => {
  it('lists every day across month and leap-year boundaries', () => {
    expect(dayRange('2024-02-27', '2024-03-01')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(dayRange('2024-03-01', '2024-03-01')).toEqual(['2024-03-01']);
    // date-fns 4 would list a reversed interval backwards.
    expect(dayRange('2024-03-02', '2024-03-01')).toEqual([]);
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-02-28', 366)).toBe('2025-02-28');
    expect(daysBefore('2024-03-01', 1)).toBe('2024-02-29');
    expect(daysBefore('2026-08-21', 29)).toBe('2026-07-23');
    expect(() => dayRange('2024-02-30', '2024-03-01')).toThrow(/2024-02-30/);
    expect(() => addDays('2024-5-1', 1)).toThrow(/invalid date "2024-5-1"/);
  });

  it('since-last goes back the refresh window from the last archived day up to today', () => {
    expect(sinceLastRange('2026-08-21', 7, '2026-08-24')).toEqual(dayRange('2026-08-14', '2026-08-24'));
    expect(sinceLastRange(undefined, 7, '2026-08-24')).toEqual(['2026-08-24']);
    expect(sinceLastRange('2026-08-30', 0, '2026-08-24')).toEqual(['2026-08-24']);
  });

  it('builds a fetch time from a day and a UTC wall-clock time', () => {
    expect(atUtcTime('2024-05-27', '07:45')).toBe('2024-05-27T07:45:00.000Z');
    expect(atUtcTime('2024-03-10', '23:59')).toBe('2024-03-10T23:59:00.000Z');
    expect(() => atUtcTime('2024-05-27', '7:45')).toThrow(/HH:MM/);
    expect(() => atUtcTime('2024-05-27', '24:00')).toThrow(/HH:MM/);
  });

  it('reads instants by their UTC day, and a day as the instant it starts', () => {
    expect(utcDay(new Date('2026-08-21T23:30:00-05:00'))).toBe('2026-08-22');
    expect(utcDay(new Date('2026-08-21T00:30:00+02:00'))).toBe('2026-08-20');
    expect(() => utcDay(new Date('nonsense'))).toThrow();
    const start = dayStart('2024-06-03');
    expect(start.toISOString()).toBe('2024-06-03T00:00:00.000Z');
    // A plain Date (feeds serialise it), not the UTCDate used inside.
    expect(Object.getPrototypeOf(start)).toBe(Date.prototype);
  });
});

describe('ISO weeks', () => {
  it('uses the ISO week-year at year boundaries', () => {
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf(new Date('2026-08-23T23:59:00Z'))).toEqual({ year: 2026, week: 34 });
    expect(isoWeekOf('2026-08-24T00:00:00Z')).toEqual({ year: 2026, week: 35 });
  });

  it('knows 53-week years and lists a week Monday to Sunday', () => {
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeekDays(2025, 1)).toEqual([
      '2024-12-30',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
      '2025-01-05',
    ]);
  });

  it('numbers weekdays Monday 1 to Sunday 7 and knows weekends', () => {
    expect(isoWeekday('2024-06-03')).toBe(1);
    expect(isoWeekday('2024-06-09')).toBe(7);
    expect(isWeekend('2024-06-01')).toBe(true);
    expect(isWeekend('2024-06-02')).toBe(true);
    expect(isWeekend('2024-06-03')).toBe(false);
    expect(() => isWeekend('2024-06-31')).toThrow(/invalid date/);
  });
});

describe('months', () => {
  it('keys a day by its month and lists a month’s days', () => {
    expect(monthOf('2026-08-21')).toBe('2026-08');
    expect(monthOf(new Date('2026-08-31T23:59:59Z'))).toBe('2026-08');
    expect(daysOfMonth('2024-02')).toHaveLength(29);
    expect(daysOfMonth('2100-02')).toHaveLength(28);
    expect(daysOfMonth('2024-12').at(-1)).toBe('2024-12-31');
    expect(() => daysOfMonth('2024-13')).toThrow(/invalid month/);
  });

  it('spans months across a year end, and nothing when reversed', () => {
    expect(monthRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthRange('2024-11', '2024-11')).toEqual(['2024-11']);
    expect(monthRange('2025-02', '2024-11')).toEqual([]);
    expect(() => monthRange('2024-1', '2024-11')).toThrow(/invalid month/);
  });
});

describe('formatting', () => {
  it('names days and months in English from date-fns patterns', () => {
    expect(formatDay('2026-08-21', 'EEEE, d MMMM y')).toBe('Friday, 21 August 2026');
    expect(formatDay('2026-09-01', 'EEE d MMM')).toBe('Tue 1 Sep');
    expect(formatDay(new Date('2026-08-21T23:30:00-05:00'), 'd MMM y')).toBe('22 Aug 2026');
    expect(WEEKDAY_NAMES).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
  });
});
