// Related papers on two threads (scripts/lib/related-parallel.ts) must be exactly relateArchive's result: the same
// papers, scores and shared terms, in the same order, with the stable answers made or taken from a previous run.
import { describe, expect, it } from 'vitest';
import { relateArchive, splitStable } from '../../src/lib/related-stable.ts';
import { computeRelatedParallel } from '../../scripts/lib/related-parallel.ts';
import { readArchive } from '../../src/lib/topic-papers.ts';
import { FIXTURE_CONTENT, ROOT } from '../helpers/build-site.ts';
import path from 'node:path';

const docs = readArchive(path.join(ROOT, FIXTURE_CONTENT));

describe('computeRelatedParallel', () => {
  it('gives what relateArchive gives, with the stable answers split between this thread and a worker', async () => {
    expect(docs.length).toBeGreaterThan(50);
    // The fixture has a newest month (2026-08) and older papers: both parts are exercised.
    const { stable, recent } = splitStable(docs);
    expect(stable.length).toBeGreaterThan(20);
    expect(recent.length).toBeGreaterThan(10);
    const serial = relateArchive(docs, 8);
    const parallel = await computeRelatedParallel(docs, 8, { threads: 2, minPapers: 0 });
    expect([...parallel.related.keys()]).toEqual(docs.map((d) => d.id));
    expect([...parallel.related]).toEqual([...serial.related]);
    expect(parallel.stable).toEqual(serial.stable);
    expect(parallel.reused).toBe(false);
    expect(parallel.papers).toEqual({ stable: stable.length, recent: recent.length });
    // Not trivially equal: most papers have related papers.
    const lists = [...serial.related.values()];
    expect(lists.filter((r) => r.length >= 5).length).toBeGreaterThan(docs.length / 2);
  });

  it('takes the stable answers of a previous run when they are for the same stable papers', async () => {
    const first = await computeRelatedParallel(docs, 8, { threads: 2, minPapers: 0 });
    // Through JSON, as the indexer keeps them.
    const previous: unknown = JSON.parse(JSON.stringify(first.stable));
    const again = await computeRelatedParallel(docs, 8, { threads: 2, minPapers: 0, previous });
    expect(again.reused).toBe(true);
    expect([...again.related]).toEqual([...first.related]);
    // Answers of other stable papers (or damaged ones) are not used.
    const edited = docs.map((d) =>
      d === splitStable(docs).stable[0] ? { ...d, title: `${d.title} v2` } : d,
    );
    expect((await computeRelatedParallel(edited, 8, { threads: 1, previous })).reused).toBe(false);
    const damaged = JSON.parse(JSON.stringify(first.stable)) as { answers: { walked: unknown[] }[] };
    damaged.answers[0]!.walked.push([1e9, 0.5, 2]);
    expect((await computeRelatedParallel(docs, 8, { threads: 1, previous: damaged })).reused).toBe(false);
  });

  it('stays on one thread for a small archive, with the same result', async () => {
    const one = await computeRelatedParallel(docs, 8, { threads: 1 });
    expect([...one.related]).toEqual([...relateArchive(docs, 8).related]);
  });
});
