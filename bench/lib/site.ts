// Build the project's site from a content directory into an output directory, measured; and size its pages.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { dirStats } from '../../scripts/lib/dir-stats.ts';
import { ASTRO, astroBuildEnv } from '../../tests/helpers/build-site.ts';
import { NODE } from '../../tests/helpers/run-process.ts';
import { measure, peakOf, type Measured } from './measure.ts';
import { median } from './report.ts';

export interface SiteBuild extends Measured {
  outDir: string;
  htmlPages: number;
  paperPages: number;
  astroPeakMb: number;
  pagefindPeakMb: number;
  /** scripts/search-index.ts, the Node process that feeds Pagefind beside the build. */
  indexerPeakMb: number;
  bytes: number;
  files: number;
  phaseLines: string[];
}

/** Full production build (pages, topics, related, Pagefind, feeds, sitemap, export) of `contentDir`. */
export async function buildSite(opts: {
  contentDir: string;
  outDir: string;
  cacheDir: string;
  env?: Record<string, string>;
  echo?: boolean;
  /** Another checkout of the project (with its node_modules) to build instead of this one: a baseline commit. */
  root?: string;
}): Promise<SiteBuild> {
  const astro = opts.root ? path.join(opts.root, 'node_modules/astro/bin/astro.mjs') : ASTRO;
  const m = await measure(NODE, [astro, 'build', '--outDir', opts.outDir], {
    ...(opts.root ? { cwd: opts.root } : {}),
    echo: opts.echo ?? false,
    name: `astro build of ${opts.contentDir}`,
    env: astroBuildEnv({
      CONTENT_DIR: opts.contentDir,
      ASTRO_CACHE_DIR: opts.cacheDir,
      SITE_URL: 'https://example.org',
      BASE_PATH: '/',
      ...opts.env,
    }),
  });
  const { bytes, files } = dirStats(opts.outDir);
  return {
    ...m,
    outDir: opts.outDir,
    htmlPages: countHtml(opts.outDir),
    paperPages: countHtml(path.join(opts.outDir, 'papers'), 1),
    astroPeakMb: peakOf(m, 'astro'),
    pagefindPeakMb: peakOf(m, 'pagefind'),
    indexerPeakMb: peakOf(m, 'search-index'),
    bytes,
    files,
    phaseLines: phases(m.log),
  };
}

/** HTML files under `dir`; with `depth`, only `<dir>/<one level>/index.html` (paper pages, not listings). */
function countHtml(dir: string, depth?: number): number {
  if (depth === 1) {
    let n = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && statSync(path.join(dir, e.name, 'index.html'), { throwIfNoEntry: false })) n++;
    }
    return n;
  }
  let n = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) stack.push(path.join(d, e.name));
      else if (e.name.endsWith('.html')) n++;
    }
  }
  return n;
}

export interface PageSizes {
  count: number;
  medianRaw: number;
  medianGz: number;
  largestRaw: number;
  largestGz: number;
  largestId: string;
}

/** Raw and gzipped sizes of paper pages (`papers/<id>/index.html`), a sample of up to `limit` for the median. */
export function paperPageSizes(outDir: string, limit = 2000): PageSizes {
  const dir = path.join(outDir, 'papers');
  const ids = readdirSync(dir).filter((id) => /^\d{4}\.\d{4,5}/.test(id) || id.startsWith('noid-'));
  const sized = ids.map((id) => ({ id, raw: statSync(path.join(dir, id, 'index.html')).size }));
  sized.sort((a, b) => a.raw - b.raw);
  const largest = sized[sized.length - 1]!;
  const step = Math.max(1, Math.floor(sized.length / limit));
  const gz = (id: string) => gzipSync(readFileSync(path.join(dir, id, 'index.html'))).length;
  const sample = sized.filter((_, i) => i % step === 0);
  return {
    count: sized.length,
    medianRaw: median(sized.map((s) => s.raw)),
    medianGz: median(sample.map((s) => gz(s.id))),
    largestRaw: largest.raw,
    largestGz: gz(largest.id),
    largestId: largest.id,
  };
}

/** The newest modification time under a path (0 when it is absent): whether a built site is older than its inputs. */
export function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** Phase timings Astro prints (`[build] ... Completed in 1.2s.`, our integration's own lines), for the profile. */
export function phases(log: string): string[] {
  const plain = log.replace(/\x1b\[[0-9;]*m/g, '');
  return plain
    .split('\n')
    .filter((l) =>
      /Completed in|Synced content|indexed \d+|generating static routes|✓ Completed|in \d+(\.\d+)?m?s/.test(
        l,
      ),
    )
    .map((l) => l.trim());
}
