// Title lookup for a large archive's search: a query that is the start of a paper's title (typed or pasted) finds
// that paper in one small fetch, whatever its year, while the older years' search bundles are still loading.
// The build writes the titles in shards keyed by their first two words, each with the result metadata Pagefind has
// for the paper (src/lib/search-record.ts), so the search page shows a match from its shard alone.
import { fnv1a } from './hash.ts';
import type { SearchMeta } from './search-record.ts';

/** A shard per this many papers at most, on average (rounded up to a power of two). */
const PAPERS_PER_SHARD = 128;
/** More titles than this starting with the query is no title lookup: the full-text search ranks them. */
export const MAX_TITLE_MATCHES = 5;

/** Lower case, accents dropped, every run of non-letters and non-digits one space: what titles are compared by. */
export function normalizeTitle(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** How many shards an archive of `papers` papers gets: a power of two, ~128 titles or fewer each. */
export function titleShardCount(papers: number): number {
  let n = 1;
  while (n * PAPERS_PER_SHARD < papers) n *= 2;
  return n;
}

/**
 * The shard of a normalized title or query: its first two words. A query of one word has none (one word is no title
 * lookup). While the second word is still being typed the shard is another one, where the title is not found; the
 * full-text search answers that query as any other.
 */
export function titleShardOf(normalized: string, shards: number): number | undefined {
  const words = normalized.split(' ');
  if (words.length < 2 || !words[0] || !words[1]) return undefined;
  return fnv1a(`${words[0]} ${words[1]}`) % shards;
}

/** One shard's entries: a paper's id and its search result metadata (as Pagefind has it), sorted by title. */
export type TitleEntry = [id: string, meta: SearchMeta];

/** Every paper in its title's shard; shards with no title are left out. */
export function buildTitleShards(
  papers: readonly { id: string; meta: SearchMeta }[],
  shards: number,
): Map<number, TitleEntry[]> {
  const out = new Map<number, [string, TitleEntry][]>();
  for (const p of papers) {
    const title = normalizeTitle(p.meta.title);
    const shard = titleShardOf(title, shards);
    if (shard === undefined) continue;
    let entries = out.get(shard);
    if (!entries) out.set(shard, (entries = []));
    entries.push([title, [p.id, p.meta]]);
  }
  const byTitle = (a: [string, TitleEntry], b: [string, TitleEntry]) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1][0] < b[1][0] ? -1 : 1;
  return new Map([...out].map(([shard, entries]) => [shard, entries.sort(byTitle).map((e) => e[1])]));
}

/** Every field of SearchMeta: a shard entry lacking one is not shown (an old or malformed shard). */
const searchMetaKeys = [
  'title',
  'date',
  'upvotes',
  'topics',
  'authors',
  'org',
  'orgKey',
  'thumb',
  'code',
  'words',
] as const satisfies readonly (keyof SearchMeta)[];

const isMeta = (m: unknown): m is SearchMeta =>
  typeof m === 'object' &&
  m !== null &&
  searchMetaKeys.every((k) => typeof (m as Record<string, unknown>)[k] === 'string');

/**
 * The papers whose titles start with the query (both normalized), if there are 1 to MAX_TITLE_MATCHES of them; none
 * when there are more, so a query like "large language models" is left to the full-text ranking. A shard is data
 * from the network: malformed entries are skipped.
 */
export function matchTitles(shard: unknown, normalizedQuery: string): { id: string; meta: SearchMeta }[] {
  if (!Array.isArray(shard) || normalizedQuery === '') return [];
  const found: { id: string; meta: SearchMeta }[] = [];
  for (const entry of shard) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !isMeta(entry[1])) continue;
    if (!normalizeTitle(entry[1].title).startsWith(normalizedQuery)) continue;
    if (found.length === MAX_TITLE_MATCHES) return [];
    found.push({ id: entry[0], meta: entry[1] });
  }
  return found;
}
