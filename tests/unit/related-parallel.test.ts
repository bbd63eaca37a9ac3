// Related papers on two threads (scripts/lib/related-parallel.ts) must be exactly computeRelated's result: the same
// papers, scores and shared terms, in the same order.
import { describe, expect, it } from 'vitest';
import { computeRelated } from '../../src/lib/related.ts';
import { relatedDocs } from '../../src/lib/view/related-docs.ts';
import { computeRelatedParallel } from '../../scripts/lib/related-parallel.ts';
import { readArchive } from '../../src/lib/topic-papers.ts';
import { FIXTURE_CONTENT, ROOT } from '../helpers/build-site.ts';
import path from 'node:path';

const docs = relatedDocs(readArchive(path.join(ROOT, FIXTURE_CONTENT)));

describe('computeRelatedParallel', () => {
  it('gives what computeRelated gives, with the queries split between this thread and a worker', async () => {
    expect(docs.length).toBeGreaterThan(50);
    const serial = computeRelated(docs, 8);
    const parallel = await computeRelatedParallel(docs, 8, { threads: 2, minPapers: 0 });
    expect([...parallel.keys()]).toEqual([...serial.keys()]);
    expect([...parallel]).toEqual([...serial]);
    // Not trivially equal: most papers have related papers.
    expect([...serial.values()].filter((r) => r.length >= 5).length).toBeGreaterThan(docs.length / 2);
  });

  it('stays on one thread for a small archive, with the same result', async () => {
    const one = await computeRelatedParallel(docs, 8, { threads: 1 });
    expect([...one]).toEqual([...computeRelated(docs, 8)]);
  });
});
