// The worker half of scripts/lib/related-parallel.ts: counts the terms of the papers it is sent, or answers the
// stable papers of one range of the index it is sent.
import { parentPort } from 'node:worker_threads';
import { countTerms } from '../../src/lib/related.ts';
import { answerStable } from '../../src/lib/related-stable.ts';
import type { RelatedAnswer, RelatedTask } from './related-parallel.ts';

parentPort?.on('message', (task: RelatedTask) => {
  let answer: RelatedAnswer;
  if (task.kind === 'count') answer = countTerms(task.docs, new Set(task.namedPairs));
  else {
    const position = new Map(task.index.ids.map((id, i) => [id, i]));
    answer = answerStable({ ...task.index, position, namedPairs: new Set() }, task.from, task.to, task.k);
  }
  parentPort?.postMessage(answer);
});
