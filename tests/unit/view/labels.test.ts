// The calendar views' labels and grids (src/lib/view/listings.ts, calendar.ts): week spans, short days, month grids.
import { describe, expect, it } from 'vitest';
import { monthGrid, WEEKDAYS } from '../../../src/lib/view/calendar.ts';
import { shortDay, weekLabel, weekName, weekSpan } from '../../../src/lib/view/listings.ts';

describe('week labels', () => {
  it('spans a week within a month, across months and across years', () => {
    expect(weekSpan('2026-W34')).toBe('17–23 Aug');
    expect(weekSpan('2026-W31')).toBe('27 Jul – 2 Aug');
    expect(weekSpan('2026-W53')).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(weekSpan('2025-W01')).toBe('30 Dec 2024 – 5 Jan 2025');
  });
  it('names a week and labels it', () => {
    expect(weekName('2026-W05')).toBe('Week 5, 2026');
    expect(weekLabel('2026-W34')).toBe('Week 34, 2026 · 17–23 Aug');
    expect(() => weekName('2025-W53')).toThrow(/has no week 53/);
  });
  it('labels a day inside a period by weekday and day of month', () => {
    expect(shortDay('2026-08-21')).toBe('Fri 21');
    expect(shortDay('2024-06-02')).toBe('Sun 2');
    expect(() => shortDay('2026-8-21')).toThrow(/invalid date/);
  });
});

describe('month grids', () => {
  it('heads the columns Monday to Sunday', () => {
    expect(WEEKDAYS.map((w) => w.slice(0, 2)).join(' ')).toBe('Mo Tu We Th Fr Sa Su');
  });
  it('starts a month under its weekday and pads the last week', () => {
    // 1 September 2024 is a Sunday: six leading pads, and 30 days need six rows.
    const sept = monthGrid('2024-09');
    expect(sept[0]).toEqual([null, null, null, null, null, null, '2024-09-01']);
    expect(sept).toHaveLength(6);
    expect(sept[5]).toEqual(['2024-09-30', null, null, null, null, null, null]);
    // 1 March 2027 is a Monday: no pad at all.
    expect(monthGrid('2027-03')[0]?.[0]).toBe('2027-03-01');
  });
});
