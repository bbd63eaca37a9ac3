// Trend charts and the weekly digest in the built fixture site, checked against the site's own data export.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportedDay } from '../../src/lib/export.ts';
import type { JsonFeed } from '../../src/lib/feeds.ts';
import { isoWeekKey, weekDays } from '../../src/lib/periods.ts';
import { buildFixtureSite, builtFile, readPage, type BuiltSite } from '../helpers/build-site.ts';
import { parseRss, xmlProblem } from '../helpers/xml.ts';

let site: BuiltSite;
let days: ExportedDay[];
/** Every month from the first archived one to the last: the charts' x axis. */
let months: string[];

beforeAll(async () => {
  site = await buildFixtureSite('/sub/path/');
  const dir = path.join(site.outDir, 'data/days');
  days = readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ExportedDay);
  const first = days[0]?.date ?? '';
  const last = days[days.length - 1]?.date ?? '';
  months = [];
  for (let y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7)); ; m++) {
    if (m > 12) [y, m] = [y + 1, 1];
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key === last.slice(0, 7)) break;
  }
});

/** Distinct papers per month among those featured, from the export (optionally of one topic). */
function expectedCounts(topic?: string): Map<string, number> {
  const seen = new Map<string, Set<string>>();
  for (const day of days) {
    for (const p of day.papers) {
      if (topic && !p.topics.includes(topic)) continue;
      const m = day.date.slice(0, 7);
      seen.set(m, (seen.get(m) ?? new Set()).add(p.id));
    }
  }
  return new Map([...seen].map(([m, ids]) => [m, ids.size]));
}

const archivedMonths = (): Set<string> => new Set(days.map((d) => d.date.slice(0, 7)));

/** Number of rectangles (subpaths) in one of a chart's paths. */
function rectCount($: cheerio.CheerioAPI, svg: cheerio.Cheerio<never>, cls: string): number {
  return ($(svg).find(`path.${cls}`).attr('d') ?? '').split('M').length - 1;
}

describe('/archive/ chart', () => {
  it('has one bar per month with papers, a gap band per run of unarchived months and a text alternative', () => {
    const $ = cheerio.load(readPage(site, 'archive/'));
    const svg = $('figure.trend svg[role="img"]');
    expect(svg).toHaveLength(1);
    const counts = expectedCounts();
    expect(rectCount($, svg as cheerio.Cheerio<never>, 'bar')).toBe(
      [...counts.values()].filter((n) => n > 0).length,
    );
    expect(rectCount($, svg as cheerio.Cheerio<never>, 'gap')).toBeGreaterThan(0);
    const label = svg.attr('aria-label') ?? '';
    expect(label).toMatch(/^All papers: \d+ papers in May 2024, (rising|falling) to \d+ in Aug 2026; /);
    expect(label).toContain(`${[...counts.values()].reduce((a, b) => a + b, 0)} papers in all`);
    expect(svg.find('title').text()).toBe(label);
    // The chart sits right under the intro, before the calendars.
    expect($('h1').nextAll('figure.trend').first().nextAll('section.year').length).toBeGreaterThan(0);
  });

  it('has a data table: every month of the span, "not archived" for gaps, and the counts', () => {
    const $ = cheerio.load(readPage(site, 'archive/'));
    const rows = $('figure.trend details table tbody tr');
    expect(rows).toHaveLength(months.length);
    const counts = expectedCounts();
    const archived = archivedMonths();
    rows.each((i, row) => {
      const m = months[i] ?? '';
      const cell = $(row).find('td').first().text();
      expect(cell, m).toBe(archived.has(m) ? String(counts.get(m) ?? 0) : 'not archived');
    });
    // Readable axes: the first and last month, the peak.
    expect($('figure.trend .x').text()).toContain('May 2024');
    expect($('figure.trend .x').text()).toContain('Aug 2026');
    expect($('figure.trend .y').text()).toContain(String(Math.max(...counts.values())));
  });
});

describe('/topics/ small multiples and topic pages', () => {
  it('gives every topic a strip with one bar per month the topic has papers in', () => {
    const $ = cheerio.load(readPage(site, 'topics/'));
    const items = $('.topic-list > li');
    expect(items).toHaveLength(27);
    items.each((_, li) => {
      const slug = /\/topics\/([a-z0-9-]+)\/$/.exec($(li).find('a').first().attr('href') ?? '')?.[1] ?? '';
      const name = $(li).find('a').first().text();
      const svg = $(li).find('.trend.strip svg[role="img"]');
      expect(svg, slug).toHaveLength(1);
      const bars = [...expectedCounts(slug).values()].filter((n) => n > 0).length;
      expect(rectCount($, svg as cheerio.Cheerio<never>, 'bar'), slug).toBe(bars);
      expect(svg.attr('aria-label')?.startsWith(`${name}: `), slug).toBe(true);
      // Small: a strip is one svg of three paths at most, well under 1.5 kB.
      expect($.html(svg).length, slug).toBeLessThan(1500);
    });
  });

  it('shows a larger chart with its data table on a topic page', () => {
    const $ = cheerio.load(readPage(site, 'topics/llm/'));
    const svg = $('figure.trend svg[role="img"]');
    expect(svg).toHaveLength(1);
    expect(svg.attr('aria-label')).toMatch(/^Large language models: /);
    expect(rectCount($, svg as cheerio.Cheerio<never>, 'bar')).toBe(
      [...expectedCounts('llm').values()].filter((n) => n > 0).length,
    );
    expect($('figure.trend details table tbody tr')).toHaveLength(months.length);
  });
});

describe('weekly digest feeds', () => {
  /** Weeks that are over (a later day is archived) and featured papers: the digest's items, newest first. */
  function expectedWeeks(): { key: string; lastDay: string; ids: Set<string> }[] {
    const latest = days[days.length - 1]?.date ?? '';
    const weeks = new Map<string, { key: string; lastDay: string; ids: Set<string> }>();
    for (const d of days) {
      const key = isoWeekKey(d.date);
      if (!(latest > (weekDays(key)[6] ?? ''))) continue;
      const w = weeks.get(key) ?? { key, lastDay: d.date, ids: new Set<string>() };
      w.lastDay = d.date;
      for (const p of d.papers) w.ids.add(p.id);
      weeks.set(key, w);
    }
    return [...weeks.values()].filter((w) => w.ids.size > 0).reverse();
  }

  it('RSS: well-formed XML, one item per finished week, at most 10 papers each, hostile text inert', () => {
    const xml = readFileSync(builtFile(site, 'digest.xml'), 'utf8');
    expect(xmlProblem(xml)).toBeUndefined();
    const items = parseRss(xml).rss.channel.item ?? [];
    const weeks = expectedWeeks();
    expect(weeks.length).toBeGreaterThan(1);
    expect(items.map((i) => i.guid['#text'])).toEqual(
      weeks.map((w) => `https://example.org/sub/path/papers/week/${w.key}/`),
    );
    let hostileSeen = false;
    items.forEach((item, i) => {
      const week = weeks[i];
      expect(new Date(item.pubDate).toISOString().slice(0, 10)).toBe(week?.lastDay);
      const $ = cheerio.load(item['content:encoded'] ?? '');
      const cards = $('ol > li');
      expect(cards.length).toBe(Math.min(10, week?.ids.size ?? 0));
      expect($('script, img, b, i')).toHaveLength(0);
      cards.each((_, li) => {
        const href = $(li).find('a').attr('href') ?? '';
        const id = /\/papers\/([^/]+(?:\/[^/]+)?)\/$/.exec(href)?.[1] ?? '';
        expect(week?.ids.has(id), href).toBe(true);
        expect($(li).text()).toMatch(/\d+ upvotes?/);
      });
      if ($.text().includes('<script>alert(1)</script> Hostile')) hostileSeen = true;
    });
    // The fixture's hostile paper (2401.00001, week 2024-W23) shows its markup as text.
    expect(hostileSeen).toBe(true);
  });

  it('JSON Feed: parses, same items as the RSS, autodiscovery-ready URLs, linked from the footer', () => {
    const feed = JSON.parse(readFileSync(builtFile(site, 'digest.json'), 'utf8')) as JsonFeed;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://example.org/sub/path/digest.json');
    expect(feed.items.map((i) => i.id)).toEqual(
      expectedWeeks().map((w) => `https://example.org/sub/path/papers/week/${w.key}/`),
    );
    for (const item of feed.items) {
      expect(cheerio.load(item.content_html)('ol > li').length).toBeLessThanOrEqual(10);
    }
    const $ = cheerio.load(readPage(site, ''));
    expect($('footer a[href="/sub/path/digest.xml"]').text()).toBe('Weekly digest (RSS)');
  });
});
