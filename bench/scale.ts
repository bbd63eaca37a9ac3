// Benchmark: full production builds of synthetic archives of N papers, against the bare-Astro floor, plus a daily update.
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseOrExit } from '../scripts/lib/cli.ts';
import { buildFloor, type FloorResult } from './floor.ts';
import { addDay, benchDir, generateArchive } from './generate.ts';
import { kb, mb } from './lib/report.ts';
import { buildSite, paperPageSizes, type SiteBuild } from './lib/site.ts';

const { values } = parseOrExit('npm run bench:scale', {
  allowNegative: true,
  options: {
    papers: { type: 'string', default: '10000,30000' },
    /** The archive size the daily update is measured on (it must be one of --papers); 0 skips it. */
    daily: { type: 'string', default: '30000' },
    'daily-papers': { type: 'string', default: '30' },
    floor: { type: 'boolean', default: true },
    /** --no-search builds without Pagefind (SEARCH_INDEX=0), e.g. to measure Astro alone at 100k. */
    search: { type: 'boolean', default: true },
    keep: { type: 'boolean', default: false },
    /** After the daily update, build the same content clean and compare the two outputs file by file. */
    'check-output': { type: 'boolean', default: false },
    echo: { type: 'boolean', default: false },
  },
});
const sizes = values.papers.split(',').map(Number);
for (const n of sizes)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--papers ${values.papers}: expected positive integers`);
const dailyN = Number(values.daily);

interface Row {
  papers: number;
  generateS: number;
  build: SiteBuild;
  floor?: FloorResult;
  pageGz: number;
}
const rows: Row[] = [];
let daily:
  | {
      papers: number;
      full: SiteBuild;
      update: SiteBuild;
      added: number;
      cached: number;
      rendered: number;
      differences?: string[];
    }
  | undefined;

/** Routes Astro restored from its cache, and routes it rendered, as its log lists them. */
function routeCounts(log: string): { cached: number; rendered: number } {
  const plain = log.replace(/\x1b\[[0-9;]*m/g, '');
  const cached = (plain.match(/\((?:cached|restored)\)/g) ?? []).length;
  return { cached, rendered: (plain.match(/├─/g) ?? []).length - cached };
}

/** Files that differ between two built sites (by content), or exist in one only. */
function compareTrees(a: string, b: string): string[] {
  const files = (dir: string) =>
    new Map(
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => {
          const full = path.join(e.parentPath, e.name);
          return [path.relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex')];
        }),
    );
  const [x, y] = [files(a), files(b)];
  const out: string[] = [];
  for (const [f, h] of x)
    if (y.get(f) !== h) out.push(y.has(f) ? `differs: ${f}` : `only in the update: ${f}`);
  for (const f of y.keys()) if (!x.has(f)) out.push(`only in the clean build: ${f}`);
  return out.sort();
}

for (const n of sizes) {
  const contentDir = benchDir(n);
  const work = `${contentDir}-site`;
  rmSync(work, { recursive: true, force: true });
  const gen = generateArchive({ papers: n, outDir: contentDir });
  console.log(
    `[${n}] generated ${gen.papers} papers / ${gen.days} days in ${gen.seconds.toFixed(1)}s; building...`,
  );
  // The full build and the daily update build alike: same output and cache directories.
  const buildN = () =>
    buildSite({
      contentDir,
      outDir: path.join(work, 'dist'),
      cacheDir: path.join(work, 'cache'),
      echo: values.echo,
      env: values.search ? {} : { SEARCH_INDEX: '0' },
    });
  const build = await buildN();
  const sizesOf = paperPageSizes(build.outDir, 500);
  console.log(`[${n}] built ${build.htmlPages} pages in ${build.seconds.toFixed(1)}s`);
  const floor = values.floor ? await buildFloor(build.htmlPages) : undefined;
  rows.push({ papers: n, generateS: gen.seconds, build, floor, pageGz: sizesOf.medianGz });

  if (n === dailyN) {
    // CI keeps Astro's cacheDir between runs (actions/cache); the output dir is rebuilt from scratch.
    const { ids } = addDay(contentDir, Number(values['daily-papers']));
    rmSync(path.join(work, 'dist'), { recursive: true, force: true });
    const update = await buildN();
    daily = { papers: n, full: build, update, added: ids.length, ...routeCounts(update.log) };
    console.log(
      `[${n}] daily update (+${ids.length} papers) built in ${update.seconds.toFixed(1)}s: ${daily.rendered} routes rendered, ${daily.cached} restored`,
    );
    if (values['check-output']) {
      // The same content built from nothing (no cache) must give the same site, byte for byte.
      const clean = await buildSite({
        contentDir,
        outDir: path.join(work, 'clean'),
        cacheDir: path.join(work, 'clean-cache'),
        env: values.search ? {} : { SEARCH_INDEX: '0' },
      });
      daily.differences = compareTrees(path.join(work, 'dist'), clean.outDir);
      console.log(`[${n}] clean build of the same content: ${daily.differences.length} file(s) differ`);
    }
  }
  if (values.keep) cpSync(path.join(work, 'dist'), `${work}-kept`, { recursive: true });
  rmSync(work, { recursive: true, force: true });
}

const header = [
  'papers',
  'pages',
  'build s',
  'floor s',
  'x floor',
  'ms/paper',
  'astro MB',
  'pagefind MB',
  'indexer MB',
  'all MB',
  'output',
  'files',
  'KB/paper',
  'page gz',
];
const table = rows.map((r) => [
  String(r.papers),
  String(r.build.htmlPages),
  r.build.seconds.toFixed(1),
  r.floor ? r.floor.seconds.toFixed(1) : '-',
  r.floor ? (r.build.seconds / r.floor.seconds).toFixed(2) : '-',
  ((1000 * r.build.seconds) / r.papers).toFixed(2),
  r.build.astroPeakMb.toFixed(0),
  r.build.pagefindPeakMb.toFixed(0),
  r.build.indexerPeakMb.toFixed(0),
  r.build.treePeakMb.toFixed(0),
  mb(r.build.bytes),
  String(r.build.files),
  (r.build.bytes / 1024 / r.papers).toFixed(1),
  kb(r.pageGz),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
console.log(`\n${line(header)}`);
for (const t of table) console.log(line(t));

const first = rows[0];
const last = rows[rows.length - 1];
if (first && last && first !== last) {
  const per = (r: Row) => r.build.seconds / r.papers;
  console.log(
    `\ntime per paper at ${last.papers} / at ${first.papers}: ${(per(last) / per(first)).toFixed(2)}x (target <= 1.3x)`,
  );
}
if (daily) {
  console.log(
    `daily update (+${daily.added} papers on ${daily.papers}): ${daily.update.seconds.toFixed(1)}s vs full ${daily.full.seconds.toFixed(1)}s = ${(daily.update.seconds / daily.full.seconds).toFixed(2)} of the full build (target <= 0.35); ${daily.rendered} routes rendered, ${daily.cached} restored from the cache`,
  );
  if (daily.differences) {
    console.log(
      `  against a clean build of the same content: ${daily.differences.length === 0 ? 'identical' : `${daily.differences.length} file(s) differ`}`,
    );
    for (const d of daily.differences.slice(0, 20)) console.log(`    ${d}`);
  }
  console.log(`\n[${daily.papers}] daily update phases:`);
  for (const l of daily.update.phaseLines) console.log(`  ${l}`);
}
for (const r of rows) {
  console.log(`\n[${r.papers}] phases:`);
  for (const l of r.build.phaseLines) console.log(`  ${l}`);
}
