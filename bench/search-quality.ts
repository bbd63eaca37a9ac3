// Benchmark: does search put the paper a reader expects on top? Queries written from the real archive, run in
// Chromium through the search page itself (the same client a reader gets); prints hit@1/3/10 and MRR per kind.
// `npm run bench:search-quality` builds the real site (or reuses a build newer than its inputs);
// `-- --dist /path/to/dist` measures an already built site (base `/`); `--verbose` lists every query's top results.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/helpers/browser.ts';
import { serveSite } from '../tests/helpers/serve.ts';
import { parsePaperFile } from '../src/lib/content/format.ts';
import { plainText } from '../src/lib/math.ts';
import { normalizeTitle } from '../src/lib/title-index.ts';
import { buildSite, newestMtime } from './lib/site.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    out: { type: 'string', default: path.join(root, 'bench/out/search-quality') },
    rebuild: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    // Only the queries of one kind (title, phrase, short, author, id, topic, typo).
    kind: { type: 'string' },
  },
});

type Kind = 'title' | 'phrase' | 'short' | 'author' | 'id' | 'topic' | 'typo';

/**
 * What a reader expects: explicit paper ids, every paper by an author (the exact name), or the popular papers whose
 * titles hold a topic phrase (a reader typing a topic hopes to see its well-known papers first).
 */
type Expect = { ids: string[] } | { author: string } | { titleHas: string; minUpvotes: number };
interface Query {
  kind: Kind;
  q: string;
  expect: Expect;
}

const ids = (...list: string[]): Expect => ({ ids: list });
const title = (q: string, id: string): Query => ({ kind: 'title', q, expect: ids(id) });
const phrase = (q: string, id: string): Query => ({ kind: 'phrase', q, expect: ids(id) });
const short = (q: string, ...list: string[]): Query => ({ kind: 'short', q, expect: ids(...list) });
const author = (name: string): Query => ({ kind: 'author', q: name, expect: { author: name } });
const id = (q: string, paper: string): Query => ({ kind: 'id', q, expect: ids(paper) });
const topic = (q: string, minUpvotes: number): Query => ({
  kind: 'topic',
  q,
  expect: { titleHas: q, minUpvotes },
});
const typo = (q: string, paper: string): Query => ({ kind: 'typo', q, expect: ids(paper) });

/** Written from content/ (9,877 papers, 2024-2026). */
const QUERIES: Query[] = [
  // Exact titles, as pasted (some short and made of common words, where the title must beat the abstracts).
  title("Humanity's Last Exam", '2501.14249'),
  title('Reinforcement Pre-Training', '2506.08007'),
  title('Qwen2.5 Technical Report', '2412.15115'),
  title('Qwen2.5-VL Technical Report', '2502.13923'),
  title('Vision Language Models are Biased', '2505.23941'),
  title('AI Can Learn Scientific Taste', '2603.14473'),
  title('Metis: Memory Foundation Model', '2607.26760'),
  title('Orca: The World is in Your Mind', '2606.30534'),
  title('Current World Models Lack a Persistent State Core', '2606.20545'),
  title('Registers Matter for Pixel-Space Diffusion Transformers', '2605.16147'),
  title('Diffusion Transformers with Representation Autoencoders', '2510.11690'),
  title('Segment Anything with Multiple Modalities', '2408.09085'),
  title('Attention Heads of Large Language Models: A Survey', '2409.03752'),
  title('Scaling Diffusion Transformers to 16 Billion Parameters', '2407.11633'),
  title('In-Context LoRA for Diffusion Transformers', '2410.23775'),
  title('Training-free Regional Prompting for Diffusion Transformers', '2411.02395'),
  title('Cognitively Inspired Energy-Based World Models', '2406.08862'),
  title('Reverse-Engineered Reasoning for Open-Ended Generation', '2509.06160'),
  title('General Agentic Memory Via Deep Research', '2511.18423'),
  title('Heterogeneous Scientific Foundation Model Collaboration', '2604.27351'),
  title('Kwai Keye-VL-2.0 Technical Report', '2606.10651'),
  title('ERNIE 5.0 Technical Report', '2602.04705'),
  // The start of a title, as typed.
  title('EnvHarness: Awakening Static Worlds', '2608.19880'),
  title('Less is Enough: Synthesizing Diverse Data', '2602.10388'),
  title('Out of Sight but Not Out of Mind', '2603.25716'),
  title('Thinking with Video', '2511.04570'),
  // Phrases from the middle of a title.
  phrase('Medical LLMs for 50 Languages via a Mixture', '2410.10626'),
  phrase('for Languages via Mixture', '2410.10626'),
  phrase('Future-KL Influenced Policy Optimization', '2603.19835'),
  phrase('Synthesizing Diverse Data in Feature Space', '2602.10388'),
  phrase('Unposed 3D Gaussian Splatting for Casual Long Videos', '2508.14041'),
  phrase('Hybrid Memory for Dynamic Video World Models', '2603.25716'),
  phrase('Time Series Forecasting Benchmark', '2603.26017'),
  phrase('Image Reconstruction from fMRI', '2510.25976'),
  phrase('Pruning and Distillation in Large MoE Model Pre-training', '2605.08738'),
  phrase('Behavioral and Social Simulation for Financial Markets', '2502.01506'),
  phrase('Temporal Logic Planning via Graph-encoded Flow Matching', '2505.00562'),
  phrase('Multi-UAV Tracking via YOLOv12', '2503.17237'),
  phrase('Accelerating Diffusion Model Inference via Sensitivity-Aware Caching', '2602.24208'),
  phrase('Speeding Up Text Diffusion via Token Editing', '2602.08676'),
  // Short names.
  short('LongSplat', '2508.14041'),
  short('FIPO', '2603.19835'),
  short('Kimi K3', '2607.24653'),
  short('MiniMax-M1', '2506.13585'),
  short('rStar-Math', '2501.04519'),
  short('InternVL3', '2504.10479'),
  short('ClawGUI', '2604.11784'),
  short('LongLive', '2509.22622'),
  short('TurboVLA', '2607.27205'),
  short('SAM 2', '2408.00714'),
  short('Flow-GRPO', '2505.05470'),
  short('DanceGRPO', '2505.07818'),
  short('QuitoBench', '2603.26017'),
  short('TwinMarket', '2502.01506'),
  short('SegDT', '2507.15595'),
  short('MambaVision', '2407.08083'),
  short('DeepSeek-R1', '2501.12948'),
  short('Intern-S1', '2508.15763'),
  // Authors by full name: common given and family names, where the two words alone match many papers.
  author('Yang Liu'),
  author('Kai Chen'),
  author('Hao Li'),
  author('Bo Li'),
  author('Yu Wang'),
  author('Jian Yang'),
  author('Lei Zhang'),
  author('Rui Wang'),
  author('Ziwei Liu'),
  author('Dahua Lin'),
  author('Xipeng Qiu'),
  author('Yejin Choi'),
  author('Serge Belongie'),
  author('Maarten Sap'),
  author('Isabelle Augenstein'),
  author('Lingxi Xie'),
  // Ids and links, as pasted.
  id('2405.15071', '2405.15071'),
  id('2503.01743', '2503.01743'),
  id('2501.14249v3', '2501.14249'),
  id('https://arxiv.org/abs/2608.20335v1', '2608.20335'),
  id('https://huggingface.co/papers/2405.15032', '2405.15032'),
  id('https://arxiv.org/pdf/2508.14041', '2508.14041'),
  id('arXiv:2412.15115', '2412.15115'),
  // Topic phrases: the popular papers that are about it.
  topic('diffusion transformer', 20),
  topic('world model', 40),
  topic('mixture of experts', 10),
  topic('speculative decoding', 10),
  topic('gaussian splatting', 20),
  topic('video generation', 60),
  topic('reward model', 20),
  topic('GUI agents', 40),
  // Typos and spelling variants.
  typo('Humanitys Last Exam', '2501.14249'),
  typo('Reinforcment Pre-Training', '2506.08007'),
  typo('LongSplatt', '2508.14041'),
  typo('Qwen 2.5 Technical Report', '2412.15115'),
  typo('minimax m1', '2506.13585'),
  typo('segment anything multiple modalities', '2408.09085'),
];

// ---------- the archive ----------

interface ArchiveEntry {
  id: string;
  title: string;
  upvotes: number;
  authors: string[];
}

function readArchive(): ArchiveEntry[] {
  const dir = path.join(root, 'content/papers');
  const out: ArchiveEntry[] = [];
  for (const month of readdirSync(dir))
    for (const file of readdirSync(path.join(dir, month))) {
      const full = path.join(dir, month, file);
      const { data } = parsePaperFile(readFileSync(full, 'utf8'), full);
      out.push({
        id: data.id,
        title: plainText(data.title),
        upvotes: data.upvotes,
        authors: data.authors.map((a) => a.name),
      });
    }
  return out;
}

function expectedIds(expect: Expect, archive: readonly ArchiveEntry[]): Set<string> {
  if ('ids' in expect) return new Set(expect.ids);
  if ('author' in expect)
    return new Set(archive.filter((p) => p.authors.includes(expect.author)).map((p) => p.id));
  const phrase = normalizeTitle(expect.titleHas);
  // Singular or plural: "world model" is about "World Models" too.
  return new Set(
    archive
      .filter((p) => p.upvotes >= expect.minUpvotes && normalizeTitle(p.title).includes(phrase))
      .map((p) => p.id),
  );
}

// ---------- the site ----------

async function ensureSite(): Promise<string> {
  if (values.dist) return path.resolve(values.dist);
  const dist = path.join(values.out, 'dist');
  const marker = path.join(values.out, 'built.txt');
  const inputs = Math.max(
    ...['content', 'src', 'scripts', 'astro.config.mjs', 'package.json'].map((p) =>
      newestMtime(path.join(root, p)),
    ),
  );
  if (!values.rebuild && existsSync(marker) && statSync(marker).mtimeMs > inputs) return dist;
  mkdirSync(values.out, { recursive: true });
  process.stdout.write('building the real archive... ');
  const built = await buildSite({
    contentDir: path.join(root, 'content'),
    outDir: dist,
    cacheDir: path.join(values.out, 'cache'),
  });
  console.log(`${built.seconds.toFixed(0)} s`);
  writeFileSync(marker, new Date().toISOString());
  return dist;
}

// ---------- the browser ----------

/** Types `q` into the page's search box (one input event) and reads the first page of result ids, in order. */
async function ask(page: Page, q: string): Promise<string[]> {
  await page.locator('#q').fill('');
  await page.locator('paper-search[data-done=""]:not([aria-busy])').waitFor();
  const expected = new URLSearchParams({ q: q.trim() }).toString();
  await page.locator('#q').fill(q);
  await page
    .locator(`paper-search[data-done="${CSS.escape(expected)}"]:not([aria-busy])`)
    .waitFor({ timeout: 30_000 });
  return page.$$eval('[data-results] > li', (items) =>
    items.map((li) => {
      const link = Array.from(li.querySelectorAll('a[href]')).find((a) =>
        /\/papers\/[^/]+/.test(a.getAttribute('href') ?? ''),
      );
      return /\/papers\/(.+?)\/?$/.exec(link?.getAttribute('href') ?? '')?.[1] ?? '';
    }),
  );
}

/** A stand-in for the browser's CSS.escape, for attribute values in selectors. */
const CSS = { escape: (s: string) => s.replace(/["\\]/g, '\\$&') };

interface Outcome {
  query: Query;
  rank: number | undefined;
  top: string[];
  expected: number;
}

function report(outcomes: readonly Outcome[]): void {
  const kinds = [...new Set(outcomes.map((o) => o.query.kind)), 'all'] as const;
  const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(0)}%`.padStart(5);
  console.log(`\n${'kind'.padEnd(8)} ${'n'.padStart(3)} hit@1 hit@3 hit@10   MRR`);
  for (const kind of kinds) {
    const rows = kind === 'all' ? outcomes : outcomes.filter((o) => o.query.kind === kind);
    const hit = (k: number) => rows.filter((o) => o.rank !== undefined && o.rank <= k).length;
    const mrr = rows.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / rows.length;
    console.log(
      `${kind.padEnd(8)} ${String(rows.length).padStart(3)} ${pct(hit(1), rows.length)} ${pct(hit(3), rows.length)} ${pct(hit(10), rows.length).padStart(6)} ${mrr.toFixed(3).padStart(5)}`,
    );
  }
  const missed = outcomes.filter((o) => o.rank !== 1);
  if (missed.length > 0) {
    console.log('\nnot first:');
    for (const o of missed)
      console.log(
        `  ${o.query.kind.padEnd(7)} ${JSON.stringify(o.query.q).padEnd(60)} ${o.rank ? `#${o.rank}` : 'not in top 10'}`,
      );
  }
}

async function main(): Promise<void> {
  const archive = readArchive();
  const queries = values.kind ? QUERIES.filter((q) => q.kind === values.kind) : QUERIES;
  for (const q of queries)
    if (expectedIds(q.expect, archive).size === 0)
      throw new Error(`query ${JSON.stringify(q.q)}: no expected paper in the archive`);
  const dist = await ensureSite();
  const server = await serveSite({ outDir: dist });
  const browser = await launchChromium();
  const outcomes: Outcome[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}search/`);
    await page.locator('paper-search[data-done=""]').waitFor();
    for (const query of queries) {
      const want = expectedIds(query.expect, archive);
      const top = (await ask(page, query.q)).slice(0, 10);
      const at = top.findIndex((p) => want.has(p));
      outcomes.push({ query, rank: at < 0 ? undefined : at + 1, top, expected: want.size });
      if (values.verbose)
        console.log(
          `${query.kind.padEnd(7)} ${JSON.stringify(query.q)} -> ${at < 0 ? '-' : at + 1}: ${top.join(' ')}`,
        );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`search quality of ${dist}: ${queries.length} queries`);
  report(outcomes);
}

await main();
