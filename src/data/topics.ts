// The topic vocabulary for the build: `<contentDir>/topics.yaml`, else the project's `content/topics.yaml`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../lib/config.ts';
import { parseVocabulary, type Topic, type Vocabulary } from '../lib/topics.ts';

let cached: Promise<Vocabulary> | undefined;

/** A fixture content dir may carry no vocabulary of its own; it then shares the real archive's. */
export function vocabularyFile(contentDir: string = loadConfig().contentDir): string {
  const own = path.resolve(contentDir, 'topics.yaml');
  return existsSync(own) ? own : path.resolve('content', 'topics.yaml');
}

export function getVocabulary(): Promise<Vocabulary> {
  cached ??= (async () => {
    const file = vocabularyFile();
    return parseVocabulary(await readFile(file, 'utf8'), path.relative(process.cwd(), file));
  })();
  return cached;
}

/** slug -> topic (name, description), in vocabulary order. */
export async function getTopicsBySlug(): Promise<Map<string, Topic>> {
  const vocab = await getVocabulary();
  return new Map(vocab.topics.map((t) => [t.slug, t]));
}
