// Synthetic archives: N papers recombined from the real corpus, seeded and deterministic, in the archive's own file format.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseOrExit } from '../scripts/lib/cli.ts';
import { serializeDay, serializePaper } from '../src/lib/content/format.ts';
import { addDays, isWeekend } from '../src/lib/dates.ts';
import type { Author, DayManifest, Organization, Paper } from '../src/lib/paper.ts';
import { paperPath } from '../src/lib/paper.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Real text to draw from: the whole corpus when given or beside the checkout, else the committed sample days. */
export const DEFAULT_CORPUS = [
  process.env.CORPUS_DIR,
  process.env.SHARED_DIR && path.join(process.env.SHARED_DIR, 'corpus/hf-daily-papers'),
  path.resolve(ROOT, '../shared/corpus/hf-daily-papers'),
  path.resolve(ROOT, 'tests/fixtures/upstream/corpus'),
].find((d): d is string => typeof d === 'string' && d !== '' && existsSync(d)) as string;
/** The last synthetic day is the corpus's last day, so ids and dates look like the real archive's newest end. */
const LAST_DAY = '2026-08-21';
/** Share of days on which one paper of the previous days is featured again (real HF does this now and then). */
const REFEATURE_RATE = 0.05;

/** mulberry32: tiny, fast, good enough for reproducible sampling. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the generator samples from: the real corpus, split into recombinable parts. */
interface Pool {
  titles: string[];
  /** Abstracts as sentence lists (LaTeX, markdown and hard line breaks folded, as the ingest stores them). */
  abstracts: string[][];
  authors: string[];
  organizations: Organization[];
  keywordSets: string[][];
  repos: string[];
  /** Papers per weekday, in corpus order (the real distribution, empty days excluded). */
  dayCounts: number[];
}

interface CorpusItem {
  paper?: {
    title?: string;
    summary?: string;
    authors?: { name?: string }[];
    ai_keywords?: string[];
    githubRepo?: string;
    organization?: { name?: string; fullname?: string };
  };
  organization?: { name?: string; fullname?: string };
}

export function loadPool(corpusDir: string = DEFAULT_CORPUS): Pool {
  const pool: Pool = {
    titles: [],
    abstracts: [],
    authors: [],
    organizations: [],
    keywordSets: [],
    repos: [],
    dayCounts: [],
  };
  const seenAuthor = new Set<string>();
  const seenOrg = new Set<string>();
  const files = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`${corpusDir}: no corpus day files (set SHARED_DIR?)`);
  for (const f of files) {
    const items = JSON.parse(readFileSync(path.join(corpusDir, f), 'utf8')) as CorpusItem[];
    if (!Array.isArray(items)) continue;
    if (items.length > 0) pool.dayCounts.push(items.length);
    for (const item of items) {
      const p = item.paper;
      if (!p?.title || !p.summary) continue;
      pool.titles.push(p.title.replace(/\s+/g, ' ').trim());
      const folded = p.summary.replace(/\s*\n\s*/g, ' ').trim();
      pool.abstracts.push(folded.split(/(?<=[.!?])\s+(?=[A-Z$\\])/));
      for (const a of p.authors ?? []) {
        if (a.name && !seenAuthor.has(a.name)) {
          seenAuthor.add(a.name);
          pool.authors.push(a.name);
        }
      }
      const org = p.organization ?? item.organization;
      if (org?.name && !seenOrg.has(org.name)) {
        seenOrg.add(org.name);
        pool.organizations.push(
          org.fullname ? { name: org.name, fullname: org.fullname } : { name: org.name },
        );
      }
      if (p.ai_keywords?.length) pool.keywordSets.push(p.ai_keywords.filter((k) => k.trim() !== ''));
      if (p.githubRepo && /^https?:\/\//.test(p.githubRepo)) pool.repos.push(p.githubRepo);
    }
  }
  return pool;
}

/**
 * The `YYMM` of ids for a day. Days before 2010 (100k papers reach back to 2003) borrow the month ten years on:
 * the project's serializer writes ids like 0310.00468 unquoted and Astro's YAML 1.2 reader then loads the float
 * 310.00468 (a bug reported to the ingest's owner), so real pre-2010 ids cannot be built yet.
 */
function idMonth(date: string): string {
  const yy = Number(date.slice(2, 4));
  return `${String(yy < 10 ? yy + 10 : yy).padStart(2, '0')}${date.slice(5, 7)}`;
}

/** Weekdays (Mon-Fri) ending on LAST_DAY, oldest first. */
function weekdaysBackFrom(last: string, count: number): string[] {
  const out: string[] = [];
  for (let d = last; out.length < count; d = addDays(d, -1)) if (!isWeekend(d)) out.push(d);
  return out.reverse();
}

export interface GenerateOptions {
  papers: number;
  outDir: string;
  seed?: number;
  corpusDir?: string;
}

export interface GenerateResult {
  papers: number;
  days: number;
  refeatured: number;
  seconds: number;
}

/** Plan the days (dates and per-day counts) so their distinct papers add up to exactly N. */
function planDays(n: number, pool: Pool, rand: () => number): number[] {
  const counts: number[] = [];
  let total = 0;
  while (total < n) {
    const c = Math.min(pool.dayCounts[Math.floor(rand() * pool.dayCounts.length)]!, n - total);
    counts.push(c);
    total += c;
  }
  return counts;
}

/**
 * Write a synthetic archive of `papers` papers to `outDir` (replacing what is there): papers/<yymm>/<id>.md,
 * days/<yyyy>/<date>.json, topics.yaml and topics-model.json (the project's vocabulary and classifier). Same seed and N, same bytes.
 */
export function generateArchive(opts: GenerateOptions): GenerateResult {
  const started = performance.now();
  const rand = rng(opts.seed ?? 20240527);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const pool = loadPool(opts.corpusDir);

  const counts = planDays(opts.papers, pool, rand);
  const dates = weekdaysBackFrom(LAST_DAY, counts.length);
  rmSync(opts.outDir, { recursive: true, force: true });
  mkdirSync(opts.outDir, { recursive: true });
  copyFileSync(path.join(ROOT, 'content/topics.yaml'), path.join(opts.outDir, 'topics.yaml'));
  // The classifier's weights beside it, so a generated archive's topics are decided as the real archive's are.
  const model = path.join(ROOT, 'content/topics-model.json');
  if (existsSync(model)) copyFileSync(model, path.join(opts.outDir, 'topics-model.json'));

  const made = new Set<string>();
  const seqByMonth = new Map<string, number>();
  const papers = new Map<string, Paper & { body: string }>();
  const recent: string[] = [];
  let refeatured = 0;

  const makeTitle = (): string => {
    const a = pick(pool.titles);
    const b = pick(pool.titles);
    const ia = a.indexOf(': ');
    const ib = b.indexOf(': ');
    // "Name: subtitle" titles swap subtitles, the way real titles are built.
    return ia > 0 && ib > 0 ? `${a.slice(0, ia)}: ${b.slice(ib + 2)}` : a;
  };
  const makeAbstract = (): string => {
    const a = pick(pool.abstracts);
    const b = pick(pool.abstracts);
    const cut = Math.max(1, Math.ceil(a.length / 2));
    return [...a.slice(0, cut), ...b.slice(Math.floor(b.length / 2))].join(' ');
  };
  const makeAuthors = (): Author[] => {
    const n = 1 + Math.floor(rand() * rand() * 14);
    const out: Author[] = [];
    for (let i = 0; i < n; i++) {
      const a: Author = { name: pick(pool.authors) };
      if (rand() < 0.02) a.hidden = true;
      out.push(a);
    }
    return out;
  };

  for (let di = 0; di < dates.length; di++) {
    const date = dates[di]!;
    const yymm = idMonth(date);
    const fetchedAt = `${date}T07:45:00.000Z`;
    const ids: string[] = [];
    for (let k = 0; k < counts[di]!; k++) {
      const seq = (seqByMonth.get(yymm) ?? Math.floor(rand() * 500)) + 1 + Math.floor(rand() * 40);
      seqByMonth.set(yymm, seq);
      const id = `${yymm}.${String(seq).padStart(5, '0')}`;
      if (seq > 99999 || made.has(id)) throw new Error(`generator: month ${yymm} ran out of ids`);
      made.add(id);
      const upvotes = Math.floor(rand() * rand() * 120);
      const published = addDays(date, -(1 + Math.floor(rand() * 5)));
      const paper: Paper & { body: string } = {
        id,
        title: makeTitle(),
        authors: makeAuthors(),
        publishedAt: `${published}T17:${String(Math.floor(rand() * 60)).padStart(2, '0')}:00.000Z`,
        featured: [date],
        upvotes,
        comments: Math.floor(rand() * 4),
        statsAt: fetchedAt,
        history: [{ at: fetchedAt, upvotes }],
        source: { kind: 'api-file', file: `bench/synthetic/${date}.json`, fetchedAt },
        body: makeAbstract(),
      };
      if (rand() < 0.3 && pool.organizations.length) paper.organization = pick(pool.organizations);
      if (rand() < 0.35 && pool.repos.length) {
        paper.githubRepo = pick(pool.repos);
        paper.githubStars = Math.floor(rand() * 2000);
      }
      if (rand() < 0.7 && pool.keywordSets.length) paper.keywords = pick(pool.keywordSets);
      papers.set(id, paper);
      ids.push(id);
    }
    // Now and then a paper from the last two weeks is featured again (it joins this day's list too).
    if (recent.length > 0 && rand() < REFEATURE_RATE) {
      const again = pick(recent);
      const p = papers.get(again)!;
      if (!p.featured.includes(date) && !ids.includes(again)) {
        p.featured.push(date);
        ids.splice(Math.floor(rand() * (ids.length + 1)), 0, again);
        refeatured++;
      }
    }
    recent.push(...ids);
    if (recent.length > 300) recent.splice(0, recent.length - 300);
    writeDay(opts.outDir, date, ids, fetchedAt);
  }

  const dirs = new Set<string>();
  for (const { body, ...data } of papers.values()) {
    const file = path.join(opts.outDir, paperPath(data.id));
    const dir = path.dirname(file);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(file, serializePaper({ data, body }));
  }
  return {
    papers: papers.size,
    days: dates.length,
    refeatured,
    seconds: (performance.now() - started) / 1000,
  };
}

/** One synthetic day's list file (`days/<YYYY>/<date>.json`), as the ingest writes it. */
function writeDay(outDir: string, date: string, ids: string[], fetchedAt: string): void {
  const manifest: DayManifest = {
    date,
    status: 'ok',
    count: ids.length,
    ids,
    source: { kind: 'api-file', file: `bench/synthetic/${date}.json`, fetchedAt },
  };
  const dayFile = path.join(outDir, 'days', date.slice(0, 4), `${date}.json`);
  mkdirSync(path.dirname(dayFile), { recursive: true });
  writeFileSync(dayFile, serializeDay(manifest));
}

/** Append one new weekday of `count` papers after the archive's last day (the daily-update case). */
export function addDay(outDir: string, count: number, seed = 7): { date: string; ids: string[] } {
  const rand = rng(seed);
  const pool = loadPool();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const years = readdirSync(path.join(outDir, 'days')).sort();
  const lastYear = years[years.length - 1]!;
  const last = readdirSync(path.join(outDir, 'days', lastYear))
    .sort()
    .pop()!
    .replace('.json', '');
  let date = addDays(last, 1);
  while (isWeekend(date)) date = addDays(date, 1);
  const yymm = `${date.slice(2, 4)}${date.slice(5, 7)}`;
  const fetchedAt = `${date}T07:45:00.000Z`;
  const ids: string[] = [];
  for (let k = 0; k < count; k++) {
    const id = `${yymm}.${String(90000 + k).padStart(5, '0')}`;
    const a = pick(pool.abstracts);
    const data: Paper = {
      id,
      title: pick(pool.titles),
      authors: [{ name: pick(pool.authors) }, { name: pick(pool.authors) }],
      featured: [date],
      upvotes: 3,
      statsAt: fetchedAt,
      history: [{ at: fetchedAt, upvotes: 3 }],
      source: { kind: 'api-file', file: `bench/synthetic/${date}.json`, fetchedAt },
    };
    const file = path.join(outDir, paperPath(id));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, serializePaper({ data, body: a.join(' ') }));
    ids.push(id);
  }
  writeDay(outDir, date, ids, fetchedAt);
  return { date, ids };
}

export function benchDir(papers: number): string {
  return path.join(process.env.DPA_BENCH_DIR ?? '/tmp/dpa-bench', String(papers));
}

if (import.meta.main) {
  const { values } = parseOrExit('node bench/generate.ts', {
    options: {
      papers: { type: 'string', default: '10000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '20240527' },
    },
  });
  for (const n of values.papers.split(',').map(Number)) {
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`--papers ${values.papers}: expected positive integers`);
    const outDir = values.out ?? benchDir(n);
    const r = generateArchive({ papers: n, outDir, seed: Number(values.seed) });
    console.log(
      `${r.papers} papers, ${r.days} days (${r.refeatured} featured twice) -> ${outDir} in ${r.seconds.toFixed(1)}s`,
    );
  }
  if (!existsSync(DEFAULT_CORPUS)) console.warn(`note: corpus not found at ${DEFAULT_CORPUS}`);
}
