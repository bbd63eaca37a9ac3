// The worker half of scripts/lib/related-parallel.ts: counts the terms of the papers it is sent, or answers the
// related-paper queries of one range of the index it is sent.
import { parentPort } from 'node:worker_threads';
import { countTerms, relatedOfRange } from '../../src/lib/related.ts';
import type { RelatedAnswer, RelatedTask } from './related-parallel.ts';

parentPort?.on('message', (task: RelatedTask) => {
  let answer: RelatedAnswer;
  if (task.kind === 'count') answer = countTerms(task.docs, new Set(task.namedPairs));
  else {
    const position = new Map(task.index.ids.map((id, i) => [id, i]));
    answer = relatedOfRange({ ...task.index, position }, task.from, task.to, task.k);
  }
  parentPort?.postMessage(answer);
});
