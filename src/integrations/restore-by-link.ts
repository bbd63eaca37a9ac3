// Astro integration: an incremental build restores the unchanged pages from its cache as hard links, not copies.
//
// With `experimental.incrementalBuild`, a page whose cache key is unchanged is restored from `<cacheDir>/dist/` into
// the fresh output directory by `copyFile`. A daily update of the real archive restores ~20k files per 10k papers
// (215k at 100k): in a 10k daily update the copying (with its `mkdir` and the threadpool round trips) took ~6 s of
// Astro's ~14.7 s of page generation; with links, generation took 12.5-13.4 s (bench/README.md, seventh round). A link shares
// the cached file's bytes: it is safe as long as no file is ever written in place. Astro writes a restored path
// nowhere else in the same build (a restored page is not rendered); but it writes a re-rendered page's cache copy in
// place (`writeFile`), which would change the same file in any earlier output directory that linked it. So both
// methods are replaced: restore links (copies where linking fails: another file system), and the cache copy is
// written to a temporary file and renamed over the old one, leaving the old bytes to whatever links them.
//
// `IncrementalBuildCache` is an Astro internal (astro/dist/core/build/incremental.js, Astro 7.3). Should the
// module or its methods change, nothing is replaced and Astro copies as before: correct, only slower, and the build
// says so in a warning. tests/site/incremental.test.ts checks the links (and that a later build leaves an earlier
// output directory as it was).
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { astroInternal } from './astro-internal.ts';

/** Where Astro keeps the cached copies: `<cacheDir>/dist/<output file>` (incremental.js, getCachedOutputFile). */
const CACHE_OUTPUT_DIR = 'dist/';

interface CacheSettings {
  config: { cacheDir: URL };
}

interface IncrementalCacheClass {
  prototype: {
    restoreOutputFile?: (settings: CacheSettings, outputFile: string, destination: URL) => Promise<boolean>;
    writeOutputFile?: (
      settings: CacheSettings,
      outputFile: string,
      body: string | Uint8Array,
    ) => Promise<void>;
  };
}

const cachedFile = (settings: CacheSettings, outputFile: string) =>
  new URL(outputFile, new URL(CACHE_OUTPUT_DIR, settings.config.cacheDir));

/** Directories made once per build (Astro's own cache memoises them the same way). */
function dirMaker(): (dir: string) => Promise<void> {
  const made = new Map<string, Promise<unknown>>();
  return async (dir) => {
    let p = made.get(dir);
    if (!p) made.set(dir, (p = mkdir(dir, { recursive: true })));
    await p;
  };
}

let tmpCount = 0;

/** Replaces the two methods on Astro's class; false when the class is not what this expects. */
export function patchIncrementalCache(cls: IncrementalCacheClass): boolean {
  const proto = cls.prototype;
  if (typeof proto.restoreOutputFile !== 'function' || typeof proto.writeOutputFile !== 'function')
    return false;
  const ensureDir = dirMaker();
  proto.restoreOutputFile = async (settings, outputFile, destination) => {
    const from = fileURLToPath(cachedFile(settings, outputFile));
    if (!existsSync(from)) return false;
    const to = fileURLToPath(destination);
    await ensureDir(path.dirname(to));
    await link(from, to).catch(() => copyFile(from, to));
    return true;
  };
  proto.writeOutputFile = async (settings, outputFile, body) => {
    const to = fileURLToPath(cachedFile(settings, outputFile));
    await ensureDir(path.dirname(to));
    const temp = `${to}.${process.pid}.${tmpCount++}.tmp`;
    await writeFile(temp, body);
    await rename(temp, to);
  };
  return true;
}

export default function restoreByLink(): AstroIntegration {
  return {
    name: 'dpa:restore-by-link',
    hooks: {
      'astro:config:setup': async ({ command, config, logger }) => {
        if (command !== 'build' || !config.experimental.incrementalBuild) return;
        const cls = (
          await astroInternal<{ IncrementalBuildCache: IncrementalCacheClass }>(
            config.root,
            'core/build/incremental.js',
          )
        )?.IncrementalBuildCache;
        if (!cls || !patchIncrementalCache(cls))
          logger.warn(
            `Astro's incremental cache is not where this expects it: pages are restored by copying (${import.meta.url})`,
          );
      },
    },
  };
}
