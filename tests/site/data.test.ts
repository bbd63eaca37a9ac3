// The site's pure data layer: the archive view, listings ranked by upvotes, periods and calendar grids.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/lib/view/build-archive.ts';
import { daysBefore, isWeekend, monthRange } from '../../src/lib/dates.ts';
import { monthGrid } from '../../src/lib/view/calendar.ts';
import { papersOfDays, periodsOf, rankByUpvotes } from '../../src/lib/view/listings.ts';
import { readContentDir } from '../../src/lib/content/read.ts';
import type { DayManifest } from '../../src/lib/paper.ts';
import { FIXTURE_CONTENT, ROOT } from '../helpers/build-site.ts';

/** The fixture archive read the way the collections read it: the archive's one reader. */
const { papers: entries, days } = await readContentDir(path.join(ROOT, FIXTURE_CONTENT));

describe('buildArchive', () => {
  const archive = buildArchive(entries, days);

  it('indexes every paper and sorts days ascending', () => {
    expect(archive.papers.length).toBe(entries.length);
    expect(archive.byId.get('hep-th/9901001')?.authors.length).toBe(40);
    const dates = archive.days.map((d) => d.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe('2024-05-27');
    expect(archive.byDate.get('2024-06-05')?.status).toBe('empty');
  });

  it('orders papers newest first: last featured day descending, then that day’s listing order', () => {
    const latest = archive.days[archive.days.length - 1] as DayManifest;
    expect(archive.papers.slice(0, latest.ids.length).map((p) => p.id)).toEqual(latest.ids);
    // Featured on 06-03 and 06-04: it sorts with its last day, first in that day's listing.
    const i = archive.papers.findIndex((p) => p.id === '2401.00003');
    expect(archive.papers[i + 1]?.id).toBe('2401.00004');
  });

  it('gives a day’s papers in listing order and the abstract from the body', () => {
    expect(archive.papersOn('2024-06-03').map((p) => p.id)).toEqual([
      '2401.00001',
      '2401.00002',
      '2401.00003',
    ]);
    expect(archive.papersOn('2024-06-05')).toEqual([]);
    expect(archive.papersOn('1999-01-01')).toEqual([]);
    expect(archive.byId.get('2401.00003')?.abstract).toBe(
      'A paper that appeared on two days of the Daily Papers list, so it has two featured days.',
    );
  });

  it('applies overrides and takes topics from the assigner (an override of topics wins by default)', () => {
    const base = entries.find((e) => e.data.id === '2401.00005') as (typeof entries)[number];
    const edited = {
      data: { ...base.data, overrides: { title: 'Corrected Title', topics: ['llm'] } },
      body: base.body,
    };
    const a = buildArchive([edited], []);
    expect(a.byId.get('2401.00005')?.title).toBe('Corrected Title');
    expect(a.byId.get('2401.00005')?.topics).toEqual(['llm']);
    const b = buildArchive(entries, days, (p) => (p.id.startsWith('2401') ? ['x'] : []));
    expect(b.byId.get('2401.00002')?.topics).toEqual(['x']);
    expect(b.byId.get('hep-th/9901001')?.topics).toEqual([]);
  });
});

describe('listings', () => {
  const archive = buildArchive(entries, days);

  it('ranks by upvotes with the input order breaking ties', () => {
    const day = archive.papersOn('2024-06-04');
    const tied = day.map((p, i) => ({ ...p, upvotes: i === 4 ? 5 : 1 }));
    expect(rankByUpvotes(tied).map((p) => p.id)).toEqual([
      'noid-listing-only-paper-1a2b3c4d',
      '2401.00003',
      '2401.00004',
      '2401.00005',
      'hep-th/9901001',
    ]);
  });

  it('lists a period’s papers once each, most upvoted first', () => {
    const week = papersOfDays(archive, ['2024-06-03', '2024-06-04', '2024-06-05']);
    expect(week.map((p) => p.id).filter((id) => id === '2401.00003').length).toBe(1);
    expect(week.length).toBe(7);
    expect(week.map((p) => p.upvotes)).toEqual([...week.map((p) => p.upvotes)].sort((a, b) => b - a));
  });

  it('groups archived days into ISO weeks and months (empty days included)', () => {
    const { weeks, months } = periodsOf(archive);
    expect([...weeks.keys()]).toEqual(['2024-W22', '2024-W23', '2025-W10', '2026-W34']);
    expect(weeks.get('2024-W23')).toEqual(['2024-06-03', '2024-06-04', '2024-06-05']);
    expect([...months.keys()]).toEqual(['2024-05', '2024-06', '2025-03', '2026-08']);
    expect(periodsOf(archive)).toBe(periodsOf(archive));
  });
});

describe('calendar', () => {
  it('lays a month out Monday first, padded to whole weeks', () => {
    const june = monthGrid('2024-06'); // 1 June 2024 is a Saturday
    expect(june[0]).toEqual([null, null, null, null, null, '2024-06-01', '2024-06-02']);
    expect(june.every((row) => row.length === 7)).toBe(true);
    expect(june.flat().filter(Boolean).length).toBe(30);
    expect(june[june.length - 1]?.[0]).toBe('2024-06-24');
    const feb = monthGrid('2027-02'); // starts on a Monday, 28 days: exactly 4 rows
    expect(feb.length).toBe(4);
    expect(feb[0]?.[0]).toBe('2027-02-01');
  });

  it('spans months across a year end, and knows weekends and day arithmetic', () => {
    expect(monthRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthRange('2025-02', '2024-11')).toEqual([]);
    expect(isWeekend('2024-06-01')).toBe(true);
    expect(isWeekend('2024-06-03')).toBe(false);
    expect(daysBefore('2024-03-01', 1)).toBe('2024-02-29');
    expect(daysBefore('2026-08-21', 29)).toBe('2026-07-23');
  });
});
