// The features the topic classifier reads from a paper: title, abstract and HF-keyword words, title word pairs,
// and the vocabulary's phrase evidence (per-topic rule scores, where in the abstract they come from, and phrase
// hits), each with a readable description.
import { isContentToken } from '../tokenize.ts';

/** Where in the abstract a topic's phrases hit: the first sentence usually sets the scene (what a paper builds
 * on), the sentences saying "we propose / introduce / present ..." say what it contributes, and the closing
 * sentences what it found. The same phrase means different things in each. */
export interface AbstractPartScores {
  first: number;
  contribution: number;
  closing: number;
}

/** What the features are computed from: the paper's tokens (`words` of ../tokenize.ts, computed once by the
 * caller and shared with the phrase rules) and the phrase rules' evidence per topic. */
export interface FeatureInput {
  title: readonly string[];
  abstract: readonly string[];
  keywords?: readonly (readonly string[])[] | undefined;
  /** Per topic slug, the phrase rules' score and the phrases that hit (see explainTopics in ../topics.ts). */
  rules: readonly {
    slug: string;
    score: number;
    /** The part of `score` from title hits: a topic named in the title is usually the paper's contribution. */
    titleScore: number;
    /** The abstract hits' points by part of the abstract (a sentence may be in more than one part). */
    parts: AbstractPartScores;
    hits: readonly { phrase: string; points: number }[];
  }[];
}

/** Feature name -> value in (0, 1]. Names carry their kind: `t:` title word, `a:` abstract word, `b:` title pair,
 * `k:` keyword word, `kp:` keyword phrase, `r:` a topic's rule score, `rt:` its title part, `rf:` / `rc:` / `rl:`
 * its first-sentence / contribution-sentence / closing-sentence parts, `p:` a vocabulary phrase hit. */
export type Features = Map<string, number>;

/** The per-topic rule evidence: a handful of dense, general features per paper, so the trainer holds them much
 * less tightly than the thousands of sparse word features (see `l2` and `sparseL2` in ./model.ts). */
const RULE_EVIDENCE = ['r:', 'rt:', 'rf:', 'rc:', 'rl:'];

export function isRuleEvidence(name: string): boolean {
  return RULE_EVIDENCE.some((p) => name.startsWith(p));
}

/** Saturating map of a non-negative amount to (0, 1): half at `half`. */
function squash(x: number, half: number): number {
  return x / (x + half);
}

export function featuresOf(input: FeatureInput): Features {
  const f: Features = new Map();
  const title = input.title;
  for (let i = 0; i < title.length; i++) {
    const w = title[i] as string;
    if (!isContentToken(w)) continue;
    f.set(`t:${w}`, 1);
    const next = title[i + 1];
    if (next !== undefined && isContentToken(next)) f.set(`b:${w} ${next}`, 1);
  }
  const counts = new Map<string, number>();
  for (const w of input.abstract) if (isContentToken(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  // Sublinear: one mention is weak evidence, a word the abstract keeps returning to is strong.
  for (const [w, c] of counts) f.set(`a:${w}`, Math.min(1, (1 + Math.log(c)) / 3));
  for (const tokens of input.keywords ?? []) {
    if (tokens.length === 0) continue;
    f.set(`kp:${tokens.join(' ')}`, 1);
    for (const w of tokens) if (isContentToken(w)) f.set(`k:${w}`, 1);
  }
  for (const r of input.rules) {
    if (r.score <= 0) continue;
    f.set(`r:${r.slug}`, squash(r.score, 6));
    if (r.titleScore > 0) f.set(`rt:${r.slug}`, squash(r.titleScore, 3));
    if (r.parts.first > 0) f.set(`rf:${r.slug}`, squash(r.parts.first, 2));
    if (r.parts.contribution > 0) f.set(`rc:${r.slug}`, squash(r.parts.contribution, 2));
    if (r.parts.closing > 0) f.set(`rl:${r.slug}`, squash(r.parts.closing, 2));
    for (const h of r.hits) {
      const name = `p:${h.phrase}`;
      f.set(name, Math.max(f.get(name) ?? 0, squash(h.points, 3)));
    }
  }
  return f;
}

/** A feature name as a reader would say it ("title word agent", "phrase text to video"). */
export function describeFeature(name: string): string {
  const i = name.indexOf(':');
  const kind = name.slice(0, i);
  const what = name.slice(i + 1);
  const label: Record<string, string> = {
    t: 'title word',
    a: 'abstract word',
    b: 'title words',
    k: 'keyword word',
    kp: 'keyword',
    r: 'phrase-rule score of',
    rt: 'phrase-rule title score of',
    rf: 'phrase-rule score in the first sentence of',
    rc: 'phrase-rule score in the "we propose" sentences of',
    rl: 'phrase-rule score in the closing sentences of',
    p: 'phrase',
  };
  return `${label[kind] ?? kind} "${what}"`;
}
