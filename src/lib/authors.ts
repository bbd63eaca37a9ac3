// The author index: every author name's papers, split into JSON shards by a hash of the exact name, so the author
// page (/authors/?name=...) fetches one small file. Pure and dependency-free: the build and the browser share it.
import { fnv1a } from './hash.ts';

/**
 * One paper of an author, as the author page lists it: `orgKey` is '' for none; `thumb` is 1 when the paper's
 * thumbnail is HF's usual one for its id (hfThumbnailUrl), so the index need not carry the URL.
 */
export type AuthorPaper = [
  id: string,
  title: string,
  date: string,
  upvotes: number,
  orgKey: string,
  topics: string[],
  thumb: 0 | 1,
];

/** One author: the exact name, its papers newest first, and the HF handles that claimed any of them. */
export type AuthorEntry = [name: string, papers: AuthorPaper[], users?: string[]];

/** `/authors/index/<n>.json`. */
export interface AuthorShard {
  /** How many shards the index has: a page built with another count retries with this one. */
  shards: number;
  /** Display names of the organisations its papers name, by key. */
  orgs: Record<string, string>;
  /** Sorted by name (code point order). */
  authors: AuthorEntry[];
}

/**
 * Raw JSON per shard the shard count aims at: ~48 KB of titles, ids and topics gzip to ~15 KB, one quick fetch on a
 * phone. The count is not rounded to a power of two: the page that reads the shards is built with them, and a page
 * cached from an older build learns the new count from the shard it fetched (AuthorShard.shards).
 */
export const TARGET_SHARD_BYTES = 48_000;

/**
 * The values of the paper the author page renders as its card template (with the listings' own card component), so
 * its script can find them in the copy and put a paper's in their place, whatever markup the card has.
 */
export const CARD_TEMPLATE = {
  id: 'noid-author-card-template-00000000',
  title: 'PAPER TITLE TEMPLATE',
  orgKey: 'org-key-template',
  orgName: 'ORGANIZATION NAME TEMPLATE',
  date: '2000-01-01',
  /** Shown as `988M`, a count no paper has. */
  upvotes: 987_654_321,
} as const;

/** The thumbnail HF gives a paper listed under its arXiv id. */
export function hfThumbnailUrl(id: string): string {
  return `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`;
}

/** The shard holding an exact author name. */
export function authorShardOf(name: string, shards: number): number {
  if (!Number.isInteger(shards) || shards < 1) throw new Error(`author index: invalid shard count ${shards}`);
  return fnv1a(name) % shards;
}

/** Enough shards for `totalBytes` of entries to make about `target` bytes each. */
export function authorShardCount(totalBytes: number, target = TARGET_SHARD_BYTES): number {
  return Math.max(1, Math.ceil(totalBytes / target));
}

/** What the index needs of a paper: its title already as plain text (the browser has no TeX typesetting). */
export interface IndexedPaper {
  id: string;
  title: string;
  /** Last featured day. */
  date: string;
  upvotes: number;
  authors: readonly { name: string; user?: string | undefined }[];
  orgKey?: string | undefined;
  topics: readonly string[];
  thumbnail?: string | undefined;
}

/**
 * The index's shards (only those holding an author) for papers given newest first. `orgName` is the display name of
 * an organisation key. An author listed twice on one paper gets the paper once.
 */
export function buildAuthorShards(
  papers: readonly IndexedPaper[],
  orgName: (key: string) => string,
  target = TARGET_SHARD_BYTES,
): { count: number; shards: Map<number, AuthorShard> } {
  const byName = new Map<string, { papers: AuthorPaper[]; users: Set<string> }>();
  for (const p of papers) {
    const thumb = p.thumbnail !== undefined && p.thumbnail === hfThumbnailUrl(p.id) ? 1 : 0;
    const row: AuthorPaper = [p.id, p.title, p.date, p.upvotes, p.orgKey ?? '', [...p.topics], thumb];
    for (const a of p.authors) {
      let e = byName.get(a.name);
      if (!e) byName.set(a.name, (e = { papers: [], users: new Set() }));
      if (e.papers[e.papers.length - 1]?.[0] !== p.id) e.papers.push(row);
      if (a.user) e.users.add(a.user);
    }
  }
  const entries: AuthorEntry[] = [...byName]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, e]) => (e.users.size > 0 ? [name, e.papers, [...e.users].sort()] : [name, e.papers]));
  const total = entries.reduce((sum, e) => sum + JSON.stringify(e).length + 1, 0);
  const count = authorShardCount(total, target);
  const shards = new Map<number, AuthorShard>();
  for (const entry of entries) {
    const n = authorShardOf(entry[0], count);
    let shard = shards.get(n);
    if (!shard) shards.set(n, (shard = { shards: count, orgs: {}, authors: [] }));
    shard.authors.push(entry);
    for (const row of entry[1]) {
      const key = row[4];
      if (key !== '' && !Object.hasOwn(shard.orgs, key)) shard.orgs[key] = orgName(key);
    }
  }
  return { count, shards: new Map([...shards].sort((a, b) => a[0] - b[0])) };
}

const isString = (v: unknown): v is string => typeof v === 'string';

const isAuthorPaper = (v: unknown): v is AuthorPaper =>
  Array.isArray(v) &&
  v.length === 7 &&
  isString(v[0]) &&
  isString(v[1]) &&
  isString(v[2]) &&
  typeof v[3] === 'number' &&
  isString(v[4]) &&
  Array.isArray(v[5]) &&
  v[5].every(isString) &&
  (v[6] === 0 || v[6] === 1);

const isAuthorEntry = (v: unknown): v is AuthorEntry =>
  Array.isArray(v) &&
  isString(v[0]) &&
  Array.isArray(v[1]) &&
  v[1].every(isAuthorPaper) &&
  (v[2] === undefined || (Array.isArray(v[2]) && v[2].every(isString)));

/** A fetched shard, checked: anything else (an HTML error page, a truncated file) is an error saying so. */
export function parseAuthorShard(json: unknown, where: string): AuthorShard {
  const s = json as Partial<AuthorShard> | null;
  const ok =
    typeof s === 'object' &&
    s !== null &&
    Number.isInteger(s.shards) &&
    (s.shards as number) >= 1 &&
    typeof s.orgs === 'object' &&
    s.orgs !== null &&
    Object.values(s.orgs).every(isString) &&
    Array.isArray(s.authors) &&
    s.authors.every(isAuthorEntry);
  if (!ok) throw new Error(`author index ${where}: not an author shard`);
  return s as AuthorShard;
}

/** The exact name's entry in its shard, if any (entries are an array, not an object: `__proto__` is a name too). */
export function findAuthor(shard: AuthorShard, name: string): AuthorEntry | undefined {
  return shard.authors.find((e) => e[0] === name);
}
