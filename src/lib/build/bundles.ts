// The search bundles the indexer built (or reused), and putting them into a built site: shared by the indexer
// (scripts/search-index.ts, `--out`) and the Astro integration (src/integrations/pagefind.ts, when the build is done).
import { copyFile, link, mkdir, readdir, rm } from 'node:fs/promises';
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
