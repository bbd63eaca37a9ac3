// The one shared, memoised view of the archive: both collections read once per build, sorted and indexed, with topics.
import { getCollection } from 'astro:content';
import { assignTopics, topicInputOf } from '../lib/topics.ts';
import { buildArchive, type Archive } from '../lib/view/build-archive.ts';
import { getVocabulary } from './topics.ts';

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
    return buildArchive(
      paperEntries,
      dayEntries.map((e) => e.data),
      (paper, abstract) => assignTopics(topicInputOf(paper, abstract), vocab),
    );
  })();
  return cached;
}
