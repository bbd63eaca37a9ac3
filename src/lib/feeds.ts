// Feed items for the latest featured papers: JSON Feed 1.1 and the items @astrojs/rss turns into RSS 2.0.
import type { RSSFeedItem } from '@astrojs/rss';
import { excerpt } from './format.ts';
import { absoluteUrl, arxivAbsUrl, paperPagePath } from './links.ts';
import { plainText, renderAbstractHtml } from './math.ts';
import type { Paper } from './paper.ts';

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

interface ItemParts {
  url: string;
  title: string;
  date: Date;
  summary: string;
  html: string;
}

function itemParts(p: FeedPaper, where: SiteLocation): ItemParts {
  const text = plainText(p.abstract);
  return {
    url: absoluteUrl(where.site, where.base, paperPagePath(p.id)),
    title: plainText(p.title),
    date: new Date(`${lastFeatured(p)}T00:00:00Z`),
    summary: excerpt(text, SUMMARY_CHARS),
    html: p.abstract.trim() ? renderAbstractHtml(p.abstract) : '',
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

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1) of the latest featured papers. */
export function jsonFeed(papers: readonly FeedPaper[], opts: FeedOptions): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: opts.title,
    home_page_url: absoluteUrl(opts.site, opts.base, ''),
    feed_url: absoluteUrl(opts.site, opts.base, 'feed.json'),
    description: opts.description,
    language: 'en',
    items: latestFeatured(papers, opts.limit).map((p) => {
      const parts = itemParts(p, opts);
      const external = arxivAbsUrl(p.id);
      const authors = p.authors.map((a) => ({ name: a.name }));
      return {
        id: parts.url,
        url: parts.url,
        ...(external ? { external_url: external } : {}),
        title: parts.title,
        // JSON Feed requires content_html or content_text; a paper without abstract still gets one.
        content_html: parts.html || `<p>${parts.title.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`,
        summary: parts.summary,
        date_published: parts.date.toISOString(),
        ...(authors.length ? { authors } : {}),
        ...(p.topics.length ? { tags: [...p.topics] } : {}),
      };
    }),
  };
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

/** The items for `@astrojs/rss`; pass `xmlns: RSS_XMLNS` with them. */
export function rssItems(
  papers: readonly FeedPaper[],
  opts: SiteLocation & { limit?: number },
): RSSFeedItem[] {
  return latestFeatured(papers, opts.limit).map((p) => {
    const parts = itemParts(p, opts);
    return {
      title: parts.title,
      link: parts.url,
      pubDate: parts.date,
      description: parts.summary,
      ...(parts.html ? { content: parts.html } : {}),
      ...(p.topics.length ? { categories: [...p.topics] } : {}),
      ...(p.authors.length
        ? { customData: p.authors.map((a) => `<dc:creator>${xmlEscape(a.name)}</dc:creator>`).join('') }
        : {}),
    };
  });
}
