// Day ranges for the ingest options.
import { describe, expect, it } from 'vitest';
import { addDays, atUtcTime, dayRange, sinceLastRange } from '../../../src/lib/dates.ts';

describe('day ranges', () => {
  it('lists every day across month and leap-year boundaries', () => {
    expect(dayRange('2024-02-27', '2024-03-01')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(dayRange('2024-03-02', '2024-03-01')).toEqual([]);
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(() => dayRange('2024-02-30', '2024-03-01')).toThrow(/2024-02-30/);
  });

  it('since-last goes back the refresh window from the last archived day up to today', () => {
    expect(sinceLastRange('2026-08-21', 7, '2026-08-24')).toEqual(dayRange('2026-08-14', '2026-08-24'));
    expect(sinceLastRange(undefined, 7, '2026-08-24')).toEqual(['2026-08-24']);
    expect(sinceLastRange('2026-08-30', 0, '2026-08-24')).toEqual(['2026-08-24']);
  });

  it('builds a fetch time from a day and a UTC wall-clock time', () => {
    expect(atUtcTime('2024-05-27', '07:45')).toBe('2024-05-27T07:45:00.000Z');
    expect(() => atUtcTime('2024-05-27', '7:45')).toThrow(/HH:MM/);
  });
});
