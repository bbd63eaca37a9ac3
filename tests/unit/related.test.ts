// Related papers: hand-checked series from the real corpus, equality with an exact all-pairs reference, determinism.
import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus, type TextPaper } from '../../src/lib/topic-papers.ts';
import { CORPUS_DIR } from '../helpers/shared.ts';
import {
  buildRelatedIndex,
  computeRelated,
  relatedPapers,
  similarity,
  type RelatedIndex,
  type RelatedPaper,
} from '../../src/lib/related.ts';

const CORPUS = CORPUS_DIR;

let corpus: TextPaper[];
let related: Map<string, RelatedPaper[]>;
beforeAll(() => {
  corpus = readCorpus(CORPUS);
  related = computeRelated(corpus, 8);
});

/** The straightforward definition: cosine against every other paper, sorted by score then id. */
function exactReference(index: RelatedIndex, k: number): Map<string, { id: string; score: number }[]> {
  const out = new Map<string, { id: string; score: number }[]>();
  index.ids.forEach((id, a) => {
    const all: { id: string; score: number }[] = [];
    // Dot products through a Map, independent of the merge in similarity().
    const wa = new Map<number, number>();
    (index.docTerms[a] as Int32Array).forEach((t, i) =>
      wa.set(t, (index.docWeights[a] as Float32Array)[i] as number),
    );
    index.ids.forEach((other, b) => {
      if (a === b) return;
      let s = 0;
      (index.docTerms[b] as Int32Array).forEach(
        (t, j) => (s += (wa.get(t) ?? 0) * ((index.docWeights[b] as Float32Array)[j] as number)),
      );
      if (s > 0) all.push({ id: other, score: s });
    });
    all.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
    out.set(id, all.slice(0, k));
  });
  return out;
}

function ids(list: readonly { id: string }[] | undefined): string[] {
  return (list ?? []).map((r) => r.id);
}

describe('related papers on the real corpus', () => {
  it('finds papers of the same series or question first', () => {
    // WebSailor and WebSailor-V2 (Tongyi web agents).
    expect(ids(related.get('2507.02592'))[0]).toBe('2509.13305');
    expect(ids(related.get('2509.13305'))[0]).toBe('2507.02592');
    // Step-Audio-R1 <-> Step-Audio 2, and R1.5 finds both.
    expect(ids(related.get('2511.15848'))[0]).toBe('2507.16632');
    expect(ids(related.get('2604.25719')).slice(0, 3)).toEqual(
      expect.arrayContaining(['2511.15848', '2507.16632']),
    );
    // Two papers decoding reading goals from eye movements.
    expect(ids(related.get('2505.02872'))[0]).toBe('2410.20779');
    // MiniCPM-V and MiniCPM-V 4.5.
    expect(ids(related.get('2408.01800')).slice(0, 3)).toContain('2509.18154');
  });

  it('returns up to k papers, never the paper itself, best first, with the shared terms', () => {
    for (const p of corpus.slice(0, 500)) {
      const list = related.get(p.id) ?? [];
      expect(list.length).toBeLessThanOrEqual(8);
      expect(ids(list)).not.toContain(p.id);
      expect(new Set(ids(list)).size).toBe(list.length);
      for (let i = 1; i < list.length; i++)
        expect((list[i - 1] as RelatedPaper).score).toBeGreaterThanOrEqual((list[i] as RelatedPaper).score);
      for (const r of list) {
        expect(r.score).toBeGreaterThan(0);
        expect(r.score).toBeLessThanOrEqual(1.000001);
        expect(r.sharedTerms.length).toBeGreaterThan(0);
      }
    }
    const all = [...related.values()];
    expect(all.filter((l) => l.length === 8).length / all.length).toBeGreaterThan(0.99);
    expect(related.get('2507.02592')?.[0]?.sharedTerms).toContain('websailor');
  });
});

describe('inverted index vs exact reference', () => {
  it('equals the exact all-pairs result on 400 papers when no cap applies', () => {
    const docs = corpus.filter((_, i) => i % 24 === 0).slice(0, 400);
    const uncapped = { queryTerms: Infinity, postingsCap: Infinity, maxDfRatio: 1 };
    const index = buildRelatedIndex(docs, uncapped);
    const reference = exactReference(index, 8);
    for (const d of docs) {
      const got = relatedPapers(index, d.id, 8);
      const want = reference.get(d.id) ?? [];
      expect(ids(got)).toEqual(ids(want));
      got.forEach((r, i) => expect(r.score).toBeCloseTo((want[i] as { score: number }).score, 5));
    }
  });

  it('keeps most of the exact neighbours with the default caps', () => {
    const docs = corpus.filter((_, i) => i % 12 === 0).slice(0, 800);
    const index = buildRelatedIndex(docs);
    const reference = exactReference(index, 8);
    let kept = 0;
    let total = 0;
    let firstKept = 0;
    for (const d of docs) {
      const got = new Set(ids(relatedPapers(index, d.id, 8)));
      const want = ids(reference.get(d.id));
      total += want.length;
      kept += want.filter((id) => got.has(id)).length;
      if (want[0] === undefined || got.has(want[0])) firstKept++;
    }
    console.log(
      `default caps on ${docs.length} papers: ${((100 * kept) / total).toFixed(1)}% of exact top-8 kept, top-1 kept ${((100 * firstKept) / docs.length).toFixed(1)}%`,
    );
    expect(kept / total).toBeGreaterThan(0.85);
    expect(firstKept / docs.length).toBeGreaterThan(0.97);
  });

  it('similarity is symmetric and 1 for a paper with itself', () => {
    const index = buildRelatedIndex(corpus.slice(0, 200));
    expect(similarity(index, 3, 3)).toBeCloseTo(1, 5);
    expect(similarity(index, 3, 7)).toBeCloseTo(similarity(index, 7, 3), 10);
  });
});

describe('determinism and errors', () => {
  it('gives the same result whatever the input order', () => {
    const docs = corpus.slice(0, 600);
    const a = computeRelated(docs, 8);
    const b = computeRelated([...docs].reverse(), 8);
    for (const d of docs) expect(b.get(d.id)).toEqual(a.get(d.id));
  });

  it('breaks score ties by id', () => {
    const twin = {
      title: 'Sparse attention for video diffusion',
      abstract: 'Sparse attention makes video diffusion fast.',
    };
    const docs = [
      { id: '2501.00003', ...twin },
      { id: '2501.00002', ...twin },
      {
        id: '2501.00001',
        title: 'Video diffusion with sparse attention',
        abstract: 'Sparse attention makes video diffusion fast.',
      },
      { id: '2501.00004', title: 'Unrelated speech codec', abstract: 'A neural speech codec for speech.' },
      { id: '2501.00005', title: 'Another speech codec', abstract: 'A speech codec.' },
    ];
    const r = computeRelated(docs, 3);
    expect(ids(r.get('2501.00001'))).toEqual(['2501.00002', '2501.00003']);
    expect(r.get('2501.00001')?.[0]?.score).toBe(r.get('2501.00001')?.[1]?.score);
  });

  it('rejects duplicate and unknown ids', () => {
    const d = { id: '2501.00001', title: 'a', abstract: 'b' };
    expect(() => buildRelatedIndex([d, d])).toThrow('duplicate paper id 2501.00001');
    expect(() => relatedPapers(buildRelatedIndex([d]), '2501.09999')).toThrow(
      'paper 2501.09999 is not in the index',
    );
  });
});
