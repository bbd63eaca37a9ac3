// Related papers for the whole archive on two threads: the index is built here, then the queries (independent,
// ~60% of the work) are split between this thread and a worker. The indexer computes them while the pages wait
// for them, so the second core is otherwise idle. The result is the same as computeRelated's, in the same order.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  buildRelatedIndex,
  relatedOfRange,
  type RelatedDoc,
  type RelatedIndex,
  type RelatedPaper,
} from '../../src/lib/related.ts';

/** Below this many papers a worker's start-up (and the copy of the index it gets) costs more than it saves. */
const MIN_PAPERS = 2000;

export async function computeRelatedParallel(
  docs: readonly RelatedDoc[],
  k = 8,
  { threads = availableParallelism(), minPapers = MIN_PAPERS }: { threads?: number; minPapers?: number } = {},
): Promise<Map<string, RelatedPaper[]>> {
  const index = buildRelatedIndex(docs);
  const n = index.ids.length;
  if (threads < 2 || n < minPapers) return new Map(relatedOfRange(index, 0, n, k));
  const mid = Math.ceil(n / 2);
  const { position: _position, ...cloneable } = index;
  const worker = new Worker(new URL('./related-worker.ts', import.meta.url), {
    workerData: { index: cloneable, from: mid, to: n, k },
  });
  const theirs = new Promise<[string, RelatedPaper[]][]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`related papers: the worker exited with code ${code}`)));
  });
  // Our half, while the worker does its own; then theirs, in index order.
  const ours = relatedOfRange(index, 0, mid, k);
  const rest = await theirs.finally(() => void worker.terminate());
  return new Map([...ours, ...rest]);
}

/** What the worker receives: the index without its id map (rebuilt there), and its range. */
export interface RelatedWorkerData {
  index: Omit<RelatedIndex, 'position'>;
  from: number;
  to: number;
  k: number;
}
