// The one shared, memoised view of the archive: both collections read once per build, sorted and indexed, with topics.
import { getCollection } from 'astro:content';
import { assignTopics, topicInputOf } from '../lib/topics.ts';
import { buildArchive, type Archive, type TopicAssigner } from '../lib/view/build-archive.ts';
import { receive } from '../lib/build/handoff.ts';
import { getVocabulary } from './topics.ts';

export {
  buildArchive,
  type Archive,
  type ArchivePaper,
  type TopicAssigner,
} from '../lib/view/build-archive.ts';

let cached: Promise<Archive> | undefined;

/**
 * Topics as the search indexer assigned them, when it runs beside this build (src/lib/build/handoff.ts): the
 * classifier then runs once per build, not in both processes. Otherwise they are assigned here.
 */
async function topicAssigner(): Promise<TopicAssigner> {
  const handed = receive('topics');
  if (handed) {
    const byId = new Map(await handed);
    return (paper) => {
      const topics = byId.get(paper.id);
      if (!topics)
        throw new Error(
          `paper ${paper.id}: the search indexer did not classify it (was content/ changed during the build?)`,
        );
      return topics;
    };
  }
  const vocab = await getVocabulary();
  return (paper, abstract) => assignTopics(topicInputOf(paper, abstract), vocab);
}

/** The archive, loaded once per build however many pages ask for it. */
export function getArchive(): Promise<Archive> {
  cached ??= (async () => {
    const [paperEntries, dayEntries, assign] = await Promise.all([
      getCollection('papers'),
      getCollection('days'),
      topicAssigner(),
    ]);
    return buildArchive(
      paperEntries,
      dayEntries.map((e) => e.data),
      assign,
    );
  })();
  return cached;
}
