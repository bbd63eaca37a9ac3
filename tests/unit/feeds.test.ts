import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import rss from '@astrojs/rss';
import {
  jsonFeed,
  jsonFeedDocument,
  latestFeatured,
  RSS_XMLNS,
  rssItems,
  type JsonFeed,
} from '../../src/lib/feeds.ts';
import { paperSchema } from '../../src/lib/paper.ts';
import { parseRss, xmlProblem } from '../helpers/xml.ts';
import { hostilePaper, noidPaper, realPaper } from './site-libs.sample.ts';

const where = { site: 'https://u.github.io', base: '/repo/' };
const papers = [realPaper, noidPaper, hostilePaper];

/** The JSON Feed 1.1 rules a reader relies on (https://jsonfeed.org/version/1.1). */
function assertValidJsonFeed(feed: JsonFeed): void {
  expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
  expect(typeof feed.title).toBe('string');
  expect(Array.isArray(feed.items)).toBe(true);
  for (const url of [feed.home_page_url, feed.feed_url]) expect(new URL(url).protocol).toBe('https:');
  const ids = new Set<string>();
  for (const item of feed.items) {
    expect(typeof item.id).toBe('string');
    expect(ids.has(item.id)).toBe(false);
    ids.add(item.id);
    expect(typeof item.content_html === 'string' && item.content_html.length > 0).toBe(true);
    expect(new Date(item.date_published).toISOString()).toBe(item.date_published);
    for (const a of item.authors ?? []) expect(a.name.length).toBeGreaterThan(0);
  }
}

describe('latestFeatured', () => {
  it('orders by last featured day, newest first, and limits', () => {
    expect(latestFeatured(papers).map((p) => p.id)).toEqual([noidPaper.id, hostilePaper.id, realPaper.id]);
    expect(latestFeatured(papers, 1).map((p) => p.id)).toEqual([noidPaper.id]);
  });
});

describe('jsonFeed', () => {
  const feed = jsonFeed(papers, { ...where, title: 'Daily Papers Archive', description: 'Latest papers' });
  it('is a valid JSON Feed 1.1 document that survives a JSON round trip', () => {
    assertValidJsonFeed(JSON.parse(JSON.stringify(feed)) as JsonFeed);
    expect(feed.feed_url).toBe('https://u.github.io/repo/feed.json');
    expect(feed.home_page_url).toBe('https://u.github.io/repo/');
  });
  it('carries permalink, plain title, featured day, excerpt, rendered abstract, authors and topics', () => {
    const item = feed.items.find((i) => i.external_url === 'https://arxiv.org/abs/2410.10672');
    expect(item).toMatchObject({
      id: 'https://u.github.io/repo/papers/2410.10672/',
      url: 'https://u.github.io/repo/papers/2410.10672/',
      title: 'Large Language Model Evaluation via Matrix Nuclear-Norm',
      date_published: '2024-10-17T00:00:00.000Z',
      tags: ['evaluation', 'llm'],
    });
    expect(item?.authors?.map((a) => a.name)).toEqual(['Yahan Li', 'Tingyu Xia', 'Yi Chang', 'Yuan Wu']);
    expect(item?.summary).toContain('due to their O(n^3) time complexity');
    expect(item?.summary.length).toBeLessThanOrEqual(300);
    expect(load(item?.content_html ?? '')('.katex')).toHaveLength(3);
  });
  it('keeps hostile text inert and gives abstract-less papers content', () => {
    const hostile = feed.items.find((i) => i.id.endsWith('/2608.00001/'));
    const $ = load(hostile?.content_html ?? '');
    expect($('script, img')).toHaveLength(0);
    expect($('a')).toHaveLength(0);
    const quiet = feed.items.find((i) => i.id.includes('noid-'));
    expect(quiet?.content_html).toBe('<p>The Quiet Paper</p>');
    expect(quiet?.external_url).toBeUndefined();
    expect(quiet?.authors).toBeUndefined();
  });
});

describe('rssItems through @astrojs/rss', () => {
  it('produces RSS 2.0 that parses, with escaped content and dc:creator authors', async () => {
    const res = await rss({
      title: 'Daily Papers Archive',
      description: 'Latest papers',
      site: 'https://u.github.io/repo/',
      xmlns: RSS_XMLNS,
      items: rssItems(papers, where),
    });
    const xml = await res.text();
    const $ = load(xml, { xml: true });
    expect($('rss').attr('version')).toBe('2.0');
    const items = $('channel > item');
    expect(items).toHaveLength(3);
    const first = items.filter((_, el) => $(el).find('link').text().endsWith('/2410.10672/'));
    expect(first.find('title').text()).toBe('Large Language Model Evaluation via Matrix Nuclear-Norm');
    expect(first.find('link').text()).toBe('https://u.github.io/repo/papers/2410.10672/');
    expect(new Date(first.find('pubDate').text()).toISOString()).toBe('2024-10-17T00:00:00.000Z');
    expect(
      first
        .find('dc\\:creator')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['Yahan Li', 'Tingyu Xia', 'Yi Chang', 'Yuan Wu']);
    expect(
      first
        .find('category')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['evaluation', 'llm']);
    // The hostile paper's markup is text inside the XML, never elements.
    expect($('script, img')).toHaveLength(0);
    const hostile = items.filter((_, el) => $(el).find('link').text().endsWith('/2608.00001/'));
    expect(hostile.find('title').text()).toContain('<script>alert(1)</script>');
    expect(hostile.find('dc\\:creator').eq(1).text()).toBe("José O'Neil & Co");
  });
});

describe('hostile strings in the RSS and JSON feeds', () => {
  // XML 1.0 cannot carry these even as character references: one left in makes the whole feed unreadable.
  const controls = paperSchema.parse({
    ...noidPaper,
    id: '2608.00002',
    title: 'Bell\u0007 and ]]> <![CDATA[ & \u0001title\ufffe',
    authors: [{ name: 'Null\u0000 Byte' }],
    featured: ['2026-08-22'],
  });
  const paper = { ...controls, abstract: 'Text with \u001b[31m escape', topics: ['llm\u0008'] };

  it('RSS stays well-formed XML 1.0 and keeps the text readable', async () => {
    const res = await rss({
      title: 'Daily Papers Archive',
      description: 'Latest papers',
      site: 'https://u.github.io/repo/',
      xmlns: RSS_XMLNS,
      items: rssItems([paper, hostilePaper], where),
    });
    const xml = await res.text();
    expect(xmlProblem(xml)).toBeUndefined();
    const item = parseRss(xml).rss.channel.item?.[0];
    expect(item?.title).toBe('Bell and ]]> <![CDATA[ & title');
    expect(item?.['dc:creator']).toBe('Null Byte');
    expect(item?.description).toBe('Text with [31m escape');
  });

  it('JSON Feed items carry no control characters either', () => {
    const feed = jsonFeed([paper], { ...where, title: 'T', description: 'D' });
    const item = feed.items[0];
    expect(item?.title).toBe('Bell and ]]> <![CDATA[ & title');
    expect(item?.authors).toEqual([{ name: 'Null Byte' }]);
    expect(item?.tags).toEqual(['llm']);
    expect(JSON.stringify(feed)).not.toMatch(/\\u000[0-8b]|\\u001[0-9a-f]|\ufffe/);
  });
});

describe('jsonFeedDocument', () => {
  it('wraps any entries (the weekly digest uses it) with its own feed URL', () => {
    const doc = jsonFeedDocument(
      [
        {
          url: 'https://u.github.io/repo/papers/week/2026-W33/',
          title: 'Week <33>',
          date: new Date('2026-08-14T00:00:00Z'),
          summary: 'S',
          html: '',
        },
      ],
      { ...where, title: 'Digest', description: 'Weekly', feedPath: 'digest.json' },
    );
    expect(doc.feed_url).toBe('https://u.github.io/repo/digest.json');
    expect(doc.items).toEqual([
      {
        id: 'https://u.github.io/repo/papers/week/2026-W33/',
        url: 'https://u.github.io/repo/papers/week/2026-W33/',
        title: 'Week <33>',
        content_html: '<p>Week &#60;33&#62;</p>',
        summary: 'S',
        date_published: '2026-08-14T00:00:00.000Z',
      },
    ]);
  });
});
