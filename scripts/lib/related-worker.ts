// The worker half of scripts/lib/related-parallel.ts: related papers for one range of the index it is given.
import { parentPort, workerData } from 'node:worker_threads';
import { relatedOfRange } from '../../src/lib/related.ts';
import type { RelatedWorkerData } from './related-parallel.ts';

const { index, from, to, k } = workerData as RelatedWorkerData;
const position = new Map(index.ids.map((id, i) => [id, i]));
parentPort?.postMessage(relatedOfRange({ ...index, position }, from, to, k));
