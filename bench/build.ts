// Benchmark: the real archive's full build against the bare-Astro floor with the same page count, in one run.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildFloor } from './floor.ts';
import { mb } from './lib/measure.ts';
import { buildSite, kb, paperPageSizes } from './lib/site.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    work: { type: 'string', default: '/tmp/dpa-bench/build' },
    keep: { type: 'boolean', default: false },
  },
});

const work = path.resolve(values.work);
rmSync(work, { recursive: true, force: true });
const outDir = path.join(work, 'dist');
console.log(`building ${values.content} -> ${outDir} ...`);
const site = await buildSite({ contentDir: values.content, outDir, cacheDir: path.join(work, 'cache') });
const sizes = paperPageSizes(outDir);
console.log(`building the floor: ${site.htmlPages} trivial pages ...`);
const floor = await buildFloor(site.htmlPages);
// As the daily workflow does: a fresh output directory, Astro's cache directory kept from the previous build.
console.log('rebuilding with the cache kept (unchanged content) ...');
rmSync(outDir, { recursive: true, force: true });
const rebuild = await buildSite({ contentDir: values.content, outDir, cacheDir: path.join(work, 'cache') });

const ratio = site.seconds / floor.seconds;
const rows: [string, string][] = [
  ['HTML pages', `${site.htmlPages} (${site.paperPages} paper pages)`],
  ['our build', `${site.seconds.toFixed(1)} s`],
  ['  astro peak memory', `${site.astroPeakMb.toFixed(0)} MB`],
  ['  pagefind peak memory', `${site.pagefindPeakMb.toFixed(0)} MB`],
  ['  search indexer (Node) peak memory', `${site.indexerPeakMb.toFixed(0)} MB`],
  [
    'floor (bare Astro, same page count)',
    `${floor.seconds.toFixed(1)} s, peak ${floor.peakMb.toFixed(0)} MB`,
  ],
  ['ratio to floor', `${ratio.toFixed(2)}x (target <= 2x)`],
  [
    'rebuild, cache kept, no change',
    `${rebuild.seconds.toFixed(1)} s = ${(rebuild.seconds / floor.seconds).toFixed(2)}x the floor, ${(rebuild.seconds / site.seconds).toFixed(2)} of the build`,
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
