// The one shared, memoised view of the archive: both collections read once per build, sorted and indexed, with topics.
import { getCollection } from 'astro:content';
import { buildArchive, type Archive } from '../lib/view/build-archive.ts';
import { TOPIC_CACHE_ENV, topicAssigner } from '../lib/build/topic-cache.ts';
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
    const { assign, cache } = topicAssigner(vocab, vocabularyFile(), process.env[TOPIC_CACHE_ENV]);
    const archive = buildArchive(
      paperEntries,
      dayEntries.map((e) => e.data),
      assign,
    );
    cache?.save();
    return archive;
  })();
  return cached;
}
