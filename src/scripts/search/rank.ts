// Relevance ranking on top of Pagefind's scores: the exact title first, then title prefixes, an author's exact full
// name, the phrase in the title, all its words in the title, the phrase elsewhere, scattered words; upvotes a bounded
// nudge among comparable matches of one tier. Pure (no DOM).
import { normalizeTitle } from '../../lib/title-index.ts';

/** What ranking knows of a candidate: Pagefind's score, whether the phrase search found it, its metadata. */
export interface Candidate {
  score: number;
  phrase: boolean;
  title: string;
  /** `; ` between names (SearchMeta.authors). */
  authors: string;
  upvotes: number;
}

/** Tiers, best first: a better tier always ranks above a worse one, whatever the scores and upvotes. */
export const Tier = {
  exactTitle: 0,
  titlePrefix: 1,
  author: 2,
  /** The query's words, in order, in the title. */
  titlePhrase: 3,
  /** Every word of the query in the title, in any order ("for Languages via Mixture"). */
  titleWords: 4,
  /** The phrase anywhere (Pagefind's exact-phrase search found it: abstract, keywords). */
  phrase: 5,
  words: 6,
} as const;
export type Tier = (typeof Tier)[keyof typeof Tier];

/** Titles and queries compared without case, accents, punctuation, and apostrophes (`Humanity's` = `Humanitys`). */
export function textKey(text: string): string {
  return normalizeTitle(text.replace(/['’ʼ]/g, ''));
}

/** Without spaces: `Qwen 2.5` and `Qwen2.5` are one name. */
const compact = (key: string) => key.replace(/ /g, '');

/** A query made into the keys tiers compare against, once per search. */
export interface RankQuery {
  key: string;
  compact: string;
  words: number;
}

export function rankQuery(q: string): RankQuery {
  const key = textKey(q);
  return { key, compact: compact(key), words: key ? key.split(' ').length : 0 };
}

/** Whether `phrase` occurs in `text` (both keys) as whole words. */
function hasWords(text: string, phrase: string): boolean {
  return phrase !== '' && ` ${text} `.includes(` ${phrase} `);
}

export function tierOf(q: RankQuery, c: Candidate): Tier {
  if (!q.key) return Tier.words;
  const title = textKey(c.title);
  // The short name before a colon is a title of its own: "LongSplat" for "LongSplat: Robust Unposed …".
  const name = textKey(c.title.split(/:\s/)[0] ?? '');
  if (compact(title) === q.compact || compact(name) === q.compact) return Tier.exactTitle;
  if (title.startsWith(`${q.key} `) || (q.words >= 2 && compact(title).startsWith(q.compact)))
    return Tier.titlePrefix;
  if (q.words >= 2 && c.authors.split(/;\s*/).some((a) => textKey(a) === q.key)) return Tier.author;
  if (q.words < 2) return Tier.words;
  if (hasWords(title, q.key)) return Tier.titlePhrase;
  const titleWords = new Set(title.split(' '));
  if (q.key.split(' ').every((w) => titleWords.has(w))) return Tier.titleWords;
  return c.phrase ? Tier.phrase : Tier.words;
}

/** At most this factor on a score, for the most upvoted papers: enough to order similar matches, no more. */
export const MAX_UPVOTE_BOOST = 1.5;

/** 1 for no upvotes, rising with their logarithm to MAX_UPVOTE_BOOST at 1,000 and above. */
export function upvoteBoost(upvotes: number): number {
  const u = Math.min(Math.max(0, upvotes || 0), 1000);
  return 1 + ((MAX_UPVOTE_BOOST - 1) * Math.log1p(u)) / Math.log1p(1000);
}

/** `items` in ranking order (stable: equal candidates keep Pagefind's order). */
export function rank<T>(q: RankQuery, items: readonly T[], candidate: (item: T) => Candidate): T[] {
  const keyed = items.map((item, i) => {
    const c = candidate(item);
    return { item, i, tier: tierOf(q, c), value: c.score * upvoteBoost(c.upvotes) };
  });
  keyed.sort((a, b) => a.tier - b.tier || b.value - a.value || a.i - b.i);
  return keyed.map((k) => k.item);
}
