// Related papers of a whole archive, in two parts, so that a daily update does not relate every paper again.
//
// Every paper's weights depend on the whole index (idf), so adding a day's papers to one index changes every answer
// a little: nothing can be kept, and at 100k papers relating them all took ~150 s of each build. Here the index is
// made of the *stable* papers only, those first featured before the newest month, and its answers (which candidates
// each paper walked, with their evidence, and its list) hold until that month ends or an older paper changes. The
// papers of the newest month (the *recent* ones) are put into the same term space (extendIndex: their vectors use the
// stable papers' idf and terms) and related exactly against every paper; a stable paper's list is made again only
// when a recent paper ranks above the point where its walk stopped. A clean build and an update compute the same
// thing, the first with every stable answer made now, the second with them from the previous build
// (relateArchive's `previous`): the two give the same lists, to the bit (tests/unit/related-stable.test.ts).
//
// What this costs in quality: a term that only the newest month's papers hold does not count until the month is
// over (it is not in the stable index), and idf comes from all but the newest month (~1/30 of the archive).
import { createHash } from 'node:crypto';
import {
  buildRelatedIndex,
  byScore,
  candidatesFromPostings,
  defaultRelatedOptions,
  extendIndex,
  relatedList,
  scratchFor,
  spread,
  topicOverlap,
  walkCandidates,
  type Candidate,
  type Evidence,
  type RelatedDoc,
  type RelatedIndex,
  type RelatedOptions,
  type RelatedPaper,
} from './related.ts';

/** Bumped when what a stable answer means changes in a way its key does not show. */
const FORMAT = 1;

/** One stable paper's answer: the candidates its walk checked (best first) with their evidence, and its list. */
export interface StableAnswer {
  /** [candidate's number in the stable index, score, evidence], best first. */
  walked: [number, number, Evidence][];
  related: RelatedPaper[];
}

/** The stable part's answers, under the key of what they were computed from. */
export interface StableAnswers {
  key: string;
  answers: StableAnswer[];
}

/**
 * The papers first featured before the newest month (stable), and those of the newest month (recent), each in input
 * order. An archive within one month (or without dates) is all stable: one index, as before the split.
 */
export function splitStable<T extends RelatedDoc>(docs: readonly T[]): { stable: T[]; recent: T[] } {
  let newest = '';
  for (const d of docs) if (d.date !== undefined && d.date > newest) newest = d.date;
  const month = newest.slice(0, 7);
  const stable: T[] = [];
  const recent: T[] = [];
  for (const d of docs) (d.date !== undefined && d.date >= month ? recent : stable).push(d);
  return stable.length === 0 ? { stable: recent, recent: [] } : { stable, recent };
}

/** What the stable answers depend on: the stable papers (in order: answers name them by number), k and the options. */
export function stableKey(
  stable: readonly RelatedDoc[],
  k: number,
  options: Partial<RelatedOptions> = {},
): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([FORMAT, k, { ...defaultRelatedOptions, ...options }]));
  for (const d of stable)
    hash.update('\0').update(JSON.stringify([d.id, d.title, d.abstract, d.keywords ?? [], d.topics ?? []]));
  return hash.digest('base64url');
}

/** The answers of stable papers from..to-1 in their own index (each independent: ranges can run on other threads). */
export function answerStable(index: RelatedIndex, from: number, to: number, k: number): StableAnswer[] {
  const scratch = scratchFor(index);
  const out: StableAnswer[] = [];
  for (let doc = from; doc < to; doc++) {
    spread(index, doc, scratch.dense);
    const sorted = candidatesFromPostings(index, doc, k, scratch).sort(byScore(index.ids));
    const { list, walked } = walkCandidates(index, doc, sorted, k);
    out.push({
      walked: walked.map(({ c, e }) => [c.doc, c.score, e]),
      related: relatedList(index, doc, list),
    });
    spread(index, doc, scratch.dense, true);
  }
  return out;
}

/**
 * Every paper's related list: the stable papers' answers (made from `index`, the stable papers' index), with the
 * recent papers merged in where they rank, and the recent papers' own lists against all papers.
 */
export function relateWithRecent(
  index: RelatedIndex,
  answers: readonly StableAnswer[],
  recent: readonly RelatedDoc[],
  k: number,
): Map<string, RelatedPaper[]> {
  const nStable = index.ids.length;
  if (answers.length !== nStable)
    throw new Error('related papers: the stable answers do not match the index');
  const out = new Map<string, RelatedPaper[]>();
  if (recent.length === 0) {
    answers.forEach((a, doc) => out.set(index.ids[doc] as string, a.related));
    return out;
  }
  const all = extendIndex(index, recent);
  const n = all.ids.length;
  const cmp = byScore(all.ids);
  const o = all.options;
  // The recent papers' postings, uncapped (they are few): term -> [paper, weight, paper, weight, ...].
  const recentPostings = new Map<number, number[]>();
  for (let r = nStable; r < n; r++) {
    const terms = all.docTerms[r] as Int32Array;
    const weights = all.docWeights[r] as Float32Array;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as number;
      let list = recentPostings.get(t);
      if (!list) recentPostings.set(t, (list = []));
      list.push(r, weights[i] as number);
    }
  }
  const acc = new Float64Array(n - nStable);
  const touched: number[] = [];
  /** The recent papers sharing a term with `doc`, scored: the cosine summed over the shared terms in term order. */
  const recentCandidates = (doc: number): Candidate[] => {
    const terms = all.docTerms[doc] as Int32Array;
    const weights = all.docWeights[doc] as Float32Array;
    for (let i = 0; i < terms.length; i++) {
      const list = recentPostings.get(terms[i] as number);
      if (!list) continue;
      const w = weights[i] as number;
      for (let j = 0; j < list.length; j += 2) {
        const r = list[j] as number;
        if (r === doc) continue;
        const at = r - nStable;
        if (acc[at] === 0) touched.push(at);
        acc[at] = (acc[at] as number) + w * (list[j + 1] as number);
      }
    }
    const found: Candidate[] = [];
    for (const at of touched) {
      const cosine = acc[at] as number;
      acc[at] = 0;
      const r = at + nStable;
      if (cosine > 0) found.push({ doc: r, score: cosine + o.topicWeight * topicOverlap(all, doc, r) });
    }
    touched.length = 0;
    return found.sort(cmp);
  };
  /** Two lists sorted best first, merged. */
  const merge = (a: readonly Candidate[], b: readonly Candidate[]): Candidate[] => {
    const m: Candidate[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length)
      m.push(j >= b.length || (i < a.length && cmp(a[i]!, b[j]!) <= 0) ? a[i++]! : b[j++]!);
    return m;
  };

  answers.forEach((answer, doc) => {
    const found = recentCandidates(doc);
    const walked = answer.walked.map(([d, score, e]) => ({ c: { doc: d, score }, e }));
    const passed = walked.filter((w) => w.e === 2).length;
    const stop = walked.at(-1)?.c;
    // The walk stopped at `stop` with k passed: a recent paper ranking after it would never have been checked.
    const unchanged = found.length === 0 || (passed >= k && stop !== undefined && cmp(found[0]!, stop) > 0);
    if (unchanged) {
      out.set(all.ids[doc] as string, answer.related);
      return;
    }
    const known = new Map<Candidate, Evidence>(walked.map((w) => [w.c, w.e]));
    const merged = merge(
      walked.map((w) => w.c),
      found,
    );
    const { list } = walkCandidates(all, doc, merged, k, (c) => known.get(c));
    out.set(all.ids[doc] as string, relatedList(all, doc, list));
  });

  const scratch = scratchFor(all);
  for (let doc = nStable; doc < n; doc++) {
    spread(all, doc, scratch.dense);
    const fromStable = candidatesFromPostings(all, doc, k, scratch).sort(cmp);
    const merged = merge(fromStable, recentCandidates(doc));
    const { list } = walkCandidates(all, doc, merged, k);
    out.set(all.ids[doc] as string, relatedList(all, doc, list));
    spread(all, doc, scratch.dense, true);
  }
  return out;
}

/** Is this (read from a cache file) a set of stable answers for `nStable` papers? */
export function isStableAnswers(x: unknown, nStable: number): x is StableAnswers {
  if (typeof x !== 'object' || x === null) return false;
  const { key, answers } = x as Partial<StableAnswers>;
  if (typeof key !== 'string' || !Array.isArray(answers) || answers.length !== nStable) return false;
  return answers.every(
    (a: Partial<StableAnswer> | null) =>
      typeof a === 'object' &&
      a !== null &&
      Array.isArray(a.walked) &&
      a.walked.every(
        (w) =>
          Array.isArray(w) &&
          w.length === 3 &&
          Number.isInteger(w[0]) &&
          w[0] >= 0 &&
          w[0] < nStable &&
          Number.isFinite(w[1]) &&
          (w[2] === 0 || w[2] === 1 || w[2] === 2),
      ) &&
      Array.isArray(a.related) &&
      a.related.every(
        (r: Partial<RelatedPaper> | null) =>
          typeof r === 'object' &&
          r !== null &&
          typeof r.id === 'string' &&
          Number.isFinite(r.score) &&
          Array.isArray(r.sharedTerms) &&
          r.sharedTerms.every((t) => typeof t === 'string'),
      ),
  );
}

/**
 * Related papers of every paper (what the build needs): id -> up to k related papers, in input order. `previous`:
 * the stable answers of an earlier run, used when its key is this run's. Returns the stable answers too (to keep).
 */
export function relateArchive(
  docs: readonly RelatedDoc[],
  k = 8,
  options: Partial<RelatedOptions> = {},
  previous?: unknown,
): { related: Map<string, RelatedPaper[]>; stable: StableAnswers; reused: boolean } {
  const { stable, recent } = splitStable(docs);
  const key = stableKey(stable, k, options);
  const index = buildRelatedIndex(stable, options);
  const kept = reusableAnswers(previous, stable.length, key);
  const answers = kept ?? answerStable(index, 0, stable.length, k);
  const related = inInputOrder(docs, relateWithRecent(index, answers, recent, k));
  return { related, stable: { key, answers }, reused: kept !== undefined };
}

/** The previous run's stable answers (as read from a cache file) when they are sound and for these stable papers. */
export function reusableAnswers(previous: unknown, nStable: number, key: string): StableAnswer[] | undefined {
  return isStableAnswers(previous, nStable) && previous.key === key ? previous.answers : undefined;
}

/** The map again, in the order of `docs`. */
export function inInputOrder(
  docs: readonly RelatedDoc[],
  map: ReadonlyMap<string, RelatedPaper[]>,
): Map<string, RelatedPaper[]> {
  return new Map(docs.map((d) => [d.id, map.get(d.id) ?? []]));
}
