// Merge rules: featured days, counters by fetch time, missing fields, overrides, hand-edited bodies, history, days.
import { describe, expect, it } from 'vitest';
import {
  hashAbstract,
  HISTORY_LATEST,
  mergeDay,
  mergePaper,
  normaliseHistory,
  type StoredPaper,
} from '../../../src/lib/ingest/merge.ts';
import type { ListedPaper, Source } from '../../../src/lib/paper.ts';

const src = (fetchedAt: string, kind: Source['kind'] = 'hf-api'): Source => ({
  kind,
  url: 'https://huggingface.co/api/daily_papers?date=2025-03-04&limit=100&p=0',
  fetchedAt,
});

const listed = (over: Partial<ListedPaper> = {}): ListedPaper => ({
  id: '2503.01234',
  title: 'A Paper',
  authors: [{ name: 'Ada Lovelace', user: 'ada' }, { name: 'Alan Turing' }],
  abstract: 'We study things. The results are good.',
  upvotes: 10,
  comments: 1,
  keywords: ['agents'],
  githubRepo: 'https://github.com/a/b',
  githubStars: 5,
  ...over,
});

const T1 = '2025-03-04T07:45:00.000Z';
const T2 = '2025-03-05T07:45:00.000Z';
const T3 = '2025-03-06T07:45:00.000Z';

function first(over: Partial<ListedPaper> = {}): StoredPaper {
  return mergePaper(undefined, listed(over), { date: '2025-03-04', source: src(T1) });
}

describe('mergePaper: a new paper', () => {
  it('creates the file from the listing with one reading and the abstract hash', () => {
    const p = first();
    expect(p.data.featured).toEqual(['2025-03-04']);
    expect(p.data.upvotes).toBe(10);
    expect(p.data.comments).toBe(1);
    expect(p.data.statsAt).toBe(T1);
    expect(p.data.history).toEqual([{ at: T1, upvotes: 10, comments: 1 }]);
    expect(p.body).toBe('We study things. The results are good.');
    expect(p.data.abstractHash).toBe(hashAbstract(p.body));
    expect(p.data.source).toEqual(src(T1));
    expect('organization' in p.data).toBe(false);
  });

  it('starts at 0 upvotes with an empty history when the listing has no counters (text listings)', () => {
    const { upvotes: _u, comments: _c, ...rest } = listed();
    const p = mergePaper(undefined, rest, { date: '2025-03-04', source: src(T1, 'text-file') });
    expect(p.data.upvotes).toBe(0);
    expect(p.data.history).toEqual([]);
  });
});

describe('mergePaper: updates', () => {
  it('accumulates featured days, sorted and unique', () => {
    let p = first();
    p = mergePaper(p, listed(), { date: '2025-03-10', source: src(T3) });
    p = mergePaper(p, listed(), { date: '2025-02-01', source: src(T2) });
    p = mergePaper(p, listed(), { date: '2025-03-10', source: src(T3) });
    expect(p.data.featured).toEqual(['2025-02-01', '2025-03-04', '2025-03-10']);
  });

  it('takes newer counters and records the reading', () => {
    const p = mergePaper(first(), listed({ upvotes: 42, comments: 3, githubStars: 9 }), {
      date: '2025-03-04',
      source: src(T2),
    });
    expect(p.data.upvotes).toBe(42);
    expect(p.data.comments).toBe(3);
    expect(p.data.githubStars).toBe(9);
    expect(p.data.statsAt).toBe(T2);
    expect(p.data.history.map((r) => r.upvotes)).toEqual([10, 42]);
    expect(p.data.source.fetchedAt).toBe(T2);
  });

  it('never lets an older fetch overwrite newer counters, but keeps its reading in history', () => {
    const newer = mergePaper(first(), listed({ upvotes: 42 }), { date: '2025-03-04', source: src(T3) });
    const p = mergePaper(newer, listed({ upvotes: 20, githubStars: 1 }), {
      date: '2025-03-04',
      source: src(T2),
    });
    expect(p.data.upvotes).toBe(42);
    expect(p.data.statsAt).toBe(T3);
    expect(p.data.githubStars).toBe(5);
    expect(p.data.history.map((r) => [r.at, r.upvotes])).toEqual([
      [T1, 10],
      [T2, 20],
      [T3, 42],
    ]);
    expect(p.data.source.fetchedAt).toBe(T3);
  });

  it('keeps known values when the newer snapshot lacks them', () => {
    const { githubRepo: _g, keywords: _k, githubStars: _s, comments: _c, ...rest } = listed();
    const p = mergePaper(
      first({ organization: { name: 'snu', fullname: 'Seoul National University' } }),
      { ...rest, authors: [] },
      {
        date: '2025-03-04',
        source: src(T2),
      },
    );
    expect(p.data.githubRepo).toBe('https://github.com/a/b');
    expect(p.data.keywords).toEqual(['agents']);
    expect(p.data.githubStars).toBe(5);
    expect(p.data.comments).toBe(1);
    expect(p.data.organization).toEqual({ name: 'snu', fullname: 'Seoul National University' });
    expect(p.data.authors).toHaveLength(2);
  });

  it('takes a newer title and fills fields an older snapshot knows but the file lacks', () => {
    const p1 = mergePaper(first(), listed({ title: 'A Paper (v2)' }), {
      date: '2025-03-04',
      source: src(T3),
    });
    expect(p1.data.title).toBe('A Paper (v2)');
    const p2 = mergePaper(p1, listed({ title: 'A Paper', projectPage: 'https://example.org/p' }), {
      date: '2025-03-04',
      source: src(T2),
    });
    expect(p2.data.title).toBe('A Paper (v2)');
    expect(p2.data.projectPage).toBe('https://example.org/p');
  });

  it('never touches overrides', () => {
    const base = first();
    const withOverrides: StoredPaper = {
      ...base,
      data: { ...base.data, overrides: { title: 'Fixed Title', topics: ['agents'] } },
    };
    const p = mergePaper(withOverrides, listed({ title: 'Upstream Title', upvotes: 99 }), {
      date: '2025-03-04',
      source: src(T2),
    });
    expect(p.data.overrides).toEqual({ title: 'Fixed Title', topics: ['agents'] });
    expect(p.data.title).toBe('Upstream Title');
  });

  it('returns the same object when the same input is merged again (re-runs are no-ops)', () => {
    const p = first();
    expect(mergePaper(p, listed(), { date: '2025-03-04', source: src(T1) })).toBe(p);
    // A later fetch with identical values changes nothing either: statsAt/source only move with a change.
    expect(mergePaper(p, listed(), { date: '2025-03-04', source: src(T2) })).toBe(p);
  });
});

describe('mergePaper: the abstract (body)', () => {
  it('replaces an untouched body with a new upstream abstract', () => {
    const p = mergePaper(first(), listed({ abstract: 'A revised abstract.' }), {
      date: '2025-03-04',
      source: src(T2),
    });
    expect(p.body).toBe('A revised abstract.');
    expect(p.data.abstractHash).toBe(hashAbstract('A revised abstract.'));
  });

  it('keeps a hand-edited body and its old hash', () => {
    const base = first();
    const edited: StoredPaper = { ...base, body: 'My own careful rewrite of the abstract.' };
    const p = mergePaper(edited, listed({ abstract: 'A revised abstract.', upvotes: 11 }), {
      date: '2025-03-04',
      source: src(T2),
    });
    expect(p.body).toBe('My own careful rewrite of the abstract.');
    expect(p.data.abstractHash).toBe(base.data.abstractHash);
    expect(p.data.upvotes).toBe(11);
  });

  it('keeps the full abstract when a later text listing shows it truncated', () => {
    const p = mergePaper(first(), listed({ abstract: 'We study things. The res' }), {
      date: '2025-03-04',
      source: src(T3, 'text-file'),
    });
    expect(p.body).toBe('We study things. The results are good.');
  });

  it('lets a longer abstract replace a truncated one even from an older snapshot', () => {
    const truncated = mergePaper(undefined, listed({ abstract: 'We study things. The res…' }), {
      date: '2025-03-04',
      source: src(T3, 'text-file'),
    });
    const p = mergePaper(truncated, listed(), { date: '2025-03-04', source: src(T1) });
    expect(p.body).toBe('We study things. The results are good.');
  });
});

describe('normaliseHistory', () => {
  it('keeps the first reading and the latest few, dropping unchanged repeats', () => {
    const readings = Array.from({ length: 12 }, (_, i) => ({
      at: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
      upvotes: i < 3 ? 5 : i * 10,
    }));
    const h = normaliseHistory(readings);
    expect(h).toHaveLength(HISTORY_LATEST + 1);
    expect(h[0]).toEqual(readings[0]);
    expect(h.at(-1)).toEqual(readings.at(-1));
    expect(h.some((r) => r.at === readings[1]?.at)).toBe(false);
    expect(normaliseHistory(h)).toEqual(h);
  });
});

describe('mergeDay', () => {
  const ctx = (fetchedAt: string) => ({ date: '2025-03-04', source: src(fetchedAt) });

  it('creates ok and empty manifests', () => {
    expect(mergeDay(undefined, ['2503.00001', '2503.00002'], ctx(T1))).toMatchObject({
      status: 'ok',
      count: 2,
    });
    expect(mergeDay(undefined, [], ctx(T1))).toMatchObject({ status: 'empty', count: 0, ids: [] });
  });

  it('uses the newest order and keeps ids that disappeared upstream', () => {
    const d1 = mergeDay(
      undefined,
      ['a1', 'b2', 'c3'].map((x, i) => `2503.0000${i}`),
      ctx(T1),
    );
    const d2 = mergeDay(d1, ['2503.00002', '2503.00009'], ctx(T2));
    expect(d2.ids).toEqual(['2503.00002', '2503.00009', '2503.00000', '2503.00001']);
    expect(d2.count).toBe(4);
    expect(d2.source.fetchedAt).toBe(T2);
  });

  it('never empties a day that had papers, and is a no-op on the same listing', () => {
    const d1 = mergeDay(undefined, ['2503.00001'], ctx(T1));
    const d2 = mergeDay(d1, [], ctx(T2));
    expect(d2).toBe(d1);
    expect(mergeDay(d1, ['2503.00001'], ctx(T3))).toBe(d1);
  });

  it('keeps the newer order when an older listing arrives', () => {
    const d1 = mergeDay(undefined, ['2503.00002', '2503.00001'], ctx(T2));
    const d2 = mergeDay(d1, ['2503.00001', '2503.00002', '2503.00003'], ctx(T1));
    expect(d2.ids).toEqual(['2503.00002', '2503.00001', '2503.00003']);
    expect(d2.source.fetchedAt).toBe(T2);
  });

  it('records the skipped items of the listing, and omits the record when there are none', () => {
    const skipped = [
      { index: 3, id: '2503.00003', reason: 'no title' },
      { index: 7, reason: 'no paper.id' },
    ];
    const d1 = mergeDay(undefined, ['2503.00001'], ctx(T1), skipped);
    expect(d1.skipped).toEqual(skipped);
    expect(d1.status).toBe('ok');
    expect(mergeDay(undefined, ['2503.00001'], ctx(T1), [])).not.toHaveProperty('skipped');
  });

  it('is a no-op when the same items are skipped again (re-runs write nothing)', () => {
    const skipped = [{ index: 3, id: '2503.00003', reason: 'no title' }];
    const d1 = mergeDay(undefined, ['2503.00001'], ctx(T1), skipped);
    expect(mergeDay(d1, ['2503.00001'], ctx(T2), [{ ...skipped[0]! }])).toBe(d1);
  });

  it('drops the record once a newer listing has the item right, and takes the newer source', () => {
    const d1 = mergeDay(undefined, ['2503.00001'], ctx(T1), [
      { index: 1, id: '2503.00003', reason: 'no title' },
    ]);
    const d2 = mergeDay(d1, ['2503.00001', '2503.00003'], ctx(T2));
    expect(d2).not.toHaveProperty('skipped');
    expect(d2.ids).toEqual(['2503.00001', '2503.00003']);
    expect(d2.source.fetchedAt).toBe(T2);
    // Even when the fixed item adds no new id (it was archived from another listing already).
    const d3 = mergeDay(
      mergeDay(undefined, ['2503.00001'], ctx(T1), [{ index: 1, reason: 'no paper.id' }]),
      ['2503.00001'],
      ctx(T2),
    );
    expect(d3).not.toHaveProperty('skipped');
    expect(d3.source.fetchedAt).toBe(T2);
  });

  it('keeps the record when an older listing arrives', () => {
    const skipped = [{ index: 1, id: '2503.00003', reason: 'no title' }];
    const d1 = mergeDay(undefined, ['2503.00001'], ctx(T2), skipped);
    const d2 = mergeDay(d1, ['2503.00001', '2503.00002'], ctx(T1));
    expect(d2.skipped).toEqual(skipped);
    expect(d2.source.fetchedAt).toBe(T2);
  });
});
