// Benchmark: the whole corpus from files into an empty directory, then a no-change re-run (papers/s, peak RSS).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseOrExit } from '../scripts/lib/cli.ts';
import { logTail, NODE, ROOT, runProcess } from '../tests/helpers/run-process.ts';
import { median } from './lib/report.ts';

const { values } = parseOrExit('npm run bench:ingest', {
  options: {
    runs: { type: 'string', default: '3' },
    corpus: {
      type: 'string',
      default: process.env.CORPUS_DIR ?? path.resolve(ROOT, '../shared/corpus/hf-daily-papers'),
    },
  },
});
if (!existsSync(values.corpus)) {
  process.stderr.write(
    `bench:ingest: no corpus at ${path.relative(process.cwd(), values.corpus)}: it imports the whole corpus of API responses; give --corpus DIR or CORPUS_DIR\n`,
  );
  process.exit(2);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs ${values.runs}: expected a positive integer`);

interface Measure {
  seconds: number;
  papers: number;
  maxRssMb: number;
}

const TIME = '/usr/bin/time';

/** Run the real CLI as a child; peak RSS from GNU time -v (NaN where there is no /usr/bin/time). */
async function ingest(contentDir: string): Promise<Measure> {
  const args = [
    path.join(ROOT, 'scripts/ingest.ts'),
    '--files',
    values.corpus,
    '--fetched-at-time',
    '07:45',
    '--content-dir',
    contentDir,
  ];
  const useTime = existsSync(TIME);
  const [cmd, argv] = useTime ? [TIME, ['-v', NODE, ...args]] : [NODE, args];
  const r = await runProcess(cmd, argv, { env: { ...process.env, CI: 'true' }, name: 'ingest' });
  const m = /papers: (\d+) new, (\d+) updated, (\d+) unchanged/.exec(r.stdout);
  if (!m) throw new Error(`no summary in the ingest output:\n${logTail(r.stdout, 500)}`);
  const papers = Number(m[1]) + Number(m[2]) + Number(m[3]);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  return { seconds: r.seconds, papers, maxRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN };
}

const results: { full: Measure[]; rerun: Measure[] } = { full: [], rerun: [] };
for (let i = 0; i < runs; i++) {
  const dir = await mkdtemp(path.join(tmpdir(), 'dpa-bench-'));
  try {
    const full = await ingest(dir);
    const rerun = await ingest(dir);
    results.full.push(full);
    results.rerun.push(rerun);
    const line = (m: Measure): string =>
      `${m.seconds.toFixed(2)} s, ${(m.papers / m.seconds).toFixed(0)} papers/s, peak RSS ${m.maxRssMb.toFixed(0)} MB`;
    console.log(`run ${i + 1}: full import ${line(full)} | no-change re-run ${line(rerun)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

for (const [name, ms, target] of [
  ['full import', results.full, 15],
  ['no-change re-run', results.rerun, 5],
] as const) {
  const s = median(ms.map((m) => m.seconds));
  const papers = ms[0]?.papers ?? 0;
  console.log(
    `${name}: median ${s.toFixed(2)} s (target < ${target} s), ${(papers / s).toFixed(0)} papers/s, ` +
      `peak RSS median ${median(ms.map((m) => m.maxRssMb)).toFixed(0)} MB, ${papers} paper listings` +
      (s < target ? '' : '  <-- over target'),
  );
}
