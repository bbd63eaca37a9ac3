// The search bundles the indexer built (or reused), and putting them into a built site: shared by the indexer
// (scripts/search-index.ts, `--out`) and the Astro integration (src/integrations/pagefind.ts, when the build is done).
import { copyFile, link, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { SearchShard } from '../search-record.ts';

/** One bundle of the index as built: where it sits in the cache, and whether it was reused from an earlier build. */
export interface ShardResult extends SearchShard {
  hash: string;
  /** Bundle directory in the cache, to be linked into `<site>/<dir>`. */
  path: string;
  reused: boolean;
  seconds: number;
}

/**
 * Puts a cached bundle into the site as hard links (a bundle is ~3 files a paper; copying 30k small files took
 * seconds), copying where linking is not possible (another file system). Cached bundles are never modified in place.
 */
async function install(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) await install(src, dest);
    else await link(src, dest).catch(() => copyFile(src, dest));
  }
}

/** The indexer's bundles into a built site: `<siteDir>/pagefind`, `<siteDir>/pagefind-<years>`. */
export async function installBundles(
  shards: readonly Pick<ShardResult, 'dir' | 'path'>[],
  siteDir: string,
): Promise<void> {
  for (const s of shards) {
    const dest = path.join(siteDir, s.dir);
    await rm(dest, { recursive: true, force: true });
    await install(s.path, dest);
  }
}

/** Bumped when what goes into a bundle changes in a way the documents' hash does not show. */
const RECORD_FORMAT = 2;

/**
 * What a bundle's hash covers besides its documents (src/lib/search-record.ts planSearchIndex): the record format
 * and Pagefind's version. The indexer and the pages (when no indexer runs) use the same, so both give the search
 * page the same tag. Resolved from the project root, which both processes run in.
 */
export async function searchIndexSalt(root: string = process.cwd()): Promise<string> {
  // Pagefind's package exports do not include its package.json, so it is read from where npm installs it.
  const file = path.join(root, 'node_modules', 'pagefind', 'package.json');
  const { version } = JSON.parse(await readFile(file, 'utf8')) as { version: string };
  return `format ${RECORD_FORMAT} pagefind ${version}`;
}
