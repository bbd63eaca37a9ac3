// A result's snippet: a window of the abstract's words around the query's matches (pure, no DOM). The indexed text
// starts with the abstract (src/lib/search-record.ts), so title, ids, keywords and links never show in a snippet.

/** Words shown: about two lines of a card. */
export const SNIPPET_WORDS = 30;

export interface Snippet {
  /** Each word and whether it is a match. */
  words: { text: string; match: boolean }[];
  /** Words of the abstract left out before and after the window. */
  before: boolean;
  after: boolean;
}

/**
 * The densest window of `length` words among the first `abstractWords` of `content` (Pagefind splits words on white
 * space, as here), by the match positions Pagefind gives; the abstract's start when none of them is in it.
 */
export function snippet(
  content: string,
  locations: readonly number[],
  abstractWords: number,
  length = SNIPPET_WORDS,
): Snippet {
  const all = content.split(/[\r\n\s]+/g);
  const n = Math.max(0, Math.min(abstractWords, all.length));
  if (n === 0 || !all.slice(0, n).some(Boolean)) return { words: [], before: false, after: false };
  const matches = new Set(locations.filter((l) => Number.isInteger(l) && l >= 0 && l < n));
  let start = 0;
  if (n > length && matches.size > 0) {
    let best = -1;
    const sorted = [...matches].sort((a, b) => a - b);
    for (const from of sorted) {
      // A window starting a few words before a match reads better than one starting on it.
      const s = Math.max(0, Math.min(from - 3, n - length));
      const count = sorted.filter((l) => l >= s && l < s + length).length;
      if (count > best) {
        best = count;
        start = s;
      }
    }
  }
  const end = Math.min(n, start + length);
  const words = all.slice(start, end).map((text, i) => ({ text, match: matches.has(start + i) }));
  return { words, before: start > 0, after: end < n };
}
