// Related papers for the whole archive on two threads. The indexer computes them while every page waits for them
// (src/lib/build/handoff.ts), so the second core is otherwise idle then. Both halves of the work are split with a
// worker: counting the terms of each paper (tokenising, ~40%), then the queries (~60%); building the index from
// the counts stays here. The result is computeRelated's, in the same order (tests/unit/related-parallel.test.ts).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  buildRelatedIndex,
  countTerms,
  namedPairsOf,
  relatedOfRange,
  type RelatedDoc,
  type RelatedIndex,
  type RelatedPaper,
  type TermCounts,
} from '../../src/lib/related.ts';

/** Below this many papers a worker's start-up (and the copies it is sent) costs more than it saves. */
const MIN_PAPERS = 2000;

/** What the worker is asked, and answers (scripts/lib/related-worker.ts). */
export type RelatedTask =
  | { kind: 'count'; docs: RelatedDoc[]; namedPairs: string[] }
  | { kind: 'query'; index: Omit<RelatedIndex, 'position'>; from: number; to: number; k: number };
export type RelatedAnswer = TermCounts[] | [string, RelatedPaper[]][];

export async function computeRelatedParallel(
  docs: readonly RelatedDoc[],
  k = 8,
  { threads = availableParallelism(), minPapers = MIN_PAPERS }: { threads?: number; minPapers?: number } = {},
): Promise<Map<string, RelatedPaper[]>> {
  const n = docs.length;
  if (threads < 2 || n < minPapers) {
    const index = buildRelatedIndex(docs);
    return new Map(relatedOfRange(index, 0, n, k));
  }
  const worker = new Worker(new URL('./related-worker.ts', import.meta.url));
  const ask = <T extends RelatedAnswer>(task: RelatedTask) =>
    new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => reject(error);
      const exit = (code: number) => reject(new Error(`related papers: the worker exited with code ${code}`));
      worker.once('message', (answer: T) => {
        worker.off('error', fail).off('exit', exit);
        resolve(answer);
      });
      worker.once('error', fail).once('exit', exit);
      worker.postMessage(task);
    });
  try {
    const mid = Math.ceil(n / 2);
    const namedPairs = namedPairsOf(docs);
    // The second half is counted there while the first is counted here.
    const theirCounts = ask<TermCounts[]>({
      kind: 'count',
      docs: docs.slice(mid),
      namedPairs: [...namedPairs],
    });
    const ourCounts = countTerms(docs.slice(0, mid), namedPairs);
    const index = buildRelatedIndex(docs, {}, [...ourCounts, ...(await theirCounts)]);
    const { position: _position, ...cloneable } = index;
    const theirs = ask<[string, RelatedPaper[]][]>({ kind: 'query', index: cloneable, from: mid, to: n, k });
    const ours = relatedOfRange(index, 0, mid, k);
    return new Map([...ours, ...(await theirs)]);
  } finally {
    void worker.terminate();
  }
}
