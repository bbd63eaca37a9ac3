// Topics assigned by an earlier build, reused for a paper whose classifier input is unchanged, so a daily update
// classifies its new papers rather than the whole archive (the classifier costs ~9 s of CPU a build at 10k papers,
// in each of the two processes that assign topics: the pages and the search indexer).
//
// The file is keyed by everything that decides a paper's topics besides its own text: the vocabulary, the model
// beside it, and the code under src/lib (any change there starts afresh). It holds only the entries its last build
// used, and is replaced atomically. A missing, stale or unreadable file is an empty cache, never an error.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assignTopics, MODEL_FILE_NAME, topicInputOf, type TopicInput, type Vocabulary } from '../topics.ts';
import type { TopicAssigner } from '../view/build-archive.ts';

/** Where the pages keep theirs (the indexer keeps its own under its --cache dir): set by the build integration. */
export const TOPIC_CACHE_ENV = 'DPA_TOPIC_CACHE';

const VERSION = 1;

interface CacheFile {
  version: number;
  key: string;
  entries: [string, string[]][];
}

/** The cache key for a vocabulary file (and the model beside it) and the code in `libDir`; undefined without it. */
export function topicCacheKey(vocabFile: string, libDir = path.resolve('src/lib')): string | undefined {
  if (!existsSync(libDir)) return undefined;
  const hash = createHash('sha256').update(`v${VERSION}\0`);
  const add = (file: string) => hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  add(vocabFile);
  const model = path.join(path.dirname(vocabFile), MODEL_FILE_NAME);
  if (existsSync(model)) add(model);
  const code = readdirSync(libDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort();
  for (const f of code) add(path.join(libDir, f));
  return hash.digest('base64url');
}

export class TopicCache {
  readonly #file: string;
  readonly #key: string;
  readonly #previous: Map<string, string[]>;
  readonly #used = new Map<string, string[]>();
  /** Papers whose topics came from the file, and papers classified now. */
  hits = 0;
  misses = 0;

  private constructor(file: string, key: string, previous: Map<string, string[]>) {
    this.#file = file;
    this.#key = key;
    this.#previous = previous;
  }

  /** The file's entries, when its key matches; an entry naming a topic outside `slugs` is dropped (the file comes
   * from a CI cache, which is not trusted to say what a page shows). */
  static load(file: string, key: string, slugs: ReadonlySet<string>): TopicCache {
    let previous = new Map<string, string[]>();
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (data.version === VERSION && data.key === key && Array.isArray(data.entries))
        previous = new Map(
          data.entries.filter(
            (e): e is [string, string[]] =>
              Array.isArray(e) &&
              typeof e[0] === 'string' &&
              Array.isArray(e[1]) &&
              e[1].every((t) => typeof t === 'string' && slugs.has(t)),
          ),
        );
    } catch {
      // No file yet, or not one of ours: start empty.
    }
    return new TopicCache(file, key, previous);
  }

  /** The paper's topics: the earlier build's for the same input, else `compute`'s. */
  assign(input: TopicInput, compute: (input: TopicInput) => string[]): string[] {
    const id = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
    const known = this.#used.get(id) ?? this.#previous.get(id);
    if (known) {
      this.hits++;
      this.#used.set(id, known);
      return [...known];
    }
    this.misses++;
    const topics = compute(input);
    this.#used.set(id, [...topics]);
    return topics;
  }

  /** Write the entries this build used (atomically: a temporary file renamed over the old one). */
  save(): void {
    const data: CacheFile = { version: VERSION, key: this.#key, entries: [...this.#used] };
    mkdirSync(path.dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(data));
    renameSync(temp, this.#file);
  }
}

/**
 * The build's topic assigner for `vocab` (read from `vocabFile`): through the cache file `file` when there is one
 * and the code is there to key it, else the classifier alone. Both processes that assign topics use this.
 */
export function topicAssigner(
  vocab: Vocabulary,
  vocabFile: string,
  file: string | undefined,
): { assign: TopicAssigner; cache: TopicCache | undefined } {
  const key = file ? topicCacheKey(vocabFile) : undefined;
  const cache =
    file && key ? TopicCache.load(file, key, new Set(vocab.topics.map((t) => t.slug))) : undefined;
  const classify = (input: TopicInput) => assignTopics(input, vocab);
  return {
    assign: (paper, abstract) => {
      const input = topicInputOf(paper, abstract);
      return cache ? cache.assign(input, classify) : classify(input);
    },
    cache,
  };
}
