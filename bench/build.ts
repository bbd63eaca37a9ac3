// Benchmark: the real archive's full build against the bare-Astro floor with the same page count, in one run.
// `--runs N` (default 3) alternates N clean builds with N floors and reports medians: on these shared machines the
// same build varies by a third from one minute to the next, so one pair of timings is not a ratio to quote.
// `--baseline DIR` (a checkout of an earlier commit with its node_modules, e.g. `git worktree add`) also builds that
// commit's own content/ in every run, so "before" and "after" are measured against the same floors.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseOrExit } from '../scripts/lib/cli.ts';
import { buildFloor } from './floor.ts';
import { kb, mb, median } from './lib/report.ts';
import { buildSite, paperPageSizes } from './lib/site.ts';

const { values } = parseOrExit('npm run bench:build', {
  options: {
    content: { type: 'string', default: 'content' },
    work: { type: 'string', default: '/tmp/dpa-bench/build' },
    keep: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs ${values.runs}: expected a positive integer`);
const range = (xs: number[], digits: number) =>
  xs.length > 1
    ? ` (${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)} over ${xs.length} runs)`
    : '';

const work = path.resolve(values.work);
rmSync(work, { recursive: true, force: true });
const outDir = path.join(work, 'dist');
const cacheDir = path.join(work, 'cache');
const sites: Awaited<ReturnType<typeof buildSite>>[] = [];
const floors: Awaited<ReturnType<typeof buildFloor>>[] = [];
const baselineRoot = values.baseline ? path.resolve(values.baseline) : undefined;
const baselines: Awaited<ReturnType<typeof buildSite>>[] = [];
for (let i = 1; i <= runs; i++) {
  if (baselineRoot) {
    rmSync(work, { recursive: true, force: true });
    console.log(`[${i}/${runs}] building the baseline ${baselineRoot} ...`);
    const b = await buildSite({
      root: baselineRoot,
      contentDir: path.join(baselineRoot, 'content'),
      outDir,
      cacheDir,
    });
    baselines.push(b);
    console.log(`[${i}/${runs}] baseline ${b.seconds.toFixed(1)} s, ${b.files} files`);
  }
  // Each build is a clean one: no output, no cache.
  rmSync(work, { recursive: true, force: true });
  console.log(`[${i}/${runs}] building ${values.content} -> ${outDir} ...`);
  const built = await buildSite({ contentDir: values.content, outDir, cacheDir });
  sites.push(built);
  console.log(
    `[${i}/${runs}] ${built.seconds.toFixed(1)} s; building the floor: ${built.htmlPages} trivial pages ...`,
  );
  const f = await buildFloor(built.htmlPages);
  floors.push(f);
  console.log(`[${i}/${runs}] floor ${f.seconds.toFixed(1)} s: ${(built.seconds / f.seconds).toFixed(2)}x`);
}
const site = sites[sites.length - 1]!;
const sizes = paperPageSizes(outDir);
const siteS = sites.map((r) => r.seconds);
const floorS = floors.map((r) => r.seconds);
const ratios = sites.map((r, i) => r.seconds / floors[i]!.seconds);
const baselineRatios = baselines.map((r, i) => r.seconds / floors[i]!.seconds);
const cpu = (xs: { cpuSeconds: number }[]) => median(xs.map((x) => x.cpuSeconds));
// As the daily workflow does: a fresh output directory, Astro's cache directory kept from the previous build.
console.log('rebuilding with the cache kept (unchanged content) ...');
rmSync(outDir, { recursive: true, force: true });
const rebuild = await buildSite({ contentDir: values.content, outDir, cacheDir });

// What the indexer reused: an unchanged archive must reuse every search bundle from the cache.
const reuse = /search index: (\d+) shard\(s\), (\d+) reused/.exec(rebuild.log.replace(/\x1b\[[0-9;]*m/g, ''));
const peak = (xs: number[]) => Math.max(...xs).toFixed(0);
const rows: [string, string][] = [
  ['HTML pages', `${site.htmlPages} (${site.paperPages} paper pages)`],
  ['our build, median', `${median(siteS).toFixed(1)} s${range(siteS, 1)}, CPU ${cpu(sites).toFixed(1)} s`],
  ['  astro peak memory', `${peak(sites.map((r) => r.astroPeakMb))} MB`],
  ['  pagefind peak memory', `${peak(sites.map((r) => r.pagefindPeakMb))} MB`],
  ['  search indexer (Node) peak memory', `${peak(sites.map((r) => r.indexerPeakMb))} MB`],
  [
    'floor (bare Astro, same page count), median',
    `${median(floorS).toFixed(1)} s${range(floorS, 1)}, peak ${peak(floors.map((r) => r.peakMb))} MB`,
  ],
  ['ratio to floor, median of runs', `${median(ratios).toFixed(2)}x${range(ratios, 2)} (target <= 2x)`],
  ...(baselines.length > 0
    ? ([
        [
          'baseline build, median',
          `${median(baselines.map((b) => b.seconds)).toFixed(1)} s${range(
            baselines.map((b) => b.seconds),
            1,
          )}, ${baselines.at(-1)!.files} files`,
        ],
        ['  baseline ratio to floor', `${median(baselineRatios).toFixed(2)}x${range(baselineRatios, 2)}`],
        [
          '  baseline CPU, median',
          `${cpu(baselines).toFixed(1)} s; this build / baseline in CPU: ${(cpu(sites) / cpu(baselines)).toFixed(3)}`,
        ],
        [
          '  this build / baseline',
          `time ${(median(ratios) / median(baselineRatios)).toFixed(3)} (per-run: ${ratios
            .map((r, i) => (r / baselineRatios[i]!).toFixed(2))
            .join(', ')}), files ${(site.files / baselines.at(-1)!.files).toFixed(3)}`,
        ],
      ] as [string, string][])
    : []),
  [
    'rebuild, cache kept, no change',
    `${rebuild.seconds.toFixed(1)} s = ${(rebuild.seconds / median(floorS)).toFixed(2)}x the median floor, ${(rebuild.seconds / median(siteS)).toFixed(2)} of the median build`,
  ],
  [
    '  search bundles reused',
    reuse ? `${reuse[2]} of ${reuse[1]}` : 'not reported (was the search index built?)',
  ],
  ['output', `${mb(site.bytes)} in ${site.files} files`],
  ['paper page, median', `${kb(sizes.medianRaw)} raw, ${kb(sizes.medianGz)} gzipped`],
  [
    'paper page, largest',
    `${kb(sizes.largestRaw)} raw, ${kb(sizes.largestGz)} gzipped (${sizes.largestId}; target < 30 KB gz)`,
  ],
];
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
console.log('\nphases:');
for (const l of site.phaseLines) console.log(`  ${l}`);
if (!values.keep) rmSync(work, { recursive: true, force: true });
