// Related papers: TF-IDF vectors over title + abstract + keywords, cosine top-k through a capped inverted index (no
// all-pairs work), keeping only pairs with evidence beyond one shared word, with shared topics as a tie-breaker.
import { contentTokens, isContentToken, words } from './tokenize.ts';

/** What related papers read from a paper. */
export interface RelatedDoc {
  id: string;
  title: string;
  abstract: string;
  keywords?: readonly string[] | undefined;
  /** The paper's topics, when known: shared topics break near-ties between candidates. */
  topics?: readonly string[] | undefined;
}

export interface RelatedPaper {
  id: string;
  /** Cosine similarity of the two papers' TF-IDF vectors (0..1) plus the shared-topic tie-break (at most
   * `topicWeight`): the order of the list. */
  score: number;
  /** The terms that contribute most to the score, best first (title word pairs appear as "a b"). */
  sharedTerms: string[];
}

export interface RelatedOptions {
  /** Term-frequency multiplier of title words. */
  titleWeight: number;
  /** Term-frequency multiplier of adjacent title word pairs. */
  titlePairWeight: number;
  /** Term-frequency multiplier of adjacent abstract word pairs (0: none). A pair says what a paper is about
   * more precisely than its words ("speculative decoding", "reward model", "gaussian splatting"). */
  abstractPairWeight: number;
  /** Term-frequency multiplier of HF keyword words. */
  keywordWeight: number;
  /** A paper's vector keeps only its this-many heaviest terms (what makes it distinctive). */
  maxTermsPerDoc: number;
  /** Candidates are gathered through the query paper's this-many heaviest indexed terms. */
  queryTerms: number;
  /** Each term's postings keep only the papers where the term weighs most. */
  postingsCap: number;
  /** Terms in more than this fraction of papers are not indexed (they still count in the final score). */
  maxDfRatio: number;
  /** Candidates rescored exactly, per query: max(rescore, 4k). */
  rescore: number;
  /**
   * Evidence beyond one word: the cosine left once the strongest shared word (with the title pairs holding it) is
   * taken out must reach this, or the candidate is dropped. One rare word shared by two titles is not a relation.
   */
  minRest: number;
  /** Added to the cosine times the Jaccard overlap of the two papers' topics (when both have topics). */
  topicWeight: number;
  /** When fewer than this many candidates pass `minRest`, the list is filled up to it with the best candidates
   * that still share at least two distinct words (so a page is never left with one or two related papers). */
  minRelated: number;
}

export const defaultRelatedOptions: RelatedOptions = {
  titleWeight: 2,
  titlePairWeight: 2,
  abstractPairWeight: 1,
  keywordWeight: 2,
  maxTermsPerDoc: 128,
  queryTerms: 32,
  postingsCap: 256,
  maxDfRatio: 0.05,
  rescore: 96,
  minRest: 0.05,
  topicWeight: 0.04,
  minRelated: 5,
};

/** Built once for the whole archive; vectors are L2-normalised with term ids sorted ascending. */
export interface RelatedIndex {
  ids: string[];
  position: ReadonlyMap<string, number>;
  terms: string[];
  docTerms: Int32Array[];
  docWeights: Float32Array[];
  /** Per term, the papers holding it, heaviest first, capped; empty for terms too common to index. */
  postings: Int32Array[];
  /** The term's weight in each paper of `postings`, same order. */
  postingWeights: Float32Array[];
  /** Per term, the ids of the words it is made of (a pair has two, each a word's own term id or -1). */
  termWords: Int32Array[];
  /** Per paper, its topics as sorted ids (empty when unknown). */
  docTopics: Int32Array[];
  options: RelatedOptions;
}

/** Adjacent content-word pairs of a title: the phrases papers are named by. */
function titlePairs(title: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < title.length; i++) {
    const t = title[i] as string;
    const next = title[i + 1] as string;
    if (isContentToken(t) && isContentToken(next)) out.push(`${t} ${next}`);
  }
  return out;
}

function termCounts(
  doc: RelatedDoc,
  o: RelatedOptions,
  namedPairs: ReadonlySet<string>,
): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (t: string, w: number) => tf.set(t, (tf.get(t) ?? 0) + w);
  const title = words(doc.title);
  for (let i = 0; i < title.length; i++) {
    const t = title[i] as string;
    if (!isContentToken(t)) continue;
    add(t, o.titleWeight);
    // Adjacent title word pairs tell "world model" from "world" + "model" and catch series names ("step audio").
    const next = title[i + 1];
    if (next !== undefined && isContentToken(next)) add(`${t} ${next}`, o.titlePairWeight);
  }
  if (o.abstractPairWeight > 0) {
    const abstract = words(doc.abstract);
    for (let i = 0; i < abstract.length; i++) {
      const t = abstract[i] as string;
      if (!isContentToken(t)) continue;
      add(t, 1);
      const next = abstract[i + 1];
      if (next === undefined || !isContentToken(next)) continue;
      // Only pairs some paper is named by: the subject phrases of the field, a vocabulary that grows with the
      // titles (about ten pairs a paper), not with every pair of every abstract.
      const pair = `${t} ${next}`;
      if (namedPairs.has(pair)) add(pair, o.abstractPairWeight);
    }
  } else for (const t of contentTokens(doc.abstract)) add(t, 1);
  for (const kw of doc.keywords ?? []) for (const t of contentTokens(kw)) add(t, o.keywordWeight);
  return tf;
}

/** TF-IDF index of the papers: sublinear tf, smoothed idf, terms seen in only one paper dropped. */
export function buildRelatedIndex(
  docs: readonly RelatedDoc[],
  options: Partial<RelatedOptions> = {},
): RelatedIndex {
  const o: RelatedOptions = { ...defaultRelatedOptions, ...options };
  const ids: string[] = [];
  const position = new Map<string, number>();
  for (const d of docs) {
    if (position.has(d.id)) throw new Error(`related papers: duplicate paper id ${d.id}`);
    position.set(d.id, ids.length);
    ids.push(d.id);
  }
  const namedPairs = new Set<string>();
  if (o.abstractPairWeight > 0)
    for (const d of docs) for (const p of titlePairs(words(d.title))) namedPairs.add(p);
  // Each paper's counts become two typed arrays over interned term numbers as soon as they are made, so only one
  // map of distinct terms lives for the whole pass. (A map per paper, kept until every paper was counted, and an
  // object per posting made the garbage collector the cost at 100k papers: the index took 162 s there, 5 s at 10k.)
  const intern = new Map<string, number>();
  const strings: string[] = [];
  let dfOf = new Int32Array(1024);
  const docRaw: Int32Array[] = [];
  const docTf: Float64Array[] = [];
  for (const d of docs) {
    const c = termCounts(d, o, namedPairs);
    const raw = new Int32Array(c.size);
    const tf = new Float64Array(c.size);
    let j = 0;
    for (const [t, f] of c) {
      let r = intern.get(t);
      if (r === undefined) {
        r = strings.length;
        intern.set(t, r);
        strings.push(t);
        if (r >= dfOf.length) {
          const grown = new Int32Array(dfOf.length * 2);
          grown.set(dfOf);
          dfOf = grown;
        }
      }
      dfOf[r] = (dfOf[r] as number) + 1;
      raw[j] = r;
      tf[j++] = f;
    }
    docRaw.push(raw);
    docTf.push(tf);
  }

  // Term ids in sorted order of the term string, so ids do not depend on input order.
  const terms = strings.filter((_, r) => (dfOf[r] as number) >= 2).sort();
  const finalId = new Int32Array(strings.length).fill(-1);
  terms.forEach((t, i) => (finalId[intern.get(t) as number] = i));
  const termId = new Map(terms.map((t, i) => [t, i]));
  const n = docs.length;
  const idf = terms.map((t) => Math.log((n + 1) / ((dfOf[intern.get(t) as number] as number) + 1)) + 1);

  const docTerms: Int32Array[] = [];
  const docWeights: Float32Array[] = [];
  docRaw.forEach((raw, doc) => {
    const tf = docTf[doc] as Float64Array;
    const weighted: [number, number][] = [];
    for (let j = 0; j < raw.length; j++) {
      const id = finalId[raw[j] as number] as number;
      if (id < 0) continue;
      weighted.push([id, (1 + Math.log(tf[j] as number)) * (idf[id] as number)]);
    }
    weighted.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const kept = weighted.slice(0, o.maxTermsPerDoc).sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(kept.reduce((s, [, w]) => s + w * w, 0)) || 1;
    docTerms.push(Int32Array.from(kept, ([id]) => id));
    docWeights.push(Float32Array.from(kept, ([, w]) => w / norm));
  });

  // Small archives index every term; the cap only bites where lists would be long anyway. The postings are laid
  // out per term in flat typed arrays (term t's at start[t]..start[t + 1]), then sorted heaviest first in place.
  const maxDf = Math.max(o.postingsCap, Math.floor(o.maxDfRatio * n));
  const start = new Int32Array(terms.length + 1);
  for (const ts of docTerms) for (const t of ts) start[t + 1] = (start[t + 1] as number) + 1;
  for (let t = 0; t < terms.length; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
  const fill = start.slice(0, terms.length);
  const flatDoc = new Int32Array(start[terms.length] as number);
  const flatW = new Float32Array(flatDoc.length);
  docTerms.forEach((ts, doc) =>
    ts.forEach((t, j) => {
      const at = fill[t] as number;
      fill[t] = at + 1;
      flatDoc[at] = doc;
      flatW[at] = docWeights[doc]?.[j] ?? 0;
    }),
  );
  const postings: Int32Array[] = [];
  const postingWeights: Float32Array[] = [];
  for (let t = 0; t < terms.length; t++) {
    const from = start[t] as number;
    const to = start[t + 1] as number;
    if (to - from > maxDf) {
      postings.push(new Int32Array(0));
      postingWeights.push(new Float32Array(0));
      continue;
    }
    const order = Array.from({ length: to - from }, (_, i) => from + i).sort(
      (a, b) =>
        (flatW[b] as number) - (flatW[a] as number) || byId(ids, flatDoc[a] as number, flatDoc[b] as number),
    );
    const kept = order.slice(0, o.postingsCap);
    postings.push(Int32Array.from(kept, (i) => flatDoc[i] as number));
    postingWeights.push(Float32Array.from(kept, (i) => flatW[i] as number));
  }
  const topicId = new Map<string, number>();
  const docTopics = docs.map((d) =>
    Int32Array.from(
      new Set((d.topics ?? []).map((t) => topicId.get(t) ?? topicId.set(t, topicId.size).get(t) ?? 0)),
    ).sort(),
  );
  // Words of a pair that are not terms themselves get ids past the terms, so they still count as one word.
  const wordId = (w: string) => termId.get(w) ?? terms.length + w.length;
  const termWords = terms.map((t) => Int32Array.from(t.split(' '), wordId));
  return {
    ids,
    position,
    terms,
    docTerms,
    docWeights,
    postings,
    postingWeights,
    termWords,
    docTopics,
    options: o,
  };
}

/** Order of two papers by id, so ties never depend on input order. */
function byId(ids: readonly string[], a: number, b: number): number {
  const x = ids[a] as string;
  const y = ids[b] as string;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Cosine of two indexed papers (their vectors are normalised): a merge over the sorted term ids. */
export function similarity(index: RelatedIndex, a: number, b: number): number {
  const ta = index.docTerms[a] as Int32Array;
  const tb = index.docTerms[b] as Int32Array;
  const wa = index.docWeights[a] as Float32Array;
  const wb = index.docWeights[b] as Float32Array;
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < ta.length && j < tb.length) {
    const x = ta[i] as number;
    const y = tb[j] as number;
    if (x === y) s += (wa[i++] as number) * (wb[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Jaccard overlap of two papers' topics (0 when either has none). */
function topicOverlap(index: RelatedIndex, a: number, b: number): number {
  const x = index.docTopics[a] as Int32Array;
  const y = index.docTopics[b] as Int32Array;
  if (x.length === 0 || y.length === 0) return 0;
  let shared = 0;
  for (const t of x) if (y.includes(t)) shared++;
  return shared / (x.length + y.length - shared);
}

/**
 * The cosine left once the strongest shared word is taken out: its own term and every title pair holding it
 * ("world" also takes "world model" and "real world"). Small when one word is all the two papers share.
 */
export function evidenceBeyondOneWord(index: RelatedIndex, a: number, b: number): number {
  const ta = index.docTerms[a] as Int32Array;
  const tb = index.docTerms[b] as Int32Array;
  const wa = index.docWeights[a] as Float32Array;
  const wb = index.docWeights[b] as Float32Array;
  // Shared terms by a merge of the sorted term ids, as in similarity(); a pair's weight is credited to each of
  // its words, so a word's total says how much of the cosine rests on it.
  const shared: { term: number; c: number }[] = [];
  const byWord = new Map<number, number>();
  let total = 0;
  for (let i = 0, j = 0; i < ta.length && j < tb.length;) {
    const x = ta[i] as number;
    const y = tb[j] as number;
    if (x === y) {
      const c = (wa[i++] as number) * (wb[j++] as number);
      total += c;
      shared.push({ term: x, c });
      for (const w of index.termWords[x] as Int32Array) byWord.set(w, (byWord.get(w) ?? 0) + c);
    } else if (x < y) i++;
    else j++;
  }
  let top = -1;
  let topC = -1;
  for (const [w, c] of byWord) if (c > topC || (c === topC && w < top)) [top, topC] = [w, c];
  let removed = 0;
  for (const { term, c } of shared) if ((index.termWords[term] as Int32Array).includes(top)) removed += c;
  return total - removed;
}

function sharedTerms(index: RelatedIndex, a: number, b: number, max: number): string[] {
  const ta = index.docTerms[a] as Int32Array;
  const wa = index.docWeights[a] as Float32Array;
  const wbByTerm = new Map<number, number>();
  (index.docTerms[b] as Int32Array).forEach((t, j) =>
    wbByTerm.set(t, (index.docWeights[b] as Float32Array)[j] as number),
  );
  const shared: [string, number][] = [];
  ta.forEach((t, i) => {
    const wb = wbByTerm.get(t);
    if (wb !== undefined) shared.push([index.terms[t] as string, (wa[i] as number) * wb]);
  });
  return shared
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, max)
    .map(([t]) => t);
}

/** Reusable buffers for candidate scoring, so a pass over all papers allocates nothing per query. */
interface Scratch {
  acc: Float64Array;
  touched: Int32Array;
  /** The query paper's weights by term id (0 elsewhere), set and cleared per query: a candidate's exact cosine is
   * then one pass over its own terms instead of a merge of two sorted lists (about twice as fast at 10k papers, the
   * same sums in the same order, so the same scores to the bit). */
  dense: Float64Array;
}

/** Cosine of the query paper (spread in `dense`) with paper b: the shared terms' products in term id order. */
function denseSimilarity(index: RelatedIndex, dense: Float64Array, b: number): number {
  const tb = index.docTerms[b] as Int32Array;
  const wb = index.docWeights[b] as Float32Array;
  let s = 0;
  for (let j = 0; j < tb.length; j++) {
    const w = dense[tb[j] as number] as number;
    if (w !== 0) s += w * (wb[j] as number);
  }
  return s;
}

/** Is candidate a ranked below b by partial score (ties: higher doc number ranks lower)? */
function below(acc: Float64Array, ids: readonly string[], a: number, b: number): boolean {
  const x = acc[a] as number;
  const y = acc[b] as number;
  return x < y || (x === y && byId(ids, a, b) > 0);
}

/** The `limit` touched papers with the highest partial scores, via a bounded min-heap (no full sort). */
function topByPartial(
  acc: Float64Array,
  ids: readonly string[],
  touched: Int32Array,
  nTouched: number,
  limit: number,
): number[] {
  const heap: number[] = [];
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && below(acc, ids, heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && below(acc, ids, heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  for (let t = 0; t < nTouched; t++) {
    const c = touched[t] as number;
    if (heap.length < limit) {
      heap.push(c);
      for (let i = heap.length - 1; i > 0;) {
        const p = (i - 1) >> 1;
        if (!below(acc, ids, heap[i] as number, heap[p] as number)) break;
        [heap[i], heap[p]] = [heap[p] as number, heap[i] as number];
        i = p;
      }
    } else if (below(acc, ids, heap[0] as number, c)) {
      heap[0] = c;
      siftDown(0);
    }
  }
  return heap;
}

function query(index: RelatedIndex, doc: number, k: number, scratch: Scratch): RelatedPaper[] {
  const o = index.options;
  const { acc, touched, dense } = scratch;
  const terms = index.docTerms[doc] as Int32Array;
  const weights = index.docWeights[doc] as Float32Array;
  for (let i = 0; i < terms.length; i++) dense[terms[i] as number] = weights[i] as number;
  // Walk the heaviest indexed terms of the query paper.
  const order = Array.from(terms.keys())
    .filter((i) => (index.postings[terms[i] as number] as Int32Array).length > 0)
    .sort((x, y) => (weights[y] as number) - (weights[x] as number) || x - y)
    .slice(0, o.queryTerms);
  let nTouched = 0;
  for (const i of order) {
    const list = index.postings[terms[i] as number] as Int32Array;
    const listWeights = index.postingWeights[terms[i] as number] as Float32Array;
    const w = weights[i] as number;
    for (let j = 0; j < list.length; j++) {
      const other = list[j] as number;
      if (other === doc) continue;
      if (acc[other] === 0) touched[nTouched++] = other;
      // Partial cosine over the walked terms; the best candidates get the exact cosine below.
      acc[other] = (acc[other] as number) + w * (listWeights[j] as number);
    }
  }
  const best = topByPartial(acc, index.ids, touched, nTouched, Math.max(o.rescore, 4 * k));
  for (let t = 0; t < nTouched; t++) acc[touched[t] as number] = 0;
  const scored = best
    .map((other) => ({ doc: other, cosine: denseSimilarity(index, dense, other) }))
    .filter((c) => c.cosine > 0)
    .map((c) => ({ ...c, score: c.cosine + o.topicWeight * topicOverlap(index, doc, c.doc) }));
  const ids = index.ids;
  scored.sort((a, b) => b.score - a.score || ((ids[a.doc] as string) < (ids[b.doc] as string) ? -1 : 1));
  // Evidence is checked best first and only until k pass: a few merges per query, not one per candidate.
  const kept: typeof scored = [];
  const weaker: typeof scored = [];
  for (const c of scored) {
    if (kept.length >= k) break;
    // minRest 0 turns the rule off (plain cosine order), whatever rounding does to `rest`.
    const rest = o.minRest > 0 ? evidenceBeyondOneWord(index, doc, c.doc) : Infinity;
    if (rest >= o.minRest) kept.push(c);
    else if (rest > 0) weaker.push(c);
  }
  const fill = Math.min(k, o.minRelated) - kept.length;
  if (fill > 0) {
    kept.push(...weaker.slice(0, fill));
    kept.sort((a, b) => b.score - a.score || ((ids[a.doc] as string) < (ids[b.doc] as string) ? -1 : 1));
  }
  const out = kept.map((c) => ({
    id: ids[c.doc] as string,
    score: Math.round(c.score * 1e6) / 1e6,
    sharedTerms: sharedTerms(index, doc, c.doc, 5),
  }));
  for (let i = 0; i < terms.length; i++) dense[terms[i] as number] = 0;
  return out;
}

function scratchFor(index: RelatedIndex): Scratch {
  return {
    acc: new Float64Array(index.ids.length),
    touched: new Int32Array(index.ids.length),
    dense: new Float64Array(index.terms.length),
  };
}

/** Up to k papers most similar to `id`, best first (ties by id). Throws for an id not in the index. */
export function relatedPapers(index: RelatedIndex, id: string, k = 8): RelatedPaper[] {
  const doc = index.position.get(id);
  if (doc === undefined) throw new Error(`related papers: paper ${id} is not in the index`);
  return query(index, doc, k, scratchFor(index));
}

/** Related papers of every paper at once (what the build needs): id -> up to k related papers. */
export function computeRelated(
  docs: readonly RelatedDoc[],
  k = 8,
  options: Partial<RelatedOptions> = {},
): Map<string, RelatedPaper[]> {
  const index = buildRelatedIndex(docs, options);
  const scratch = scratchFor(index);
  const out = new Map<string, RelatedPaper[]>();
  index.ids.forEach((id, doc) => out.set(id, query(index, doc, k, scratch)));
  return out;
}
