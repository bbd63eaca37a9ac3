// Paper cards on every list (day, week, month, home) of the built fixture site, the period pages' top papers and
// day groups, the home page's two lists, and the paper page's preview image.
import path from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArchive, type Archive } from '../../src/lib/view/build-archive.ts';
import { homeListing, periodListing, weekLabel, weekSpan } from '../../src/lib/view/listings.ts';
import { readContentDir } from '../../src/lib/content/read.ts';
import { organizationKey } from '../../src/lib/organizations.ts';
import type { DayManifest, Paper } from '../../src/lib/paper.ts';
import { buildFixtureSite, FIXTURE_CONTENT, readPage, ROOT, type BuiltSite } from '../helpers/build-site.ts';

let site: BuiltSite;
let archive: Archive;
const byId = new Map<string, Paper>();
const days = new Map<string, DayManifest>();

beforeAll(async () => {
  site = await buildFixtureSite('/');
  const content = await readContentDir(path.join(ROOT, FIXTURE_CONTENT));
  for (const { data } of content.papers) byId.set(data.id, data);
  for (const d of content.days) days.set(d.date, d);
  archive = buildArchive(content.papers, content.days);
}, 600_000);

const load = (p: string) => cheerio.load(readPage(site, p));
type Doc = cheerio.CheerioAPI;
type Sel = ReturnType<Doc>;
const idOf = (href: string | undefined) => (href ?? '').replace(/^\/papers\/|\/$/g, '');
const cardIds = ($: Doc, scope: Sel) =>
  scope
    .find('article.paper-card .paper-title a')
    .map((_, el) => idOf($(el).attr('href')))
    .get();
const paper = (id: string): Paper => {
  const p = byId.get(id);
  if (!p) throw new Error(`no fixture paper ${id}`);
  return p;
};
const text = (s: Sel) => s.text().replace(/\s+/g, ' ').trim();

/** Every card in `scope`: a fixed-size lazy thumbnail when the paper has one, the placeholder always. */
function expectCards($: Doc, scope: Sel, where: string): number {
  const cards = scope.find('article.paper-card');
  expect(cards.length, where).toBeGreaterThan(0);
  let withImage = 0;
  cards.each((_, el) => {
    const card = $(el);
    const id = idOf(card.find('.paper-title a').attr('href'));
    const p = paper(id);
    const thumb = card.find('a.thumb');
    // The image link duplicates the title link for pointers only.
    expect(thumb.attr('href'), `${where} ${id}`).toBe(`/papers/${id}/`);
    expect(thumb.attr('aria-hidden'), `${where} ${id}`).toBe('true');
    expect(thumb.attr('tabindex'), `${where} ${id}`).toBe('-1');
    const placeholder = thumb.children('span.ph');
    expect(placeholder.length, `${where} ${id}: placeholder`).toBe(1);
    expect(placeholder.attr('data-id'), `${where} ${id}`).toBe(id);
    const img = thumb.find('img');
    if (p.thumbnail) {
      withImage++;
      expect(img.length, `${where} ${id}: thumbnail`).toBe(1);
      expect(img.attr('src')).toBe(p.thumbnail);
      expect(img.attr('alt')).toBe('');
      expect(Number(img.attr('width'))).toBeGreaterThan(0);
      expect(Number(img.attr('height'))).toBeGreaterThan(0);
      expect(img.attr('loading')).toBe('lazy');
      expect(img.attr('decoding')).toBe('async');
      // The failed image draws the same placeholder over itself (CSS on .ph).
      expect(img.hasClass('ph')).toBe(true);
      expect(img.attr('data-id')).toBe(id);
      expect(img.attr('data-topic')).toBe(placeholder.attr('data-topic'));
    } else {
      expect(img.length, `${where} ${id}: no thumbnail`).toBe(0);
    }
  });
  return withImage;
}

describe('cards on every list', () => {
  it('day page: a card per paper, most upvoted first, with sized lazy thumbnails and placeholders', () => {
    const $ = load('papers/date/2026-08-21/');
    const ids = cardIds($, $('main'));
    expect([...ids].sort()).toEqual([...(days.get('2026-08-21')?.ids ?? [])].sort());
    const votes = ids.map((id) => paper(id).upvotes);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect(expectCards($, $('main'), 'day')).toBeGreaterThan(10);
    expect(texts($, 'main .paper-card .rank')).toEqual(ids.map((_, i) => String(i + 1)));
  });

  it('day page of hand-written papers: no thumbnail means the placeholder alone', () => {
    const $ = load('papers/date/2024-06-04/');
    expect(expectCards($, $('main'), 'day 2024-06-04')).toBe(0);
    expect($('main img').length).toBe(0);
  });

  it('week, month and home lists are cards with thumbnails too', () => {
    for (const [p, scope] of [
      ['papers/week/2026-W34/', 'section:has(#top-heading)'],
      ['papers/month/2026-08/', 'section:has(#top-heading)'],
      ['', 'section:has(#latest-heading)'],
      ['', 'section:has(#week-heading)'],
    ] as const) {
      const $ = load(p);
      expect(expectCards($, $(scope), `${p} ${scope}`), `${p} ${scope}`).toBeGreaterThan(0);
    }
  });

  it('links the first three authors to their author pages and counts the rest', () => {
    const $ = load('papers/date/2024-06-04/');
    const card = (id: string) => $(`article.paper-card:has(.paper-title a[href="/papers/${id}/"])`);
    const many = card('hep-th/9901001');
    const names = paper('hep-th/9901001').authors.map((a) => a.name);
    expect(
      many
        .find('.authors a')
        .map((_, el) => [[$(el).text(), $(el).attr('href')]])
        .get(),
    ).toEqual(names.slice(0, 3).map((n) => [n, `/authors/?name=${encodeURIComponent(n)}`]));
    expect(text(many.find('.more-authors'))).toBe(`+${names.length - 3} more authors`);
    expect(text(many.find('.authors'))).toBe(
      `${names.slice(0, 3).join(', ')} +${names.length - 3} more authors`,
    );
    // 2401.00003 has two authors: all linked, no count.
    const two = card('2401.00003');
    expect(two.find('.authors a').length).toBe(paper('2401.00003').authors.length);
    expect(two.find('.more-authors').length).toBe(0);
  });

  it('links the organisation by its key, with code (and HF stars), counts and the AI summary labelled', () => {
    const $ = load('papers/date/2024-06-03/');
    const card = $('article.paper-card:has(.paper-title a[href="/papers/2401.00001/"])');
    const p = paper('2401.00001');
    const org = card.find('a.org');
    expect(org.attr('href')).toBe(`/organizations/${organizationKey(p.organization!)}/`);
    expect(org.attr('href')).toBe('/organizations/evil-org/');
    // Hostile strings stay text.
    expect(org.text()).toBe('<i>Evil</i> Org <script>alert(4)</script>');
    expect(card.find('a.code').attr('href')).toBe('https://github.com/example/hostile');
    expect(text(card.find('a.code'))).toBe('Code ★ 1,234 stars');
    expect(text(card.find('.meta'))).toMatch(
      /^▲ 7 upvotes · 1 comment · <i>Evil<\/i> Org .* · Code ★ 1,234 stars$/,
    );
    const summary = card.find('.summary');
    expect(summary.find('.summary-label').text()).toBe('AI summary:');
    expect(text(summary)).toBe('AI summary: AI summary with <script>alert(6)</script> inside.');
    // Without an AI summary, the abstract's start, unlabelled.
    const plain = $('article.paper-card:has(.paper-title a[href="/papers/2401.00002/"]) .summary');
    expect(plain.find('.summary-label').length).toBe(0);
    expect(text(plain)).toMatch(/^We show that attention runs in/);
    // Topics as chips.
    expect(card.find('.topics .chips a.chip').length).toBeGreaterThan(0);
  });

  it('glues no words on the list pages', () => {
    for (const p of ['', 'papers/date/2026-08-21/', 'papers/week/2026-W34/', 'papers/month/2026-08/']) {
      const $ = load(p);
      const main = text($('main'));
      expect(main, p).not.toMatch(/\d(?:papers?|days?|upvotes?|comments?|authors?|archived)\b/);
      expect(main, p).not.toMatch(/\b(?:Days|day|papers|summary):[^\s]/);
      expect(main, p).not.toMatch(/[a-z](?:upvotes|comments)\b/);
    }
  });
});

describe('week and month pages', () => {
  it('a week opens with its top 10 cards, then the rest as rows under each day, newest day first', () => {
    const $ = load('papers/week/2026-W34/');
    expect(text($('h1'))).toBe('Week 34, 2026 17–23 Aug');
    expect($('title').text()).toMatch(/^Week 34, 2026 \(17–23 Aug\) · /);
    const dates = ['2026-08-21', '2026-08-20'];
    const all = [...new Set(dates.flatMap((d) => days.get(d)?.ids ?? []))];
    const ranked = [...all].sort((a, b) => paper(b).upvotes - paper(a).upvotes);

    const top = cardIds($, $('section:has(#top-heading)'));
    expect($('#top-heading').text()).toBe('Top 10');
    expect(top.length).toBe(10);
    expect(top.map((id) => paper(id).upvotes)).toEqual(ranked.slice(0, 10).map((id) => paper(id).upvotes));
    expect(texts($, 'section:has(#top-heading) .rank')).toEqual(top.map((_, i) => String(i + 1)));

    const groups = $('section.day-group');
    expect(groups.map((_, el) => $(el).attr('id')).get()).toEqual(dates.map((d) => `day-${d}`));
    const seen = new Set(top);
    groups.each((i, el) => {
      const g = $(el);
      const date = dates[i]!;
      const listed = days.get(date)?.ids ?? [];
      expect(g.find('h3 a').attr('href')).toBe(`/papers/date/${date}/`);
      const inTop = listed.filter((id) => top.includes(id)).length;
      expect(text(g.find('.day-count'))).toBe(`${listed.length} papers, ${inTop} in the top 10`);
      const rows = g
        .find('ol.rows .row-title')
        .map((_, a) => idOf($(a).attr('href')))
        .get();
      expect(rows.map((id) => paper(id).upvotes)).toEqual(
        [...rows].map((id) => paper(id).upvotes).sort((a, b) => b - a),
      );
      for (const id of rows) {
        expect(listed).toContain(id);
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    });
    // Every paper of the week exactly once.
    expect([...seen].sort()).toEqual([...all].sort());
    // The compact rows carry upvotes and the organisation link.
    const row = $('ol.rows li').first();
    expect(row.find('.upvotes').text()).toMatch(/^▲ \d+/);
    expect($('ol.rows li a[href^="/organizations/"]').length).toBeGreaterThan(0);
    // A jump list to each day's group.
    expect(hrefs($, 'nav.day-strip a')).toEqual(dates.map((d) => `#day-${d}`));
    expect($('article.paper-card').length).toBe(10);
  });

  it('a month with fewer papers than its top shows them all as cards, and each day says so', () => {
    const $ = load('papers/month/2024-06/');
    expect($('h1').text().trim()).toBe('June 2024');
    expect($('article.paper-card').length).toBe(7);
    expect($('ol.rows li').length).toBe(0);
    const notes = texts($, 'section.day-group .day-note');
    expect(notes).toEqual([
      'No papers were listed on this day.',
      'All of them are in the top 7 above.',
      'All of them are in the top 7 above.',
    ]);
  });

  it('keeps one page per period: no paginated copies', () => {
    expect(() => readPage(site, 'papers/week/2026-W34/2/')).toThrow();
    expect(() => readPage(site, 'papers/month/2026-08/2/')).toThrow();
  });

  it('puts a paper featured on two days of the period under the later one, once', () => {
    // 2401.00003 is on 3 and 4 June; with a top of 1 it is the top, with a top of 0 it is under 4 June only.
    const dates = ['2024-06-03', '2024-06-04', '2024-06-05'];
    const ids = (top: number) =>
      periodListing(archive, dates, top).days.map((g) => [g.date, g.total, g.inTop, g.rest.map((p) => p.id)]);
    expect(ids(1)).toEqual([
      ['2024-06-05', 0, 0, []],
      [
        '2024-06-04',
        5,
        1,
        ['hep-th/9901001', 'noid-listing-only-paper-1a2b3c4d', '2401.00004', '2401.00005'],
      ],
      ['2024-06-03', 3, 1, ['2401.00002', '2401.00001']],
    ]);
    expect(ids(0)[1]?.[3]).toContain('2401.00003');
    expect(ids(0)[2]?.[3]).not.toContain('2401.00003');
  });

  it('labels weeks for people: span within a month, across months and across years', () => {
    expect(weekSpan('2026-W34')).toBe('17–23 Aug');
    expect(weekSpan('2026-W31')).toBe('27 Jul – 2 Aug');
    expect(weekSpan('2026-W01')).toBe('29 Dec 2025 – 4 Jan 2026');
    expect(weekLabel('2024-W23')).toBe('Week 23, 2024 · 3–9 Jun');
  });
});

describe('home page', () => {
  it('shows the newest day as cards, then the week’s best that the day does not already show', () => {
    const $ = load('');
    const day = cardIds($, $('section:has(#latest-heading)'));
    expect([...day].sort()).toEqual([...(days.get('2026-08-21')?.ids ?? [])].sort());
    const week = cardIds($, $('section:has(#week-heading)'));
    expect(week.length).toBe(10);
    for (const id of week) expect(day, id).not.toContain(id);
    // The best of the rest of the week, most upvoted first.
    const others = (days.get('2026-08-20')?.ids ?? []).filter((id) => !day.includes(id));
    const best = others.sort((a, b) => paper(b).upvotes - paper(a).upvotes).slice(0, 10);
    expect(week.map((id) => paper(id).upvotes)).toEqual(best.map((id) => paper(id).upvotes));
    expect(text($('#week-heading'))).toBe('Best of the week: Week 34, 2026 · 17–23 Aug');
    expect($('#week-heading a').attr('href')).toBe('/papers/week/2026-W34/');
  });
});

describe('home listing', () => {
  it('on a Monday (the week has only the latest day), takes the week before’s best', () => {
    // An archive cut after 2024-06-03 (a Monday): its week holds nothing else, so the previous week's best follow.
    const cut = buildArchive(
      [...byId.values()].map((data) => ({ data })),
      [...days.values()].filter((d) => d.date <= '2024-06-03'),
    );
    const home = homeListing(cut);
    expect(home.latest).toBe('2024-06-03');
    expect(home.week).toBe('2024-W22');
    expect(home.weekBest.length).toBe(10);
    for (const p of home.weekBest) expect(p.featured).toContain('2024-05-27');
  });
});

describe('paper page preview image', () => {
  it('uses the thumbnail as og:image with a large Twitter card, and a plain card without one', () => {
    const id = '2608.19880';
    const $ = load(`papers/${id}/`);
    expect($('meta[property="og:image"]').attr('content')).toBe(paper(id).thumbnail);
    expect($('meta[name="twitter:image"]').attr('content')).toBe(paper(id).thumbnail);
    expect($('meta[name="twitter:card"]').attr('content')).toBe('summary_large_image');
    const none = load('papers/2401.00002/');
    expect(none('meta[property="og:image"]').length).toBe(0);
    expect(none('meta[name="twitter:card"]').attr('content')).toBe('summary');
  });
});

function texts($: Doc, sel: string): string[] {
  return $(sel)
    .map((_, el) => text($(el)))
    .get();
}
function hrefs($: Doc, sel: string): string[] {
  return $(sel)
    .map((_, el) => $(el).attr('href') ?? '')
    .get();
}
