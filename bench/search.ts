// Benchmark: the search index of an archive (size, indexing time, peak memory) and search latency/bytes in Chromium.
// `npm run bench:search` for the real archive; `-- --content /tmp/dpa-bench/100000` for a synthetic one.
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseOrExit } from '../scripts/lib/cli.ts';
import { dirStats } from '../scripts/lib/dir-stats.ts';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/helpers/browser.ts';
import { NODE } from '../tests/helpers/run-process.ts';
import { serveSite } from '../tests/helpers/serve.ts';
import { measure, peakOf } from './lib/measure.ts';
import { kb, mb, median, quantile } from './lib/report.ts';
import { buildSite, newestMtime } from './lib/site.ts';
import { parsePaperFile } from '../src/lib/content/format.ts';
import { plainText } from '../src/lib/math.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseOrExit('npm run bench:search', {
  options: {
    // The archive to search: the real one, or a synthetic one from bench/generate.ts (e.g. /tmp/dpa-bench/100000).
    content: { type: 'string', default: 'content' },
    // Papers per search bundle (SEARCH_SHARD_PAPERS); the default is the build's.
    'shard-papers': { type: 'string' },
    // Where it is built (once; reused while newer than the content and src/).
    out: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
    // List each request Pagefind made for the first query.
    verbose: { type: 'boolean', default: false },
  },
});
const contentDir = path.resolve(root, values.content);
const isRealArchive = contentDir === path.join(root, 'content');
const outRoot = path.resolve(
  values.out ??
    (isRealArchive
      ? path.join(root, 'bench/out/search-site')
      : `/tmp/dpa-bench/search-${path.basename(contentDir)}`),
);
const shardEnv: Record<string, string> = values['shard-papers']
  ? { SEARCH_SHARD_PAPERS: values['shard-papers'] }
  : {};
const dist = path.join(outRoot, 'dist');
const builtMarker = path.join(outRoot, 'built.txt');

const TARGET_FIRST_RESULTS_MS = 300;
// 400 KB for the real archive (the search issue), 500 KB for the large ones (the scale issue).
const TARGET_FIRST_QUERY_BYTES = (isRealArchive ? 400 : 500) * 1024;

/** The 20 queries: titles, authors, topic words, ids (as typed or pasted); `first` is the paper expected on top. */
const REAL_QUERIES: { kind: string; q: string; first?: string }[] = [
  { kind: 'title', q: 'ConvLLaVA hierarchical backbones', first: '2405.15738' },
  { kind: 'title', q: 'Visual-RFT', first: '2503.01785' },
  { kind: 'title', q: 'The Road Less Scheduled', first: '2405.15682' },
  { kind: 'title', q: 'EnvHarness: Awakening Static Worlds', first: '2608.19880' },
  { kind: 'title', q: 'Large-Scale Data Selection for Instruction Tuning', first: '2503.01807' },
  { kind: 'author', q: 'Xipeng Qiu' },
  { kind: 'author', q: 'Ziwei Liu' },
  { kind: 'author', q: 'Furu Wei' },
  { kind: 'author', q: 'Dahua Lin' },
  { kind: 'author', q: 'Yu Qiao' },
  { kind: 'topic', q: 'diffusion' },
  { kind: 'topic', q: 'reinforcement learning' },
  { kind: 'topic', q: 'video generation' },
  { kind: 'topic', q: 'retrieval augmented generation' },
  { kind: 'topic', q: 'mixture of experts' },
  { kind: 'id', q: '2405.15071', first: '2405.15071' },
  { kind: 'id', q: '2503.01743', first: '2503.01743' },
  { kind: 'id', q: 'https://arxiv.org/abs/2608.20335v1', first: '2608.20335' },
  { kind: 'id', q: 'https://huggingface.co/papers/2405.15032', first: '2405.15032' },
  { kind: 'id', q: '2608.18580v2', first: '2608.18580' },
];

/**
 * A synthetic archive recombines titles and has other ids, so its title and id queries are drawn from it: five
 * papers spread over its years (oldest to newest by id), each with a title no other paper has, searched by that
 * title and by its bare id, with the paper expected first once every year has answered. The first query is an old
 * paper's title, whose only match is in the older years: the worst case for a first query.
 */
function syntheticQueries(): { kind: string; q: string; first?: string }[] {
  const papersDir = path.join(contentDir, 'papers');
  const months = readdirSync(papersDir).sort();
  // The generator reuses titles; only a title no other paper has can expect its paper first.
  const titleCount = new Map<string, number>();
  for (const month of months)
    for (const file of readdirSync(path.join(papersDir, month))) {
      const line = /^title: (.*)$/m.exec(readFileSync(path.join(papersDir, month, file), 'utf8'))?.[1] ?? '';
      titleCount.set(line, (titleCount.get(line) ?? 0) + 1);
    }
  const picked = [0.05, 0.3, 0.5, 0.75, 0.98].map((f) => {
    const dir = path.join(papersDir, months[Math.floor(f * (months.length - 1))]!);
    for (const file of readdirSync(dir).sort()) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      if (titleCount.get(/^title: (.*)$/m.exec(text)?.[1] ?? '') !== 1) continue;
      const { data } = parsePaperFile(text, path.join(dir, file));
      return { id: data.id, title: plainText(data.title) };
    }
    throw new Error(`${dir}: no paper with a title of its own`);
  });
  const rest = REAL_QUERIES.filter((q) => q.kind === 'author' || q.kind === 'topic');
  return [
    ...picked.map((p) => ({ kind: 'title', q: p.title, first: p.id })),
    ...rest,
    ...picked.map((p) => ({ kind: 'id', q: p.id, first: p.id })),
  ];
}

const QUERIES = isRealArchive ? REAL_QUERIES : syntheticQueries();

/**
 * The slowest class of query on a large archive: a rare word that only papers of the older bundles hold (one or two
 * papers featured before the newest year, in no title, so neither the newest bundle nor the title lookup answers).
 * Five such words from the abstracts, spread over the candidates in alphabetical order; each is searched cold.
 */
function rareWordQueries(): { q: string; ids: string[] }[] {
  const papersDir = path.join(contentDir, 'papers');
  const seen = new Map<string, { ids: string[]; year: string }>();
  const titled = new Set<string>();
  let newestYear = '';
  for (const f of readdirSync(papersDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md'))) {
    const file = path.join(papersDir, f);
    const { data, body } = parsePaperFile(readFileSync(file, 'utf8'), file);
    const year = data.featured.at(-1)!.slice(0, 4);
    if (year > newestYear) newestYear = year;
    for (const w of plainText(data.title)
      .toLowerCase()
      .match(/[a-z]+/g) ?? [])
      titled.add(w);
    for (const w of new Set(
      plainText(body)
        .toLowerCase()
        .match(/\b[a-z]{9,}\b/g) ?? [],
    )) {
      const e = seen.get(w);
      if (!e) seen.set(w, { ids: [data.id], year });
      else {
        if (e.ids.length < 3) e.ids.push(data.id);
        if (year > e.year) e.year = year;
      }
    }
  }
  const candidates = [...seen]
    .filter(([w, e]) => e.ids.length <= 2 && e.year < newestYear && !titled.has(w))
    .map(([q, e]) => ({ q, ids: e.ids }))
    .sort((a, b) => (a.q < b.q ? -1 : 1));
  return [0.1, 0.3, 0.5, 0.7, 0.9].flatMap((f) => {
    const c = candidates[Math.floor(f * (candidates.length - 1))];
    return c ? [c] : [];
  });
}

// ---------- the built site ----------

/** Builds the real archive at base `/` into `dist`, unless a build newer than its inputs is there. */
async function ensureSite(): Promise<string> {
  const inputs = Math.max(
    newestMtime(contentDir),
    ...['src', 'scripts', 'astro.config.mjs', 'package.json'].map((p) => newestMtime(path.join(root, p))),
  );
  if (!values.rebuild && existsSync(builtMarker) && statSync(builtMarker).mtimeMs > inputs) {
    return `reused the build in ${dist} (newer than its content and src/)`;
  }
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  process.stdout.write(`building ${values.content} (astro build)... `);
  const { seconds } = await buildSite({
    contentDir,
    outDir: dist,
    cacheDir: path.join(outRoot, 'cache'),
    env: { SITE_URL: 'http://localhost:4321', ...shardEnv },
  });
  writeFileSync(builtMarker, new Date().toISOString());
  console.log(`${seconds.toFixed(0)} s`);
  return `built now into ${dist} in ${seconds.toFixed(0)} s`;
}

// ---------- indexing alone ----------

interface IndexRun {
  seconds: number;
  shards: number;
  /** Peak resident memory of the indexer (Node) and of the largest Pagefind process (one per shard). */
  indexerMb: number;
  pagefindMb: number;
}

/** What the build runs beside Astro (scripts/search-index.ts), alone, with an empty cache, measured. */
async function indexAlone(output: string): Promise<IndexRun> {
  rmSync(output, { recursive: true, force: true });
  const cache = `${output}-cache`;
  rmSync(cache, { recursive: true, force: true });
  const m = await measure(
    NODE,
    [
      path.join(root, 'scripts/search-index.ts'),
      '--content',
      contentDir,
      '--cache',
      cache,
      '--out',
      output,
      ...(values['shard-papers'] ? ['--shard-papers', values['shard-papers']] : []),
    ],
    { name: 'search-index' },
  );
  rmSync(cache, { recursive: true, force: true });
  return {
    seconds: m.seconds,
    shards: Number(/search index: (\d+) shard/.exec(m.log)?.[1] ?? 0),
    indexerMb: peakOf(m, 'search-index'),
    pagefindMb: peakOf(m, 'pagefind'),
  };
}

/** The index's files by kind: the top folder they sit in, or the loader scripts, wasm and metadata at the top. */
const indexKind = (rel: string): string => {
  const top = rel.split('/')[0] as string;
  if (rel.includes('/')) return top;
  return top.startsWith('pagefind') ? 'scripts/wasm/meta' : 'other';
};

// ---------- the browser ----------

interface QueryRun {
  /** Input event to the first results painted (on a large archive: the newest years' results). */
  ms: number;
  /** Input event to the search finished (every bundle merged in). */
  doneMs: number;
  results: number;
  firstHref: string;
}

/** Pastes `q` into the search box (one input event, as a fast typist's last keystroke) and times the first results. */
async function timeQuery(page: Page, q: string): Promise<QueryRun> {
  // Back to the empty state first, so the list is empty and the next result rows are this query's.
  await page.locator('#q').fill('');
  await page.locator('paper-search[data-done=""]:not([aria-busy])').waitFor();
  const expected = new URLSearchParams({ q: q.trim() }).toString();
  const { ms, doneMs } = await page.evaluate(
    ([query, expected]) =>
      new Promise<{ ms: number; doneMs: number }>((resolve) => {
        const search = document.querySelector<HTMLElement>('paper-search')!;
        const list = document.querySelector('[data-results]')!;
        const input = document.querySelector<HTMLInputElement>('#q')!;
        const started = performance.now();
        let ms: number | undefined;
        const painted = () => {
          // The time the results are on screen: after the next frame is painted.
          requestAnimationFrame(() => {
            ms ??= performance.now() - started;
            (window as unknown as { __painted: () => void }).__painted();
          });
        };
        const observer = new MutationObserver(() => {
          if (ms === undefined && list.querySelector('li')) painted();
          if (search.dataset.done === expected && !search.hasAttribute('aria-busy')) {
            observer.disconnect();
            requestAnimationFrame(() => {
              ms ??= performance.now() - started;
              resolve({ ms, doneMs: performance.now() - started });
            });
          }
        });
        observer.observe(list, { childList: true });
        observer.observe(search, { attributes: true });
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    [q, expected] as const,
  );
  await page.locator(`paper-search[data-done="${expected}"]:not([aria-busy])`).waitFor();
  const text = await page.locator('[data-status]').innerText();
  const results = text.startsWith('Found ')
    ? 1
    : Number(/([\d,]+) papers? found/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
  const firstHref =
    (await page.locator('[data-results] > li .paper-title a').first().getAttribute('href')) ?? '';
  return { ms, doneMs, results, firstHref };
}

interface BrowserRun {
  queries: QueryRun[];
  /** What Pagefind fetched for the page and the first query until its first results were painted. */
  firstQueryBytes: number;
  firstQueryRequests: number;
  /** ... and until the first query was finished (every bundle merged in). */
  firstQueryDoneBytes: number;
  firstQueryDoneRequests: number;
  pageBytes: number;
}

async function browserRun(browser: Browser, gzip: boolean): Promise<BrowserRun> {
  const server = await serveSite({ outDir: dist }, { gzip });
  const { url } = server;
  const context = await browser.newContext();
  const page = await context.newPage();
  let pageBytes = 0;
  let firstDone = false;
  // The search's requests in the order they finished, and how many had finished when results were painted: Pagefind's
  // (under /pagefind*/) and the search page's own fetches (a title shard, a paper page for an id or a title).
  const searchRequests: { bytes: number; url: string }[] = [];
  let finished = 0;
  let finishedAtPaint: number | undefined;
  const pending: Promise<void>[] = [];
  await page.exposeFunction('__painted', () => {
    finishedAtPaint ??= finished;
  });
  page.on('requestfinished', (req) => {
    // The newest bundle (/pagefind/), on a large archive the older years' (/pagefind-<years>/), and the page's fetches.
    const isSearch = new URL(req.url()).pathname.startsWith('/pagefind') || req.resourceType() === 'fetch';
    const slot = isSearch ? finished++ : -1;
    pending.push(
      req.sizes().then((s) => {
        const bytes = s.responseBodySize + s.responseHeadersSize;
        if (isSearch) searchRequests[slot] = { bytes, url: req.url() };
        else pageBytes += bytes;
      }),
    );
  });
  try {
    await page.goto(`${url}search/`, { waitUntil: 'networkidle' });
    const queries: QueryRun[] = [];
    let firstQueryBytes = 0;
    let firstQueryRequests = 0;
    let firstQueryDoneBytes = 0;
    let firstQueryDoneRequests = 0;
    const sum = (n: number) => searchRequests.slice(0, n).reduce((t, r) => t + (r?.bytes ?? 0), 0);
    for (const [i, { q }] of QUERIES.entries()) {
      queries.push(await timeQuery(page, q));
      if (i === 0) {
        // Everything the search fetched for the page and its first query: script, wasm, metadata, chunks, shards.
        await page.waitForLoadState('networkidle');
        await Promise.all(pending);
        firstQueryRequests = finishedAtPaint ?? finished;
        firstQueryBytes = sum(firstQueryRequests);
        firstQueryDoneRequests = finished;
        firstQueryDoneBytes = sum(finished);
        if (values.verbose && !firstDone)
          for (const [j, r] of searchRequests.entries())
            console.log(
              `  ${gzip ? 'gzip ' : 'plain'} ${j < firstQueryRequests ? 'first' : 'later'} ${kb(r.bytes).padStart(9)} ${r.url}`,
            );
        firstDone = true;
      }
    }
    await Promise.all(pending);
    return {
      queries,
      firstQueryBytes,
      firstQueryRequests,
      firstQueryDoneBytes,
      firstQueryDoneRequests,
      pageBytes,
    };
  } finally {
    await context.close();
    await server.close();
  }
}

interface ColdRun {
  q: string;
  results: number;
  /** Input event to every bundle merged in (the paper comes from an older bundle). */
  doneMs: number;
  /** What the search fetched for the page and this one query, from a cold cache. */
  bytes: number;
  found: boolean;
}

/** Each query on a page of its own (a new browser context: nothing cached), timed to the end of the search. */
async function coldRuns(browser: Browser, queries: { q: string; ids: string[] }[]): Promise<ColdRun[]> {
  const server = await serveSite({ outDir: dist }, { gzip: true });
  const out: ColdRun[] = [];
  try {
    for (const { q, ids } of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const sizes: Promise<number>[] = [];
      page.on('requestfinished', (req) => {
        const isSearch =
          new URL(req.url()).pathname.startsWith('/pagefind') || req.resourceType() === 'fetch';
        if (isSearch) sizes.push(req.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
      });
      await page.goto(`${server.url}search/`, { waitUntil: 'networkidle' });
      const run = await timeQuery(page, q);
      await page.waitForLoadState('networkidle');
      const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      const hrefs = await page
        .locator('[data-results] > li .paper-title a')
        .evaluateAll((as) => as.slice(0, 10).map((a) => a.getAttribute('href') ?? ''));
      out.push({
        q,
        results: run.results,
        doneMs: run.doneMs,
        bytes,
        found: ids.some((id) => hrefs.includes(`/papers/${id}/`)),
      });
      await context.close();
    }
  } finally {
    await server.close();
  }
  return out;
}

// ---------- report ----------

async function main(): Promise<void> {
  const how = await ensureSite();
  const papers = readdirSync(path.join(contentDir, 'papers'), { recursive: true }).filter((f) =>
    String(f).endsWith('.md'),
  ).length;
  console.log(`site: ${how}; ${papers} papers in ${values.content}`);

  const indexOut = path.join(outRoot, 'pagefind-bench');
  const idx = await indexAlone(indexOut);
  const size = dirStats(indexOut, indexKind);
  console.log('\nSearch index (scripts/search-index.ts alone, empty cache; the build runs it beside Astro)');
  console.log(`  bundles            ${idx.shards}`);
  console.log(`  indexing time      ${idx.seconds.toFixed(1)} s`);
  console.log(
    `  peak memory        ${idx.pagefindMb.toFixed(0)} MB largest pagefind process, ${idx.indexerMb.toFixed(0)} MB indexer (Node)`,
  );
  // Index sizes are a few MB: one decimal.
  console.log(`  index size         ${mb(size.bytes, 1)} in ${size.files} files`);
  for (const [kind, s] of [...size.byGroup].sort((a, b) => b[1].bytes - a[1].bytes)) {
    console.log(`    ${kind.padEnd(18)} ${mb(s.bytes, 1).padStart(9)} ${String(s.files).padStart(6)} files`);
  }

  const rare = rareWordQueries();
  const browser = await launchChromium();
  let plain: BrowserRun;
  let gzip: BrowserRun;
  let cold: ColdRun[];
  try {
    plain = await browserRun(browser, false);
    gzip = await browserRun(browser, true);
    cold = await coldRuns(browser, rare);
  } finally {
    await browser.close();
  }

  console.log(
    '\nSearch in headless Chromium, localhost (time from the input event to the first results painted; on a large\narchive these are the newest years\', and the older years\' are merged in after: "all years merged")',
  );
  console.log(
    `  ${'kind'.padEnd(7)}${'query'.padEnd(52)}${'results'.padStart(8)}${'plain ms'.padStart(10)}${'gzip ms'.padStart(9)}${'merged'.padStart(8)}  first hit`,
  );
  const misses: string[] = [];
  for (const [i, { kind, q, first }] of QUERIES.entries()) {
    const a = plain.queries[i]!;
    const b = gzip.queries[i]!;
    const ok =
      first === undefined ? '' : a.firstHref === `/papers/${first}/` ? 'ok' : `MISS (${a.firstHref})`;
    if (ok.startsWith('MISS') || a.results === 0) misses.push(q);
    console.log(
      `  ${kind.padEnd(7)}${q.slice(0, 50).padEnd(52)}${String(a.results).padStart(8)}${a.ms.toFixed(0).padStart(10)}${b.ms.toFixed(0).padStart(9)}${a.doneMs.toFixed(0).padStart(8)}  ${ok}`,
    );
  }
  const summary = (r: BrowserRun) => {
    const ms = r.queries.map((x) => x.ms);
    const done = r.queries.map((x) => x.doneMs);
    return {
      median: median(ms),
      p90: quantile(ms, 0.9),
      max: Math.max(...ms),
      first: ms[0] ?? NaN,
      doneMedian: median(done),
      doneP90: quantile(done, 0.9),
    };
  };
  const sp = summary(plain);
  const sg = summary(gzip);
  console.log(`\n  ${''.padEnd(34)}${'plain'.padStart(10)}${'gzip'.padStart(10)}`);
  const row = (label: string, a: string, b: string) =>
    console.log(`  ${label.padEnd(34)}${a.padStart(10)}${b.padStart(10)}`);
  row('first results, median (ms)', sp.median.toFixed(0), sg.median.toFixed(0));
  row('first results, p90 (ms)', sp.p90.toFixed(0), sg.p90.toFixed(0));
  row('first results, max (ms)', sp.max.toFixed(0), sg.max.toFixed(0));
  row('first query, cold (ms)', sp.first.toFixed(0), sg.first.toFixed(0));
  row('all years merged, median (ms)', sp.doneMedian.toFixed(0), sg.doneMedian.toFixed(0));
  row('all years merged, p90 (ms)', sp.doneP90.toFixed(0), sg.doneP90.toFixed(0));
  row('bytes for the first query', kb(plain.firstQueryBytes), kb(gzip.firstQueryBytes));
  row('  search requests', String(plain.firstQueryRequests), String(gzip.firstQueryRequests));
  row('  ... with all years merged', kb(plain.firstQueryDoneBytes), kb(gzip.firstQueryDoneBytes));
  row('  search requests', String(plain.firstQueryDoneRequests), String(gzip.firstQueryDoneRequests));
  row('search page itself (HTML/CSS/JS)', kb(plain.pageBytes), kb(gzip.pageBytes));
  console.log(
    `  gzip / plain bytes for the first query: ${(gzip.firstQueryBytes / plain.firstQueryBytes).toFixed(2)}`,
  );

  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log('\nTargets');
  console.log(
    `  first results < ${TARGET_FIRST_RESULTS_MS} ms (p90, plain): ${sp.p90.toFixed(0)} ms -> ${verdict(sp.p90 < TARGET_FIRST_RESULTS_MS)}; max ${sp.max.toFixed(0)} ms -> ${verdict(sp.max < TARGET_FIRST_RESULTS_MS)}`,
  );
  console.log(
    `  first query < ${kb(TARGET_FIRST_QUERY_BYTES)}: plain ${kb(plain.firstQueryBytes)} -> ${verdict(plain.firstQueryBytes < TARGET_FIRST_QUERY_BYTES)}; gzip ${kb(gzip.firstQueryBytes)} -> ${verdict(gzip.firstQueryBytes < TARGET_FIRST_QUERY_BYTES)}`,
  );
  if (misses.length > 0)
    console.log(`  queries without the expected first hit or any result: ${misses.join(' | ')}`);

  console.log(
    "\nAn old paper's rare word, each query cold (a new browser context, gzip): only older bundles hold it, no title has it",
  );
  for (const c of cold)
    console.log(
      `  ${c.q.padEnd(24)}${String(c.results).padStart(4)} results${c.doneMs.toFixed(0).padStart(7)} ms${kb(c.bytes).padStart(11)}  ${c.found ? 'found' : 'NOT FOUND in the first 10'}`,
    );
  if (cold.length > 0) {
    const p90 = quantile(
      cold.map((c) => c.doneMs),
      0.9,
    );
    const most = Math.max(...cold.map((c) => c.bytes));
    console.log(
      `  p90 ${p90.toFixed(0)} ms (target < ${TARGET_FIRST_RESULTS_MS}) -> ${verdict(p90 < TARGET_FIRST_RESULTS_MS)}; most bytes ${kb(most)} (target < 1 MB) -> ${verdict(most < 1024 * 1024)}`,
    );
  }
}

await main();
