import { load } from 'cheerio';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { monthlyCounts, peakMonth, trendSummary, trendSvg, type MonthCount } from '../../src/lib/charts.ts';

const months = ['2024-05', '2024-06', '2024-07', '2024-08', '2024-09'];
// July is not archived at all; September is archived and has no paper of this series.
const archivedDays = new Map<string, string[]>([
  ['2024-05', ['2024-05-30', '2024-05-31']],
  ['2024-06', ['2024-06-03', '2024-06-04']],
  ['2024-08', ['2024-08-01']],
  ['2024-09', ['2024-09-02']],
]);
const papers = [
  { featured: ['2024-05-30'] },
  // Featured twice in June: one paper in June. Also in August: counted there too.
  { featured: ['2024-06-03', '2024-06-04', '2024-08-01'] },
  { featured: ['2024-06-04'] },
  { featured: ['2024-08-01'] },
  { featured: ['2024-08-01'] },
];

/** The rectangles of one of the chart's paths (`bar`, `base`, `gap`): each starts with an absolute M. */
function rects(svg: string, cls: string): { x: number; y: number; h: number }[] {
  const d = load(svg, { xml: true })(`path.${cls}`).attr('d') ?? '';
  return [...d.matchAll(/M(\d+) (\d+)(?:v-?(\d+)|h\d+v(\d+))/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    h: Number(m[3] ?? m[4]),
  }));
}

describe('monthlyCounts', () => {
  it('counts distinct papers per month, null for months with no archived day, 0 for empty archived months', () => {
    expect(monthlyCounts(papers, months, archivedDays)).toEqual([
      { month: '2024-05', count: 1, days: 2 },
      { month: '2024-06', count: 2, days: 2 },
      { month: '2024-07', count: null, days: 0 },
      { month: '2024-08', count: 3, days: 1 },
      { month: '2024-09', count: 0, days: 1 },
    ]);
  });
});

describe('trendSummary', () => {
  const counts = monthlyCounts(papers, months, archivedDays);
  it('reads first and last archived month, peak, total and gaps', () => {
    expect(trendSummary('Agents', counts)).toBe(
      'Agents: 1 paper in May 2024, falling to 0 in Sep 2024; peak 3 in Aug 2024; 6 papers in all; 1 month not archived.',
    );
    expect(peakMonth(counts)).toEqual({ month: '2024-08', count: 3 });
  });
  it('says rising, and handles one month, nothing archived and an all-zero series', () => {
    const rising: MonthCount[] = [
      { month: '2024-05', count: 12, days: 5 },
      { month: '2026-08', count: 140, days: 15 },
    ];
    expect(trendSummary('Agents', rising)).toBe(
      'Agents: 12 papers in May 2024, rising to 140 in Aug 2026; 152 papers in all.',
    );
    expect(trendSummary('X', [{ month: '2024-05', count: 1, days: 1 }])).toBe('X: 1 paper in May 2024.');
    expect(trendSummary('X', [{ month: '2024-05', count: null, days: 0 }])).toBe('X: no archived months.');
    expect(
      trendSummary('X', [
        { month: '2024-05', count: 0, days: 3 },
        { month: '2024-06', count: 0, days: 3 },
      ]),
    ).toBe('X: no papers from May 2024 to Jun 2024.');
  });
});

describe('trendSvg', () => {
  const counts = monthlyCounts(papers, months, archivedDays);
  const svg = trendSvg(counts, { label: trendSummary('Agents', counts), height: 32 });

  it('draws one bar per month with papers, scaled to the peak, on integer coordinates', () => {
    const bars = rects(svg, 'bar');
    // May (1), June (2), August (3): July is a gap and September a zero, neither gets a bar.
    expect(bars.map((b) => b.x)).toEqual([1, 11, 31]);
    expect(bars.map((b) => b.h)).toEqual([10, 21, 31]);
    expect(svg).not.toMatch(/\d\.\d/);
  });

  it('tells a gap (shaded band) from a zero (baseline only)', () => {
    expect(rects(svg, 'gap')).toEqual([{ x: 20, y: 0, h: 32 }]);
    // Baselines under May-June and August-September: September has its baseline and no bar.
    expect(rects(svg, 'base')).toEqual([
      { x: 0, y: 31, h: 1 },
      { x: 30, y: 31, h: 1 },
    ]);
  });

  it('is one image with its summary as the accessible name, themable and sized by its viewBox', () => {
    const $ = load(svg, { xml: true });
    const root = $('svg');
    expect(root.attr('role')).toBe('img');
    expect(root.attr('aria-label')).toBe(trendSummary('Agents', counts));
    expect($('svg > title').text()).toBe(trendSummary('Agents', counts));
    expect(root.attr('viewBox')).toBe('0 0 50 32');
    expect(root.attr('width')).toBe('100%');
    expect($('path')).toHaveLength(3);
    for (const p of $('path').toArray()) expect($(p).attr('fill')).toBe('currentColor');
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('escapes its label and drops characters XML cannot carry', () => {
    const hostile = 'A "quoted" <script>alert(1)</script> & ]]> \u0001\u0008 label';
    const out = trendSvg(counts, { label: hostile, height: 32 });
    expect(XMLValidator.validate(out)).toBe(true);
    const $ = load(out, { xml: true });
    expect($('script')).toHaveLength(0);
    expect($('svg').attr('aria-label')).toBe('A "quoted" <script>alert(1)</script> & ]]> label');
    expect($('svg > title').text()).toBe('A "quoted" <script>alert(1)</script> & ]]> label');
    // The HTML parser reads the same: one svg element, no stray markup.
    const html = load(`<div>${out}</div>`);
    expect(html('div').children()).toHaveLength(1);
    expect(html('script')).toHaveLength(0);
  });

  it('stays small: a 28-month series is under 1.5 kB', () => {
    const long: MonthCount[] = Array.from({ length: 28 }, (_, i) => ({
      month: `20${24 + Math.floor((i + 4) / 12)}-${String(((i + 4) % 12) + 1).padStart(2, '0')}`,
      count: 100 + ((i * 37) % 400),
      days: 20,
    }));
    const out = trendSvg(long, { label: trendSummary('All papers', long), height: 128 });
    expect(rects(out, 'bar')).toHaveLength(28);
    expect(out.length).toBeLessThan(1500);
  });
});
