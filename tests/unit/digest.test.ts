import rss from '@astrojs/rss';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import {
  DIGEST_PAPERS,
  digestEntry,
  digestWeeks,
  type DigestPaper,
  type DigestWeek,
} from '../../src/lib/digest.ts';
import { jsonFeedDocument, RSS_XMLNS, rssItem, type JsonFeed } from '../../src/lib/feeds.ts';
import { parseRss, xmlProblem } from '../helpers/xml.ts';

const where = { site: 'https://u.github.io', base: '/repo/' };

/** Every string a reader or parser could choke on: markup, entities, CDATA end, control characters. */
const HOSTILE = '<b>bold</b> & &amp; ]]> <![CDATA[x]]> \u0001\u0007\u000b\u001f\ufffe "q" \'a\'';
const HOSTILE_SHOWN = '<b>bold</b> & &amp; ]]> <![CDATA[x]]> "q" \'a\'';

function paper(id: string, upvotes: number, extra: Partial<DigestPaper> = {}): DigestPaper {
  return {
    id,
    title: `Paper ${id}`,
    authors: [{ name: 'Ada Lovelace' }, { name: 'Alan Turing' }],
    upvotes,
    abstract: `Abstract of ${id}. It goes on.`,
    ...extra,
  };
}

const hostile = paper('2608.00001', 99, {
  title: `Owning ${HOSTILE} $x_1$`,
  authors: [{ name: `Eve ${HOSTILE}` }],
  organization: { name: 'evil', fullname: `Org ${HOSTILE}` },
  aiSummary: `Summary ${HOSTILE}`,
});

// 2026-W33 (10-16 Aug) is over once 2026-08-17 is archived; 2026-W34 is still being filled.
const weeks = new Map<string, string[]>([
  ['2026-W31', ['2026-07-27', '2026-07-28']],
  ['2026-W32', ['2026-08-03']],
  ['2026-W33', ['2026-08-10', '2026-08-14']],
  ['2026-W34', ['2026-08-17', '2026-08-18']],
]);
const byWeekStart: Record<string, DigestPaper[]> = {
  '2026-07-27': Array.from({ length: 14 }, (_, i) => paper(`2607.${String(10000 + i)}`, 100 - i)),
  // Archived, but no paper: no item (an empty e-mail is noise).
  '2026-08-03': [],
  '2026-08-10': [hostile, paper('2608.00002', 5)],
  '2026-08-17': [paper('2608.00003', 1)],
};
const papersOf = (days: readonly string[]) => byWeekStart[days[0] ?? ''] ?? [];

describe('digestWeeks', () => {
  const out = digestWeeks(weeks, '2026-08-18', papersOf);
  it('lists finished weeks with papers, newest first, each cut to its top papers', () => {
    expect(out.map((w) => w.key)).toEqual(['2026-W33', '2026-W31']);
    expect(out[1]?.papers).toHaveLength(DIGEST_PAPERS);
    expect(out[1]?.total).toBe(14);
    expect(out[1]?.papers.map((p) => p.upvotes)).toEqual([100, 99, 98, 97, 96, 95, 94, 93, 92, 91]);
    expect(out[0]?.days).toEqual(['2026-08-10', '2026-08-14']);
  });
  it('keeps a week out until a later day is archived, and stops at the limit', () => {
    expect(digestWeeks(weeks, '2026-08-16', papersOf).map((w) => w.key)).toEqual(['2026-W31']);
    expect(digestWeeks(weeks, '2026-08-24', papersOf, { limit: 2 }).map((w) => w.key)).toEqual([
      '2026-W34',
      '2026-W33',
    ]);
  });
});

describe('digestEntry', () => {
  const [w33, w31] = digestWeeks(weeks, '2026-08-18', papersOf) as [DigestWeek, DigestWeek];
  const entry = digestEntry(w33, where);

  it('is the week: its page as permalink, its last archived day as date, a title fit for a subject line', () => {
    expect(entry.url).toBe('https://u.github.io/repo/papers/week/2026-W33/');
    expect(entry.date.toISOString()).toBe('2026-08-14T00:00:00.000Z');
    expect(entry.title).toBe('Top 2 papers, week of 10 Aug 2026 (2026-W33)');
    expect(digestEntry(w31, where).title).toBe('Top 10 papers, week of 27 Jul 2026 (2026-W31)');
    expect(digestEntry(w31, where).summary).toMatch(/^The 10 most upvoted of the 14 papers featured/);
  });

  it('holds one card per paper: linked title, authors, organisation, upvotes and a summary', () => {
    const $ = load(digestEntry(w31, where).html);
    expect($('ol > li')).toHaveLength(10);
    const first = $('ol > li').first();
    expect(first.find('a').attr('href')).toBe('https://u.github.io/repo/papers/2607.10000/');
    expect(first.find('a strong').text()).toBe('Paper 2607.10000');
    expect(first.text()).toContain('Ada Lovelace, Alan Turing · 100 upvotes');
    expect(first.text()).toContain('Abstract of 2607.10000.');
    expect($('p > a[href="https://u.github.io/repo/papers/week/2026-W31/"]').text()).toBe(
      'All papers of the week',
    );
  });

  it('escapes every upstream string: hostile text stays text', () => {
    const $ = load(entry.html);
    expect($('b, script')).toHaveLength(0);
    const card = $('ol > li').first();
    expect(card.find('strong').text()).toBe(`Owning ${HOSTILE_SHOWN} x_1`);
    expect(card.text()).toContain(`Eve ${HOSTILE_SHOWN} · Org ${HOSTILE_SHOWN} · 99 upvotes`);
    expect(card.text()).toContain(`Summary ${HOSTILE_SHOWN}`);
  });
});

describe('the digest as RSS 2.0 and JSON Feed 1.1', () => {
  const entries = digestWeeks(weeks, '2026-08-18', papersOf).map((w) => digestEntry(w, where));

  it('is well-formed XML with hostile strings, one item per week, guid the week page', async () => {
    const xml = await (
      await rss({
        title: 'Digest',
        description: 'Weekly',
        site: 'https://u.github.io/repo/',
        xmlns: RSS_XMLNS,
        items: entries.map(rssItem),
      })
    ).text();
    expect(xmlProblem(xml)).toBeUndefined();
    const items = parseRss(xml).rss.channel.item ?? [];
    expect(items.map((i) => i.guid['#text'])).toEqual([
      'https://u.github.io/repo/papers/week/2026-W33/',
      'https://u.github.io/repo/papers/week/2026-W31/',
    ]);
    expect(items.map((i) => i.guid['@_isPermaLink'])).toEqual(['true', 'true']);
    expect(new Date(items[0]?.pubDate ?? '').toISOString()).toBe('2026-08-14T00:00:00.000Z');
    // The item's HTML survives the XML round trip and still holds the hostile title as text.
    const $ = load(items[0]?.['content:encoded'] ?? '');
    expect($('ol > li')).toHaveLength(2);
    expect($('b, script')).toHaveLength(0);
    expect($('strong').first().text()).toBe(`Owning ${HOSTILE_SHOWN} x_1`);
    expect(load(items[1]?.['content:encoded'] ?? '')('ol > li')).toHaveLength(10);
  });

  it('is a JSON Feed 1.1 document with the same items', () => {
    const feed = JSON.parse(
      JSON.stringify(
        jsonFeedDocument(entries, {
          ...where,
          title: 'Digest',
          description: 'Weekly',
          feedPath: 'digest.json',
        }),
      ),
    ) as JsonFeed;
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe('https://u.github.io/repo/digest.json');
    expect(feed.items.map((i) => i.id)).toEqual([
      'https://u.github.io/repo/papers/week/2026-W33/',
      'https://u.github.io/repo/papers/week/2026-W31/',
    ]);
    expect(feed.items[0]?.date_published).toBe('2026-08-14T00:00:00.000Z');
    const html = feed.items[0]?.content_html ?? '';
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe]/);
    expect(load(html)('ol > li')).toHaveLength(2);
  });
});
