// What the search index holds for a paper, and how the index is split into shards (pure; the indexer is
// scripts/search-index.ts). The index is fed from the archive's data, not from built pages, so it can be
// built by a separate process while Astro renders (src/integrations/pagefind.ts).
import { createHash } from 'node:crypto';
import type { Author, Organization } from './paper.ts';
import { paperPagePath, safeHref } from './links.ts';
import { organizationKey } from './organizations.ts';
import { escapeHtml, plainText } from './math.ts';

/** The fields of an archive paper that search sees. */
export interface SearchablePaper {
  id: string;
  title: string;
  abstract: string;
  authors: readonly Pick<Author, 'name'>[];
  organization?: Organization | undefined;
  keywords?: readonly string[] | undefined;
  githubRepo?: string | undefined;
  /** The code repository: HF's githubRepo, else a GitHub repository URL in the abstract (ArchivePaper.codeUrl). */
  codeUrl?: string | undefined;
  thumbnail?: string | undefined;
  featured: readonly string[];
  upvotes: number;
  topics: readonly string[];
}

/**
 * Result metadata (`data-pagefind-meta`): everything a result card shows (src/scripts/search/render.ts), so a result
 * needs its one fragment and nothing else; the paper page carries the same. `words` is the abstract's length in
 * words: the indexed text starts with the abstract, and the client takes its snippet from those words only.
 */
export interface SearchMeta {
  title: string;
  date: string;
  upvotes: string;
  topics: string;
  /** Every author, `; ` between them (the card names a few; the ranking needs all for an author query). */
  authors: string;
  /** The organisation as cards name it, and its key (src/lib/organizations.ts); empty strings without one. */
  org: string;
  orgKey: string;
  /** A safe http(s) URL or empty. */
  thumb: string;
  code: string;
  words: string;
}

/** What a search record's text starts with: the abstract as plain text (TeX reduced to readable text). */
function abstractText(paper: SearchablePaper): string {
  return plainText(paper.abstract).trim();
}

/** Words as Pagefind's excerpts count them (split on white space). */
const wordCount = (text: string): number => (text ? text.split(/[\r\n\s]+/g).filter(Boolean).length : 0);

export function searchMeta(paper: SearchablePaper): SearchMeta {
  return {
    title: plainText(paper.title),
    date: lastFeatured(paper),
    upvotes: String(paper.upvotes),
    topics: paper.topics.join(' '),
    authors: paper.authors.map((a) => a.name.replace(/;/g, ',')).join('; '),
    org: paper.organization ? (paper.organization.fullname ?? paper.organization.name) : '',
    orgKey: paper.organization ? organizationKey(paper.organization) : '',
    thumb: safeHref(paper.thumbnail) ?? '',
    code: safeHref(paper.codeUrl ?? paper.githubRepo) ?? '',
    words: String(wordCount(abstractText(paper))),
  };
}

function lastFeatured(paper: SearchablePaper): string {
  return paper.featured[paper.featured.length - 1] ?? '';
}

/** The year a paper is filed under for search (its last featured day's): the year filter and the shard. */
export function searchYear(paper: SearchablePaper): string {
  return lastFeatured(paper).slice(0, 4);
}

/**
 * Pagefind filters: topic (one value per topic), year, organisation key (the organisation pages' key, so case and
 * spacing variants of one handle are one value), and `code: yes` with a repository.
 */
export function searchFilters(paper: SearchablePaper): Record<string, string[]> {
  const filters: Record<string, string[]> = { year: [searchYear(paper)] };
  if (paper.topics.length > 0) filters.topic = [...paper.topics];
  if (paper.organization) filters.org = [organizationKey(paper.organization)];
  if (paper.codeUrl ?? paper.githubRepo) filters.code = ['yes'];
  return filters;
}

/** Sort keys: strings compared as such by Pagefind, so upvotes are zero-padded. */
export function searchSort(paper: SearchablePaper): Record<string, string> {
  return { date: lastFeatured(paper), upvotes: String(paper.upvotes).padStart(7, '0') };
}

const attr = (name: string, value: string): string => `<span ${name}="${escapeHtml(value)}"></span>`;

/**
 * The document Pagefind indexes for a paper, at the paper's root-relative URL. The abstract comes first, alone in
 * its element, so the first `words` words of the indexed text are the abstract and nothing else (the snippet a
 * reader sees). Then, weighted: the title and the arXiv id highest, the authors (one element each, so a full name is
 * a phrase inside one element and never two names' halves), the organisation and HF's keywords, without labels.
 * Topic names are filters, not text: indexed, "Large language models" would match every LLM paper. Everything from
 * upstream is escaped.
 */
export function searchDocument(paper: SearchablePaper): { url: string; html: string } {
  const meta = searchMeta(paper);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(meta)) parts.push(attr('data-pagefind-meta', `${k}:${v}`));
  for (const [k, v] of Object.entries(searchSort(paper))) parts.push(attr('data-pagefind-sort', `${k}:${v}`));
  for (const [k, values] of Object.entries(searchFilters(paper)))
    for (const v of values) parts.push(attr('data-pagefind-filter', `${k}:${v}`));
  const abstract = abstractText(paper);
  if (abstract) parts.push(`<p>${escapeHtml(abstract)}</p>`);
  parts.push(`<h1 data-pagefind-weight="10">${escapeHtml(meta.title)}</h1>`);
  parts.push(`<p data-pagefind-weight="10">${escapeHtml(paper.id)}</p>`);
  if (paper.authors.length > 0)
    parts.push(
      `<ul data-pagefind-weight="3">${paper.authors.map((a) => `<li>${escapeHtml(a.name)}</li>`).join('')}</ul>`,
    );
  if (meta.org) parts.push(`<p data-pagefind-weight="2">${escapeHtml(meta.org)}</p>`);
  if (paper.keywords && paper.keywords.length > 0)
    parts.push(
      `<ul data-pagefind-weight="2">${paper.keywords.map((k) => `<li>${escapeHtml(k)}</li>`).join('')}</ul>`,
    );
  return {
    url: `/${paperPagePath(paper.id)}`,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body><article data-pagefind-body>${parts.join('')}</article></body></html>`,
  };
}

/** One search index of the site: the papers filed under years `from`..`to`, in the bundle directory `dir`. */
export interface SearchShard {
  from: string;
  to: string;
  papers: number;
  /** Directory under the site root: `pagefind` for the newest shard (whose pagefind.js the client loads). */
  dir: string;
}

/**
 * Splits the years into shards of whole, consecutive years, each up to `maxPapers` papers (a single year larger
 * than that is a shard of its own), filled from the oldest year on so that the boundaries of old shards never move:
 * a daily update changes only the newest shard, and the others can be reused from the cache. Newest first in the
 * result; the newest is the primary bundle (`pagefind/`). An archive within the limit is one index, the cheapest to
 * search; but once it holds more than `hotPapers` papers over more than one year, the newest year is a bundle of
 * its own, so that what a daily update re-indexes is one year's papers, not up to `maxPapers` (at 10k papers that
 * is ~2.6k instead of all 10k; the older years merge in the browser as any older bundle does).
 */
export function planShards(
  papersPerYear: ReadonlyMap<string, number>,
  maxPapers: number,
  hotPapers = Number.POSITIVE_INFINITY,
): SearchShard[] {
  const shards: SearchShard[] = [];
  let current: SearchShard | undefined;
  const years = [...papersPerYear.keys()].sort();
  const total = years.reduce((sum, y) => sum + (papersPerYear.get(y) ?? 0), 0);
  const newestAlone = years.length > 1 && total > hotPapers;
  for (const [i, year] of years.entries()) {
    if (newestAlone && i === years.length - 1) current = undefined;
    const n = papersPerYear.get(year) ?? 0;
    if (current && current.papers + n <= maxPapers) {
      current.to = year;
      current.papers += n;
      continue;
    }
    current = { from: year, to: year, papers: n, dir: '' };
    shards.push(current);
  }
  return shards.reverse().map((s, i) => ({ ...s, dir: i === 0 ? 'pagefind' : `pagefind-${shardYears(s)}` }));
}

/** `2024` or `2019-2022`: the years a shard covers, as its bundle name and log lines say them. */
export function shardYears(shard: { from: string; to: string }): string {
  return shard.from === shard.to ? shard.from : `${shard.from}-${shard.to}`;
}

/** Papers per search year, the input of planShards. */
export function papersPerYear(papers: readonly SearchablePaper[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of papers) {
    const y = searchYear(p);
    counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  return counts;
}

/** A shard as the indexer builds it: its papers (sorted by URL) and a hash of their documents, its cache key. */
export interface PlannedShard extends SearchShard {
  hash: string;
  /** The shard's documents, made again on each call: at 100k papers, holding all of them would cost ~0.5 GB. */
  docs(): { url: string; html: string }[];
}

/** The search index of a build: its shards, newest first, and a tag that changes whenever any shard does. */
export interface SearchPlan {
  shards: PlannedShard[];
  /** For the search page: lets the browser keep Pagefind's files while the index is the same. */
  tag: string;
}

/**
 * The one planner of the search index, for the indexer (scripts/search-index.ts) and, when no indexer runs beside
 * the build, the pages. `salt` is what the documents' hash cannot show (the record format, Pagefind's version).
 */
export function planSearchIndex(
  papers: readonly SearchablePaper[],
  split: { shardPapers: number; hotPapers?: number | undefined },
  salt: string,
): SearchPlan {
  const byYear = new Map<string, { url: string; paper: SearchablePaper }[]>();
  for (const paper of papers) {
    const y = searchYear(paper);
    const entry = { url: `/${paperPagePath(paper.id)}`, paper };
    const list = byYear.get(y);
    if (list) list.push(entry);
    else byYear.set(y, [entry]);
  }
  const counts = new Map([...byYear].map(([y, list]) => [y, list.length]));
  const shards = planShards(counts, split.shardPapers, split.hotPapers).map((shard): PlannedShard => {
    const members = [...byYear]
      .filter(([y]) => y >= shard.from && y <= shard.to)
      .flatMap(([, list]) => list)
      .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    const docs = () => members.map((m) => searchDocument(m.paper));
    const hash = createHash('sha256');
    hash.update(`${salt}\n`);
    for (const m of members) {
      const d = searchDocument(m.paper);
      hash.update(`${d.url}\n${d.html}\n`);
    }
    return { ...shard, hash: hash.digest('hex').slice(0, 20), docs };
  });
  const tag = createHash('sha256')
    .update(shards.map((s) => `${s.dir} ${s.hash}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return { shards, tag };
}
