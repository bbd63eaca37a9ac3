// Per-paper text derived once per build (listing excerpt, card summary, typeset title): one paper shows on ~6
// listings and 8+ pages.
import { excerpt } from '../format.ts';
import { plainText, renderTitleHtml } from '../math.ts';

interface Texts {
  titleHtml?: string;
  listingExcerpt?: string;
  cardSummary?: CardSummary | null;
}

/** The one line a card shows: HF's AI summary (labelled as such by the card), else the abstract's start. */
export interface CardSummary {
  ai: boolean;
  text: string;
}

/** Enough for two lines on the widest card; the card clamps to what fits, so more would only weigh the page. */
const CARD_SUMMARY_CHARS = 200;

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

/** A card's summary line as plain text, or undefined when the paper has neither an AI summary nor an abstract. */
export function cardSummary(paper: {
  abstract: string;
  aiSummary?: string | undefined;
}): CardSummary | undefined {
  const t = textsOf(paper);
  if (t.cardSummary === undefined) {
    const ai = paper.aiSummary ? plainText(paper.aiSummary).trim() : '';
    const source = ai || (paper.abstract ? plainText(paper.abstract).trim() : '');
    t.cardSummary = source ? { ai: ai !== '', text: excerpt(source, CARD_SUMMARY_CHARS) } : null;
  }
  return t.cardSummary ?? undefined;
}
