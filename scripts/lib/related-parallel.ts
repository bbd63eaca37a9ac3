// Related papers for the whole archive (src/lib/related-stable.ts relateArchive) on two threads. The indexer computes
// them while every page waits for them (src/lib/build/handoff.ts), so the second core is otherwise idle then. The
// work split with a worker: counting the terms of each stable paper (tokenising), then, when the stable answers are
// not those of the previous run, answering half the stable papers. Building the index and merging in the newest
// month's papers stay here. The result is relateArchive's, in the same order (tests/unit/related-parallel.test.ts).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  buildRelatedIndex,
  countTerms,
  namedPairsOf,
  type RelatedDoc,
  type RelatedIndex,
  type RelatedPaper,
  type TermCounts,
} from '../../src/lib/related.ts';
import {
  answerStable,
  inInputOrder,
  relateWithRecent,
  reusableAnswers,
  splitStable,
  stableKey,
  type StableAnswer,
  type StableAnswers,
} from '../../src/lib/related-stable.ts';

/** Below this many papers a worker's start-up (and the copies it is sent) costs more than it saves. */
const MIN_PAPERS = 2000;

/** What the worker is asked, and answers (scripts/lib/related-worker.ts). */
export type RelatedTask =
  | { kind: 'count'; docs: RelatedDoc[]; namedPairs: string[] }
  | {
      kind: 'answer';
      index: Omit<RelatedIndex, 'position' | 'namedPairs'>;
      from: number;
      to: number;
      k: number;
    };
export type RelatedAnswer = TermCounts[] | StableAnswer[];

export interface RelatedResult {
  related: Map<string, RelatedPaper[]>;
  /** The stable papers' answers, to keep for the next run. */
  stable: StableAnswers;
  /** Whether the stable answers were the previous run's. */
  reused: boolean;
  papers: { stable: number; recent: number };
}

export async function computeRelatedParallel(
  docs: readonly RelatedDoc[],
  k = 8,
  {
    threads = availableParallelism(),
    minPapers = MIN_PAPERS,
    previous,
  }: { threads?: number; minPapers?: number; previous?: unknown } = {},
): Promise<RelatedResult> {
  const { stable, recent } = splitStable(docs);
  const key = stableKey(stable, k);
  const reusable = reusableAnswers(previous, stable.length, key);
  const papers = { stable: stable.length, recent: recent.length };
  const finish = (index: RelatedIndex, answers: StableAnswer[]): RelatedResult => ({
    related: inInputOrder(docs, relateWithRecent(index, answers, recent, k)),
    stable: { key, answers },
    reused: answers === reusable,
    papers,
  });
  const namedPairs = namedPairsOf(stable);
  if (threads < 2 || docs.length < minPapers) {
    const index = buildRelatedIndex(stable, {}, [], namedPairs);
    return finish(index, reusable ?? answerStable(index, 0, stable.length, k));
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
    const mid = Math.ceil(stable.length / 2);
    // The second half is counted there while the first is counted here.
    const theirCounts = ask<TermCounts[]>({
      kind: 'count',
      docs: stable.slice(mid),
      namedPairs: [...namedPairs],
    });
    const ourCounts = countTerms(stable.slice(0, mid), namedPairs);
    const index = buildRelatedIndex(stable, {}, [...ourCounts, ...(await theirCounts)], namedPairs);
    if (reusable) return finish(index, reusable);
    const { position: _position, namedPairs: _pairs, ...cloneable } = index;
    const theirs = ask<StableAnswer[]>({ kind: 'answer', index: cloneable, from: mid, to: stable.length, k });
    const ours = answerStable(index, 0, mid, k);
    return finish(index, [...ours, ...(await theirs)]);
  } finally {
    void worker.terminate();
  }
}
