// Title lookup for a large archive's search: a query that is the start of a paper's title (typed or pasted) finds
// that paper in one small fetch, whatever its year, while the older years' search bundles are still loading.
// The build writes the titles in shards keyed by their first two words; the search page fetches the query's shard.

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

/** FNV-1a over UTF-16 code units: the same number in Node and in the browser. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
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

/** One shard's entries: [normalized title, paper id], sorted by title. */
export type TitleShard = [string, string][];

/** Every paper's title in its shard; shards with no title are left out. */
export function buildTitleShards(
  papers: readonly { id: string; title: string }[],
  shards: number,
): Map<number, TitleShard> {
  const out = new Map<number, TitleShard>();
  for (const p of papers) {
    const title = normalizeTitle(p.title);
    const shard = titleShardOf(title, shards);
    if (shard === undefined) continue;
    let entries = out.get(shard);
    if (!entries) out.set(shard, (entries = []));
    entries.push([title, p.id]);
  }
  for (const entries of out.values())
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  return out;
}

/**
 * The ids of the papers whose titles start with the query (both normalized), if there are 1 to MAX_TITLE_MATCHES of
 * them; none when there are more, so a query like "large language models" is left to the full-text ranking.
 */
export function matchTitles(shard: unknown, normalizedQuery: string): string[] {
  if (!Array.isArray(shard) || normalizedQuery === '') return [];
  const ids: string[] = [];
  for (const entry of shard) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') continue;
    if (!entry[0].startsWith(normalizedQuery)) continue;
    if (ids.length === MAX_TITLE_MATCHES) return [];
    ids.push(entry[1]);
  }
  return ids;
}
