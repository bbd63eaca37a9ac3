// The title lookup's shards (src/lib/title-index.ts), built once per build: only for an archive whose search index
// is split into bundles of years, where an older paper's title would otherwise wait for the older bundles.
import { loadConfig } from '../lib/config.ts';
import { searchIndexSalt } from '../lib/build/bundles.ts';
import { receive, type HandoffParts } from '../lib/build/handoff.ts';
import { planSearchIndex, searchMeta } from '../lib/search-record.ts';
import { buildTitleShards, titleShardCount, type TitleEntry } from '../lib/title-index.ts';
import { getArchive } from './archive.ts';

export interface TitleShards {
  /** 0 when the archive has one search bundle (no lookup needed). */
  count: number;
  shards: Map<number, TitleEntry[]>;
}

let cached: Promise<TitleShards> | undefined;

let plan: Promise<HandoffParts['plan']> | undefined;

/**
 * The search index's bundles, newest first (`pagefind/`), and its tag: the indexer's plan when it runs beside the
 * build (src/lib/build/handoff.ts), else the same planner run here.
 */
export function getSearchPlan(): Promise<HandoffParts['plan']> {
  plan ??=
    receive('plan') ??
    Promise.all([getArchive(), searchIndexSalt()]).then(([archive, salt]) => {
      const { searchShardPapers: shardPapers, searchHotPapers: hotPapers } = loadConfig();
      const { shards, tag } = planSearchIndex(archive.papers, { shardPapers, hotPapers }, salt);
      return { bundles: shards.map(({ docs: _docs, ...bundle }) => bundle), tag };
    });
  return plan;
}

export async function getSearchBundles(): Promise<{ dir: string; from: string; to: string }[]> {
  return (await getSearchPlan()).bundles.map(({ dir, from, to }) => ({ dir, from, to }));
}

export function getTitleShards(): Promise<TitleShards> {
  cached ??= (async () => {
    const [archive, bundles] = await Promise.all([getArchive(), getSearchBundles()]);
    if (bundles.length < 2) return { count: 0, shards: new Map() };
    const count = titleShardCount(archive.papers.length);
    const titles = archive.papers.map((p) => ({ id: p.id, meta: searchMeta(p) }));
    return { count, shards: buildTitleShards(titles, count) };
  })();
  return cached;
}
