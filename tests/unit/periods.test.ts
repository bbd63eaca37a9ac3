import { describe, expect, it } from 'vitest';
import {
  isoWeekKey,
  monthDays,
  monthKey,
  neighbours,
  parseMonthKey,
  parseWeekKey,
  todayUtc,
  weekDays,
} from '../../src/lib/periods.ts';

describe('isoWeekKey', () => {
  it('uses the ISO week-year at year boundaries', () => {
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(isoWeekKey('2024-12-29')).toBe('2024-W52');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
  });
  it('keys a mid-year day and accepts Dates as UTC days', () => {
    expect(isoWeekKey('2026-08-21')).toBe('2026-W34');
    expect(isoWeekKey(new Date('2026-08-23T23:59:00Z'))).toBe('2026-W34');
    expect(isoWeekKey(new Date('2026-08-24T00:00:00Z'))).toBe('2026-W35');
  });
  it('rejects non-dates', () => {
    expect(() => isoWeekKey('2026-02-30')).toThrow(/invalid date/);
  });
});

describe('weekDays / monthDays', () => {
  it('lists Monday..Sunday of a week spanning two years', () => {
    expect(weekDays('2025-W01')).toEqual([
      '2024-12-30',
      '2024-12-31',
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
      '2025-01-05',
    ]);
    expect(weekDays('2026-W34')[0]).toBe('2026-08-17');
    expect(weekDays('2020-W53')[6]).toBe('2021-01-03');
  });
  it('round-trips every day of a week to its key', () => {
    for (const d of weekDays('2026-W01')) expect(isoWeekKey(d)).toBe('2026-W01');
  });
  it('lists the days of a month, leap years included', () => {
    expect(monthDays('2024-02')).toHaveLength(29);
    expect(monthDays('2025-02')).toHaveLength(28);
    expect(monthDays('2026-08').at(-1)).toBe('2026-08-31');
    expect(monthKey('2026-08-21')).toBe('2026-08');
  });
});

describe('parse keys', () => {
  it('validates weeks', () => {
    expect(parseWeekKey('2026-W34')).toEqual({ year: 2026, week: 34 });
    expect(parseWeekKey('2020-W53')).toEqual({ year: 2020, week: 53 });
    expect(() => parseWeekKey('2025-W53')).toThrow(/has no week 53/);
    expect(() => parseWeekKey('2026-W00')).toThrow();
    expect(() => parseWeekKey('2026-W5')).toThrow(/YYYY-Www/);
    expect(() => parseWeekKey('../etc')).toThrow();
  });
  it('validates months', () => {
    expect(parseMonthKey('2026-08')).toEqual({ year: 2026, month: 8 });
    expect(() => parseMonthKey('2026-13')).toThrow(/out of range/);
    expect(() => parseMonthKey('2026-8')).toThrow();
  });
});

describe('neighbours', () => {
  const keys = ['2026-08-19', '2026-08-20', '2026-08-21'];
  it('finds prev and next, absent at the ends', () => {
    expect(neighbours(keys, '2026-08-20')).toEqual({ prev: '2026-08-19', next: '2026-08-21' });
    expect(neighbours(keys, '2026-08-19')).toEqual({ next: '2026-08-20' });
    expect(neighbours(keys, '2026-08-21')).toEqual({ prev: '2026-08-20' });
    expect(neighbours(keys, '2026-01-01')).toEqual({});
  });
});

it('todayUtc uses UTC', () => {
  expect(todayUtc(new Date('2026-08-21T23:30:00-05:00'))).toBe('2026-08-22');
});
