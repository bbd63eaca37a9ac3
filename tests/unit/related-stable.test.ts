// Related papers in two parts (src/lib/related-stable.ts): an archive within one month is related as one index; a
// daily update with the previous run's stable answers gives exactly what a clean run gives; the newest month's papers
// relate through terms only they hold; stable answers from a cache file are checked before they are used.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeRelated, type RelatedDoc } from '../../src/lib/related.ts';
import { isStableAnswers, relateArchive, splitStable } from '../../src/lib/related-stable.ts';
import { readArchive } from '../../src/lib/topic-papers.ts';
import { FIXTURE_CONTENT, ROOT } from '../helpers/build-site.ts';
import { realPapers } from '../helpers/shared.ts';

const docs: RelatedDoc[] = readArchive(path.join(ROOT, FIXTURE_CONTENT));
const REAL = realPapers();

/** The papers without those first featured on the newest day: the archive of the day before. */
function dayBefore(all: readonly RelatedDoc[]): RelatedDoc[] {
  const newest = all.reduce((m, d) => ((d.date ?? '') > m ? (d.date ?? '') : m), '');
  return all.filter((d) => d.date !== newest);
}

describe('splitStable', () => {
  it('puts the papers of the newest month apart, in input order', () => {
    const { stable, recent } = splitStable(docs);
    expect(recent.length).toBeGreaterThan(10);
    expect(recent.every((d) => d.date?.startsWith('2026-08'))).toBe(true);
    expect(stable.every((d) => (d.date ?? '') < '2026-08')).toBe(true);
    expect([...stable, ...recent].map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
    expect(recent.map((d) => d.id)).toEqual(docs.filter((d) => recent.includes(d)).map((d) => d.id));
  });

  it('leaves an archive within one month (or without dates) in one part', () => {
    const oneMonth = docs.map((d) => ({ ...d, date: '2026-08-03' }));
    expect(splitStable(oneMonth).recent).toEqual([]);
    expect(splitStable(docs.map((d) => ({ ...d, date: undefined }))).recent).toEqual([]);
    // Then the lists are the single index's.
    expect([...relateArchive(oneMonth, 8).related]).toEqual([...computeRelated(oneMonth, 8)]);
  });
});

describe('relateArchive', () => {
  it('gives the same lists with the previous day’s stable answers as without them', () => {
    const previous = relateArchive(dayBefore(docs), 8);
    const update = relateArchive(docs, 8, {}, previous.stable);
    expect(update.reused).toBe(true);
    const clean = relateArchive(docs, 8);
    expect(clean.reused).toBe(false);
    expect([...update.related]).toEqual([...clean.related]);
    expect(update.stable).toEqual(clean.stable);
    // The newest day's papers are in lists of older papers, so the merge is exercised, not just the cache.
    const newest = new Set(docs.filter((d) => !dayBefore(docs).includes(d)).map((d) => d.id));
    expect(newest.size).toBeGreaterThan(0);
    const { stable } = splitStable(docs);
    const stableListing = stable.filter((d) => clean.related.get(d.id)?.some((r) => newest.has(r.id)));
    expect(stableListing.length).toBeGreaterThan(0);
  });

  it('does not take answers made for other stable papers', () => {
    const previous = relateArchive(docs, 8).stable;
    const { stable } = splitStable(docs);
    const edited = docs.map((d) => (d === stable[3] ? { ...d, abstract: `${d.abstract} Revised.` } : d));
    expect(relateArchive(edited, 8, {}, previous).reused).toBe(false);
    expect(relateArchive(edited, 8, { keywordWeight: 1 }, previous).reused).toBe(false);
  });

  it('relates two papers of the newest month through a word no older paper has', () => {
    const older = docs.filter((d) => (d.date ?? '') < '2026-08');
    const word = 'zorblaxian';
    const fresh: RelatedDoc[] = [
      {
        id: '2608.90001',
        title: `Zorblaxian Attention for Long Video`,
        abstract: `We introduce ${word} attention, a ${word} operator for long videos. ${word} layers scale.`,
        date: '2026-08-24',
      },
      {
        id: '2608.90002',
        title: `Sparse Zorblaxian Kernels`,
        abstract: `Sparse kernels make ${word} attention fast; ${word} operators on GPUs for video models.`,
        date: '2026-08-25',
      },
    ];
    const { related } = relateArchive([...older, ...fresh], 8);
    const first = related.get('2608.90001') ?? [];
    expect(first[0]?.id).toBe('2608.90002');
    expect(first[0]?.sharedTerms).toContain(word);
    expect(related.get('2608.90002')?.[0]?.id).toBe('2608.90001');
  });
});

describe('isStableAnswers', () => {
  const good = JSON.parse(JSON.stringify(relateArchive(docs, 8).stable)) as unknown;
  const n = splitStable(docs).stable.length;
  const copy = () =>
    JSON.parse(JSON.stringify(good)) as {
      key: string;
      answers: { walked: unknown[][]; related: unknown[] }[];
    };
  it('accepts what relateArchive keeps, and nothing else', () => {
    expect(isStableAnswers(good, n)).toBe(true);
    expect(isStableAnswers(good, n + 1)).toBe(false);
    expect(isStableAnswers(null, n)).toBe(false);
    expect(isStableAnswers({ key: 1, answers: [] }, 0)).toBe(false);
    const bad = (edit: (x: ReturnType<typeof copy>) => void) => {
      const x = copy();
      edit(x);
      return isStableAnswers(x, n);
    };
    expect(bad((x) => (x.answers[0]!.walked[0] = [n, 0.5, 2]))).toBe(false);
    expect(bad((x) => (x.answers[0]!.walked[0] = [0, 'NaN', 2]))).toBe(false);
    expect(bad((x) => (x.answers[0]!.walked[0] = [0, 0.5, 3]))).toBe(false);
    expect(bad((x) => (x.answers[0]!.related[0] = { id: 7, score: 1, sharedTerms: [] }))).toBe(false);
    expect(bad((x) => (x.answers[0]!.related[0] = { id: '1', score: 1, sharedTerms: [1] }))).toBe(false);
  });
});

describe.skipIf(!REAL)('relateArchive on the real corpus', () => {
  it('gives the same lists with the previous day’s stable answers as without them', () => {
    const all = REAL ?? [];
    const previous = relateArchive(dayBefore(all), 8);
    const update = relateArchive(all, 8, {}, previous.stable);
    expect(update.reused).toBe(true);
    expect(JSON.stringify([...update.related])).toBe(JSON.stringify([...relateArchive(all, 8).related]));
  }, 120_000);
});
