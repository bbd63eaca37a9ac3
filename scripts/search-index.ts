// The search index, built from the archive's data with Pagefind's Node API, one Pagefind process per shard.
//
// `npm run build` runs this beside Astro (src/integrations/pagefind.ts starts it when the build starts and links
// its bundles into the site when the build is done), so indexing overlaps page rendering. It also computes what the
// pages need from the whole archive and would otherwise compute on their own thread (related papers, the bundle
// plan) and hands it over through src/lib/build/handoff.ts before it starts indexing. Each shard is kept in a cache directory
// under a hash of its input documents: an unchanged shard (older years, on a daily update) is reused, not
// re-indexed. Standalone: `node scripts/search-index.ts --out dist` indexes content/ into a built site.
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseOrExit } from './lib/cli.ts';
import pLimit from 'p-limit';
import * as pagefind from 'pagefind';
import { assignArchiveTopics, buildArchive } from '../src/lib/view/build-archive.ts';
import { vocabularyFile } from '../src/data/topics.ts';
import { readContentDir } from '../src/lib/content/read.ts';
import { DEFAULT_SHARD_PAPERS, loadConfig } from '../src/lib/config.ts';
import { planSearchIndex, shardYears } from '../src/lib/search-record.ts';
import { parseVocabulary } from '../src/lib/topics.ts';
import { relatedDocs } from '../src/lib/view/related-docs.ts';
import { computeRelatedParallel } from './lib/related-parallel.ts';
import { publish } from '../src/lib/build/handoff.ts';
import { writeFileAtomic } from '../src/lib/content/store.ts';
import { jsonPieces } from '../src/lib/json-pieces.ts';
import { topicAssigner } from '../src/lib/build/topic-cache.ts';
import { installBundles, searchIndexSalt, type ShardResult } from '../src/lib/build/bundles.ts';

/** Pagefind's prebuilt search UIs, not used by this site. */
const PREBUILT_UI = /^pagefind-(?:(?:component-|modular-)?ui\.(?:js|css)|highlight\.js)$/;

interface PagefindEntry {
  languages: Record<string, { page_count: number } | undefined>;
}

/** Documents sent to Pagefind before the first is answered. */
const ADDS_IN_FLIGHT = 8;

/** Cached shards not used for this long are removed. */
const CACHE_DAYS = 7;

export interface SearchIndexOptions {
  contentDir: string;
  cacheDir: string;
  shardPapers?: number;
  /** Above this many papers, the newest year is a bundle of its own (src/lib/search-record.ts planShards). */
  hotPapers?: number;
  /** A hand-off directory (src/lib/build/handoff.ts): publish related papers and the plan there first. */
  handoffDir?: string | undefined;
  log?: (line: string) => void;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Index one shard's documents into `<cacheDir>/<hash>/` (written to a temp dir, renamed into place when complete). */
async function indexShard(
  docs: readonly { url: string; html: string }[],
  target: string,
  label: string,
  log: (line: string) => void,
): Promise<void> {
  const temp = `${target}.${process.pid}.tmp`;
  await rm(temp, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: could not create an index for ${label}: ${errors.join('; ')}`);
  try {
    let added = 0;
    // A few documents in flight at once, so Pagefind is not idle between one answer and the next request (3,068
    // papers: 8.0 s -> 7.3 s, three alternating runs each, the same CPU time); they are sent, and indexed, in the
    // same order as one at a time.
    const limit = pLimit(ADDS_IN_FLIGHT);
    await Promise.all(
      docs.map((doc) =>
        limit(async () => {
          const result = await index.addHTMLFile({ url: doc.url, content: doc.html });
          if (result.errors.length > 0)
            throw new Error(`pagefind: indexing ${doc.url} (${label}) failed: ${result.errors.join('; ')}`);
          added++;
          if (added % 2000 === 0) log(`${label}: indexed ${added} of ${docs.length} papers...`);
        }),
      ),
    );
    // getFiles, not writeFiles: writeFiles answers before its files are all on disk, and closing the backend then
    // (as each shard does, to free its memory) leaves some of them empty. These are written here, then closed.
    const { files, errors: fileErrors } = await index.getFiles();
    if (fileErrors.length > 0)
      throw new Error(`pagefind: building ${label} failed: ${fileErrors.join('; ')}`);
    const entry = files.find((f) => f.path === 'pagefind-entry.json');
    const pages = entry
      ? (JSON.parse(Buffer.from(entry.content).toString('utf8')) as PagefindEntry).languages.en?.page_count
      : undefined;
    if (pages !== docs.length)
      throw new Error(`pagefind: ${label}: the index holds ${String(pages)} pages, expected ${docs.length}`);
    for (const f of files) {
      // Pagefind's prebuilt UIs (~400 KB a bundle): the search page has its own client.
      if (PREBUILT_UI.test(f.path)) continue;
      if (f.path.split(/[\\/]/).includes('..') || path.isAbsolute(f.path))
        throw new Error(`pagefind: ${label}: unexpected file path ${JSON.stringify(f.path)}`);
      const file = path.join(temp, f.path);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, f.content);
    }
  } finally {
    // A fresh Pagefind process per shard: its memory is freed with the process, so the peak is one shard's.
    await pagefind.close();
  }
  await rm(target, { recursive: true, force: true });
  await rename(temp, target);
}

/** Build (or reuse from the cache) every shard of the archive's search index. */
export async function buildSearchIndex(options: SearchIndexOptions): Promise<ShardResult[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const vocabFile = vocabularyFile(options.contentDir);
  const vocab = parseVocabulary(await readFile(vocabFile, 'utf8'), path.relative(process.cwd(), vocabFile));
  const { papers: entries, days } = await readContentDir(options.contentDir);
  // Topics come after the related papers: those need none, and every page waits for them (the paper route's
  // cache keys), while the pages assign topics themselves meanwhile, on the other core.
  const archive = buildArchive(entries, days);
  log(`read ${archive.papers.length} papers in ${((performance.now() - started) / 1000).toFixed(1)}s`);

  const handoff = options.handoffDir;
  if (handoff) {
    const relatedStarted = performance.now();
    // The stable papers' answers of the previous run (src/lib/related-stable.ts): reused while that part is unchanged.
    const stableFile = path.join(options.cacheDir, 'related-stable.json');
    const previous: unknown = await readFile(stableFile, 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      () => undefined,
    );
    const result = await computeRelatedParallel(relatedDocs(archive.papers), 8, { previous });
    await publish(handoff, 'related', [...result.related]);
    const { stable, recent } = result.papers;
    log(
      `related papers for ${result.related.size} papers in ${((performance.now() - relatedStarted) / 1000).toFixed(1)}s (${stable} stable, ${result.reused ? 'from the cache' : 'answered'}; ${recent} of the newest month)`,
    );
    if (!result.reused) {
      await mkdir(options.cacheDir, { recursive: true });
      await writeFileAtomic(stableFile, jsonPieces(result.stable), false);
    }
  }
  // Topics of papers whose text is unchanged come from this indexer's previous run (src/lib/build/topic-cache.ts).
  const { assign, cache: topicCache } = topicAssigner(
    vocab,
    vocabFile,
    path.join(options.cacheDir, 'topics.json'),
  );
  assignArchiveTopics(archive, assign);
  if (topicCache) {
    await mkdir(options.cacheDir, { recursive: true });
    topicCache.save();
    log(
      `topics: ${topicCache.hits} of ${archive.papers.length} papers from the cache, ${topicCache.misses} classified`,
    );
  }

  const plan = planSearchIndex(
    archive.papers,
    { shardPapers: options.shardPapers ?? DEFAULT_SHARD_PAPERS, hotPapers: options.hotPapers },
    await searchIndexSalt(),
  );
  if (handoff)
    await publish(handoff, 'plan', {
      bundles: plan.shards.map(({ docs: _docs, ...bundle }) => bundle),
      tag: plan.tag,
    });
  const shardsDir = path.join(options.cacheDir, 'shards');
  await mkdir(shardsDir, { recursive: true });
  const results: ShardResult[] = [];
  for (const shard of plan.shards) {
    const shardStarted = performance.now();
    const label = `${shard.dir} (${shardYears(shard)}, ${shard.papers} papers)`;
    const { docs, hash: digest, ...planned } = shard;
    const target = path.join(shardsDir, digest);
    const reused = await exists(path.join(target, 'pagefind-entry.json'));
    if (reused) {
      const now = new Date();
      await utimes(target, now, now);
      log(`${label}: unchanged, reused from the cache`);
    } else {
      await indexShard(docs(), target, label, log);
    }
    const seconds = (performance.now() - shardStarted) / 1000;
    if (!reused) log(`${label}: indexed in ${seconds.toFixed(1)}s`);
    results.push({ ...planned, hash: digest, path: target, reused, seconds });
  }

  // Forget shards no build has used for a while (another build may share this cache, so not just "unused now").
  const used = new Set(results.map((r) => r.hash));
  const cutoff = Date.now() - CACHE_DAYS * 86_400_000;
  for (const name of await readdir(shardsDir)) {
    if (used.has(name)) continue;
    const p = path.join(shardsDir, name);
    const s = await stat(p).catch(() => undefined);
    // A temp dir of a run that died (one of a running build is younger than an hour).
    const staleTemp = name.endsWith('.tmp') && (s?.mtimeMs ?? 0) < Date.now() - 3_600_000;
    if (s && (s.mtimeMs < cutoff || staleTemp)) await rm(p, { recursive: true, force: true });
  }
  log(
    `search index: ${results.length} shard(s), ${results.filter((r) => r.reused).length} reused, in ${((performance.now() - started) / 1000).toFixed(1)}s`,
  );
  return results;
}

const USAGE = `usage: node scripts/search-index.ts [--content DIR] [--cache DIR] [--out SITE_DIR] [--result FILE] [--handoff DIR] [--shard-papers N]
  --content DIR       content directory (default: CONTENT_DIR or content)
  --cache DIR         where shards are built and kept (default: node_modules/.astro/search)
  --out SITE_DIR      copy the bundles into a built site
  --result FILE       write the shard list as JSON (for the Astro integration)
  --handoff DIR       first publish related papers and the bundle plan there (for the Astro integration)
  --shard-papers N    papers per shard before a new one starts, at a year boundary (default: SEARCH_SHARD_PAPERS or ${DEFAULT_SHARD_PAPERS})`;

async function main(): Promise<void> {
  const { values } = parseOrExit('node scripts/search-index.ts', {
    options: {
      content: { type: 'string' },
      cache: { type: 'string' },
      out: { type: 'string' },
      result: { type: 'string' },
      handoff: { type: 'string' },
      'shard-papers': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const shardPapers = Number(values['shard-papers'] ?? loadConfig().searchShardPapers);
  if (!Number.isInteger(shardPapers) || shardPapers < 1)
    throw new Error(`--shard-papers ${JSON.stringify(values['shard-papers'])}: expected a positive integer`);
  const shards = await buildSearchIndex({
    contentDir: values.content ?? loadConfig().contentDir,
    cacheDir: values.cache ?? path.join('node_modules', '.astro', 'search'),
    shardPapers,
    hotPapers: loadConfig().searchHotPapers,
    handoffDir: values.handoff,
  });
  if (values.out) await installBundles(shards, values.out);
  if (values.result) await writeFile(values.result, `${JSON.stringify(shards, null, 2)}\n`);
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    console.error(`search-index: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
