// Feeds of the archive: entries as JSON Feed 1.1 and as the items @astrojs/rss turns into RSS 2.0 (latest papers here).
import type { RSSFeedItem } from '@astrojs/rss';
import { dayStart } from './dates.ts';
import { excerpt } from './format.ts';
import { absoluteUrl, arxivAbsUrl, paperPagePath } from './links.ts';
import { escapeHtml, plainText, renderAbstractHtml } from './math.ts';
import type { Paper } from './paper.ts';
import { cleanText } from './text.ts';

/** What a feed item needs from a paper (an `ArchivePaper` fits). */
export type FeedPaper = Pick<Paper, 'id' | 'title' | 'authors' | 'featured'> & {
  abstract: string;
  topics: readonly string[];
};

/** Where the site lives: `site` is the origin (astro `site`), `base` the path prefix (`/` or `/repo/`). */
export interface SiteLocation {
  site: string | URL;
  base: string;
}

export interface FeedOptions extends SiteLocation {
  title: string;
  description: string;
  /** How many papers the feed carries. */
  limit?: number;
}

export const FEED_LIMIT = 100;
const SUMMARY_CHARS = 300;

/** The day a paper was last featured: the date a feed reader should show. */
function lastFeatured(p: FeedPaper): string {
  return p.featured[p.featured.length - 1] ?? '';
}

/**
 * The latest `limit` papers by the day they were (last) featured, newest first; ties keep the input
 * order (the archive passes papers in their day's listing order), so the output is deterministic.
 */
export function latestFeatured<P extends FeedPaper>(papers: readonly P[], limit = FEED_LIMIT): P[] {
  return papers
    .map((p, i) => ({ p, i, day: lastFeatured(p) }))
    .sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.i - b.i))
    .slice(0, limit)
    .map(({ p }) => p);
}

/**
 * One feed item in neither format yet: what an RSS item and a JSON Feed item are both made from. Text fields are
 * plain text, `html` is safe HTML (escaped by its builder); the converters below strip what XML 1.0 cannot carry.
 */
export interface FeedEntry {
  /** Permalink: also the item's guid / id, so it must stay the same for the same item. */
  url: string;
  title: string;
  date: Date;
  summary: string;
  /** '' when there is nothing more than the summary. */
  html: string;
  externalUrl?: string;
  authors?: readonly string[];
  tags?: readonly string[];
}

function paperEntry(p: FeedPaper, where: SiteLocation): FeedEntry {
  const text = plainText(p.abstract);
  const external = arxivAbsUrl(p.id);
  return {
    url: absoluteUrl(where.site, where.base, paperPagePath(p.id)),
    title: plainText(p.title),
    date: dayStart(lastFeatured(p)),
    summary: excerpt(text, SUMMARY_CHARS),
    html: p.abstract.trim() ? renderAbstractHtml(p.abstract) : '',
    ...(external ? { externalUrl: external } : {}),
    authors: p.authors.map((a) => a.name),
    tags: p.topics,
  };
}

export interface JsonFeedAuthor {
  name: string;
}

export interface JsonFeedItem {
  id: string;
  url: string;
  external_url?: string;
  title: string;
  content_html: string;
  summary: string;
  date_published: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
}

export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  items: JsonFeedItem[];
}

/** Upstream text as every feed format can carry it (no control characters, lone surrogates or noncharacters). */
const clean = (s: string): string => cleanText(s);

/** A JSON Feed 1.1 item of an entry. */
export function jsonFeedItem(e: FeedEntry): JsonFeedItem {
  const title = clean(e.title);
  const authors = (e.authors ?? []).map((name) => ({ name: clean(name) })).filter((a) => a.name);
  return {
    id: e.url,
    url: e.url,
    ...(e.externalUrl ? { external_url: e.externalUrl } : {}),
    title,
    // JSON Feed requires content_html or content_text; an entry without HTML still gets one.
    content_html: clean(e.html) || `<p>${escapeHtml(title)}</p>`,
    summary: clean(e.summary),
    date_published: e.date.toISOString(),
    ...(authors.length ? { authors } : {}),
    ...(e.tags?.length ? { tags: e.tags.map(clean) } : {}),
  };
}

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1) of entries; `feedPath` is its base-relative path. */
export function jsonFeedDocument(
  entries: readonly FeedEntry[],
  opts: SiteLocation & { title: string; description: string; feedPath: string },
): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: opts.title,
    home_page_url: absoluteUrl(opts.site, opts.base, ''),
    feed_url: absoluteUrl(opts.site, opts.base, opts.feedPath),
    description: opts.description,
    language: 'en',
    items: entries.map(jsonFeedItem),
  };
}

/** A JSON Feed 1.1 document of the latest featured papers. */
export function jsonFeed(papers: readonly FeedPaper[], opts: FeedOptions): JsonFeed {
  return jsonFeedDocument(
    latestFeatured(papers, opts.limit).map((p) => paperEntry(p, opts)),
    { ...opts, feedPath: 'feed.json' },
  );
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Named entities only: @astrojs/rss re-escapes numeric ones found in `customData`. */
function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

/** XML namespaces the RSS items use (`dc:creator` for authors: RSS's own `author` wants an e-mail). */
export const RSS_XMLNS = { dc: 'http://purl.org/dc/elements/1.1/' } as const;

/**
 * The item `@astrojs/rss` turns into RSS 2.0 (it escapes text and `content`; control characters, which XML 1.0
 * cannot carry even as references, are removed here). The link is the guid.
 */
export function rssItem(e: FeedEntry): RSSFeedItem {
  const authors = (e.authors ?? []).map(clean).filter(Boolean);
  return {
    title: clean(e.title),
    link: e.url,
    pubDate: e.date,
    description: clean(e.summary),
    ...(e.html ? { content: clean(e.html) } : {}),
    ...(e.tags?.length ? { categories: e.tags.map(clean) } : {}),
    ...(authors.length
      ? { customData: authors.map((name) => `<dc:creator>${xmlEscape(name)}</dc:creator>`).join('') }
      : {}),
  };
}

/** The items for `@astrojs/rss`; pass `xmlns: RSS_XMLNS` with them. */
export function rssItems(
  papers: readonly FeedPaper[],
  opts: SiteLocation & { limit?: number },
): RSSFeedItem[] {
  return latestFeatured(papers, opts.limit).map((p) => rssItem(paperEntry(p, opts)));
}
