// Per-paper text derived once per build (listing excerpt, typeset title): one paper shows on ~6 listings and 8+ pages.
import { excerpt } from '../lib/format.ts';
import { plainText, renderTitleHtml } from '../lib/math.ts';

interface Texts {
  titleHtml?: string;
  listingExcerpt?: string;
}

// Keyed by the paper object: the archive view is built once per build, so entries live exactly as long as it does.
const cache = new WeakMap<object, Texts>();

function textsOf(paper: object): Texts {
  let t = cache.get(paper);
  if (!t) {
    t = {};
    cache.set(paper, t);
  }
  return t;
}

/** The title typeset (KaTeX for TeX), as listings, related papers and neighbour links show it. */
export function titleHtml(paper: { title: string }): string {
  const t = textsOf(paper);
  return (t.titleHtml ??= renderTitleHtml(paper.title));
}

/** The abstract's first ~280 characters as plain text, for listings (typesetting stripped once, not per listing). */
export function listingExcerpt(paper: { abstract: string }): string {
  const t = textsOf(paper);
  return (t.listingExcerpt ??= paper.abstract ? excerpt(plainText(paper.abstract), 280) : '');
}
