// The one shared, memoised view of the archive: both collections read once per build, sorted and indexed, with topics.
import { getCollection } from 'astro:content';
import { assignTopics, topicInputOf } from '../lib/topics.ts';
import { buildArchive, type Archive } from '../lib/view/build-archive.ts';
import { TOPIC_CACHE_ENV, TopicCache, topicCacheKey } from '../lib/build/topic-cache.ts';
import { getVocabulary, vocabularyFile } from './topics.ts';

export {
  buildArchive,
  type Archive,
  type ArchivePaper,
  type TopicAssigner,
} from '../lib/view/build-archive.ts';

let cached: Promise<Archive> | undefined;

/** The archive, loaded once per build however many pages ask for it. */
export function getArchive(): Promise<Archive> {
  cached ??= (async () => {
    // Topics are assigned here, not handed over by the search indexer: no page is generated before the indexer's
    // related papers arrive (src/data/related.ts, the paper route's cache keys), and the indexer computes those
    // first, so this runs on the otherwise idle core.
    const [paperEntries, dayEntries, vocab] = await Promise.all([
      getCollection('papers'),
      getCollection('days'),
      getVocabulary(),
    ]);
    // In a build, topics of papers whose text is unchanged come from the previous build (src/lib/build/topic-cache.ts).
    const file = process.env[TOPIC_CACHE_ENV];
    const key = file ? topicCacheKey(vocabularyFile()) : undefined;
    const cache =
      file && key ? TopicCache.load(file, key, new Set(vocab.topics.map((t) => t.slug))) : undefined;
    const archive = buildArchive(
      paperEntries,
      dayEntries.map((e) => e.data),
      (paper, abstract) => {
        const input = topicInputOf(paper, abstract);
        return cache ? cache.assign(input, (i) => assignTopics(i, vocab)) : assignTopics(input, vocab);
      },
    );
    cache?.save();
    return archive;
  })();
  return cached;
}
