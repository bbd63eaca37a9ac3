// The hand-off between the search indexer and the pages: what the indexer (scripts/search-index.ts, a process of its
// own beside the Astro build) computes once for both, where it puts it, when it is ready and what a failure is.
//
// The Astro integration (src/integrations/pagefind.ts) makes a directory and names it in DPA_HANDOFF_DIR, which
// both processes read. The indexer publishes each part as one JSON file, renamed into place when complete, in the
// order the pages need them: `related` (the paper route's cache keys: no page is generated before it), then `plan`
// (the search bundles, for the search page). When the indexer stops without publishing all of them, the integration
// writes `failed` with why, and every wait rejects with that reason instead of waiting for ever. Without
// DPA_HANDOFF_DIR (the dev server, SEARCH_INDEX=0) `receive` answers undefined and the pages compute what they need
// with the same functions.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, watch } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../content/store.ts';
import { jsonPieces } from '../json-pieces.ts';
import type { RelatedPaper } from '../related.ts';
import type { SearchShard } from '../search-record.ts';

export const HANDOFF_ENV = 'DPA_HANDOFF_DIR';

/** A search bundle as the pages need it: no documents, and the cache key its files are kept under. */
export type PlannedBundle = SearchShard & { hash: string };

export interface HandoffParts {
  /** Every paper's related papers (src/lib/related.ts): `[id, related]`. */
  related: [string, RelatedPaper[]][];
  /** The search index's bundles, newest first, and the tag of the whole index (src/lib/search-record.ts). */
  plan: { bundles: PlannedBundle[]; tag: string };
}

export type HandoffPart = keyof HandoffParts;

export const HANDOFF_PARTS: readonly HandoffPart[] = ['related', 'plan'];

const FAILED = 'failed';

const partFile = (dir: string, part: HandoffPart): string => path.join(dir, `${part}.json`);

/** A fresh hand-off directory (the integration's, removed with `dispose` when the build is done). */
export function createHandoff(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'dpa-handoff-'));
}

export function disposeHandoff(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** The indexer's side: one part, complete or not at all. */
export function publish<K extends HandoffPart>(dir: string, part: K, value: HandoffParts[K]): Promise<void> {
  return writeFileAtomic(partFile(dir, part), jsonPieces(value), false);
}

/** The parts not published (yet). */
export function missingParts(dir: string): HandoffPart[] {
  return HANDOFF_PARTS.filter((p) => !existsSync(partFile(dir, p)));
}

/** The integration's side, when the indexer has stopped: a reason for every wait on a part it never published. */
export function fail(dir: string, why: string): Promise<void> {
  // Renamed into place like the parts: a wait woken by the file's creation must not read it empty.
  return writeFileAtomic(path.join(dir, FAILED), why, false);
}

/** Read once: whether the part is there (its value), the hand-off failed (throws) or neither yet (undefined). */
function check<K extends HandoffPart>(dir: string, part: K): HandoffParts[K] | undefined {
  const file = partFile(dir, part);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as HandoffParts[K];
  const failed = path.join(dir, FAILED);
  if (existsSync(failed))
    throw new Error(
      `the search indexer stopped before handing over ${part}: ${readFileSync(failed, 'utf8').trim()}`,
    );
  return undefined;
}

async function waitFor<K extends HandoffPart>(dir: string, part: K): Promise<HandoffParts[K]> {
  const stop = new AbortController();
  // Watching starts before the first check, so a part renamed into place in between is not missed.
  const events = watch(dir, { signal: stop.signal });
  try {
    const now = check(dir, part);
    if (now !== undefined) return now;
    for await (const _ of events) {
      const value = check(dir, part);
      if (value !== undefined) return value;
    }
    throw new Error(`the hand-off directory ${dir} stopped being watched before ${part} arrived`);
  } finally {
    stop.abort();
  }
}

/** The pages' side: the part once the indexer has published it; undefined when no indexer runs beside this build. */
export function receive<K extends HandoffPart>(
  part: K,
  env: Record<string, string | undefined> = process.env,
): Promise<HandoffParts[K]> | undefined {
  const dir = env[HANDOFF_ENV];
  return dir ? waitFor(dir, part) : undefined;
}
