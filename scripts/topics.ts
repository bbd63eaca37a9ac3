// CLI for topics and related papers: explain one paper's topics, print the distribution, check a labelled sample, time related papers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/lib/config.ts';
import { parsePaperFile } from '../src/lib/content/format.ts';
import { paperPath } from '../src/lib/paper.ts';
import { computeRelated, type RelatedDoc } from '../src/lib/related.ts';
import {
  assignTopics,
  explainTopics,
  parseVocabulary,
  topicInputOf,
  type TopicInput,
  type Vocabulary,
} from '../src/lib/topics.ts';

const USAGE = `usage: npm run topics -- [--content-dir DIR | --corpus DIR] [--vocabulary FILE] COMMAND
  --explain ID        the evidence for each topic of paper ID
  --stats             papers per topic, papers with no topic, topics per paper
  --eval FILE         precision/recall against a labelled sample (tests/fixtures/topics-sample.json)
  --related [ID]      time related papers for the whole archive (and print ID's list)
  --corpus DIR        read raw HF API day files (e.g. /work/shared/corpus/hf-daily-papers) instead of content/`;

/** A paper as topics and related papers see it, from either the archive or a raw corpus. */
export interface TextPaper extends TopicInput, RelatedDoc {
  id: string;
  date: string;
}

/** Distinct papers of a directory of HF API day responses (`YYYY-MM-DD.json`), first appearance kept. */
export function readCorpus(dir: string): TextPaper[] {
  const byId = new Map<string, TextPaper>();
  for (const file of readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .sort()) {
    const items: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    if (!Array.isArray(items)) throw new Error(`${path.join(dir, file)}: not a JSON array`);
    for (const item of items as {
      paper?: { id?: unknown; title?: unknown; summary?: unknown; ai_keywords?: unknown };
    }[]) {
      const p = item.paper;
      if (!p || typeof p.id !== 'string' || typeof p.title !== 'string' || byId.has(p.id)) continue;
      const keywords = Array.isArray(p.ai_keywords)
        ? p.ai_keywords.filter((k): k is string => typeof k === 'string')
        : undefined;
      byId.set(p.id, {
        id: p.id,
        date: file.slice(0, 10),
        title: p.title,
        abstract: typeof p.summary === 'string' ? p.summary : '',
        keywords,
      });
    }
  }
  return [...byId.values()];
}

function readArchivePaper(file: string): TextPaper {
  const { data: paper, body } = parsePaperFile(readFileSync(file, 'utf8'), file);
  return { ...topicInputOf(paper, body), id: paper.id, date: paper.featured[0] ?? '' };
}

function readArchive(contentDir: string): TextPaper[] {
  const root = path.join(contentDir, 'papers');
  if (!existsSync(root))
    throw new Error(`${root}: no papers directory (run the ingest, or pass --content-dir / --corpus)`);
  const out: TextPaper[] = [];
  for (const sub of readdirSync(root).sort()) {
    const dir = path.join(root, sub);
    for (const f of readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort())
      out.push(readArchivePaper(path.join(dir, f)));
  }
  return out;
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value\n${USAGE}`);
  return v;
}

function pct(n: number, d: number): string {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`;
}

function explain(paper: TextPaper, vocab: Vocabulary): void {
  const e = explainTopics(paper, vocab);
  console.log(`${paper.id}  ${paper.title.replace(/\s+/g, ' ')}`);
  console.log(`topics: ${e.topics.join(', ') || '(none)'}${e.overridden ? '  (from overrides.topics)' : ''}`);
  for (const t of e.evidence) {
    console.log(`  ${t.assigned ? '*' : ' '} ${t.slug.padEnd(24)} ${String(t.score).padStart(6)}`);
    for (const h of t.hits)
      console.log(`      ${h.field.padEnd(8)} ${JSON.stringify(h.phrase)} x${h.count} -> ${h.points}`);
  }
  if (e.evidence.length === 0) console.log('  (no phrase of the vocabulary matched)');
}

function stats(papers: readonly TextPaper[], vocab: Vocabulary): void {
  const count = new Map(vocab.topics.map((t) => [t.slug, { any: 0, primary: 0 }]));
  const perPaper = [0, 0, 0, 0, 0];
  let none = 0;
  for (const p of papers) {
    const topics = assignTopics(p, vocab);
    perPaper[topics.length] = (perPaper[topics.length] ?? 0) + 1;
    if (topics.length === 0) none++;
    topics.forEach((slug, i) => {
      const c = count.get(slug);
      if (!c) return;
      c.any++;
      if (i === 0) c.primary++;
    });
  }
  console.log(`${papers.length} papers; ${none} (${pct(none, papers.length)}) with no topic`);
  console.log(`topics per paper: ${perPaper.map((n, i) => `${i}: ${n}`).join(', ')}`);
  console.log(
    `${'topic'.padEnd(24)} ${'papers'.padStart(7)} ${'share'.padStart(7)} ${'primary'.padStart(8)}`,
  );
  for (const [slug, c] of [...count].sort((a, b) => b[1].any - a[1].any)) {
    console.log(
      `${slug.padEnd(24)} ${String(c.any).padStart(7)} ${pct(c.any, papers.length).padStart(7)} ${String(c.primary).padStart(8)}`,
    );
  }
}

/** Scores of a topic assignment against hand labels; exported for the unit test. */
export interface SampleScores {
  papers: number;
  primaryExact: number;
  primaryInGold: number;
  setPrecision: number;
  setRecall: number;
  noTopic: number;
}

export function scoreSample(
  labelled: readonly { id: string; topics: readonly string[] }[],
  predict: (id: string) => readonly string[],
): SampleScores {
  let exact = 0;
  let inGold = 0;
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  let noTopic = 0;
  for (const l of labelled) {
    const pred = predict(l.id);
    if (pred.length === 0) noTopic++;
    if (pred[0] !== undefined && pred[0] === l.topics[0]) exact++;
    if (pred[0] !== undefined && l.topics.includes(pred[0])) inGold++;
    tp += pred.filter((t) => l.topics.includes(t)).length;
    predicted += pred.length;
    gold += l.topics.length;
  }
  const n = labelled.length;
  return {
    papers: n,
    primaryExact: exact / n,
    primaryInGold: inGold / n,
    setPrecision: predicted ? tp / predicted : 0,
    setRecall: gold ? tp / gold : 0,
    noTopic,
  };
}

function evaluate(papers: readonly TextPaper[], vocab: Vocabulary, file: string, verbose: boolean): void {
  const sample = JSON.parse(readFileSync(file, 'utf8')) as {
    papers: { id: string; title: string; topics: string[] }[];
  };
  const byId = new Map(papers.map((p) => [p.id, p]));
  const predict = (id: string): string[] => {
    const p = byId.get(id);
    if (!p) throw new Error(`${file}: paper ${id} is not in the archive being read`);
    return assignTopics(p, vocab);
  };
  const s = scoreSample(sample.papers, predict);
  console.log(
    `${s.papers} labelled papers: primary exact ${pct(s.primaryExact, 1)}, primary in gold set ${pct(s.primaryInGold, 1)}, ` +
      `set precision ${pct(s.setPrecision, 1)}, set recall ${pct(s.setRecall, 1)}, no topic ${s.noTopic}`,
  );
  if (!verbose) return;
  for (const l of sample.papers) {
    const pred = predict(l.id);
    if (pred.join() === l.topics.join()) continue;
    console.log(
      `  ${l.id} ${l.title.slice(0, 60).padEnd(60)}\n      gold ${l.topics.join(',')}\n      got  ${pred.join(',')}`,
    );
  }
}

function related(papers: readonly TextPaper[], id: string | undefined): void {
  const before = process.memoryUsage();
  const t0 = performance.now();
  const result = computeRelated(papers, 8);
  const ms = performance.now() - t0;
  const after = process.memoryUsage();
  const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
  console.log(
    `related papers for ${papers.length} papers: ${(ms / 1000).toFixed(2)} s, heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} MB, rss ${mb(after.rss)} MB`,
  );
  if (id) {
    const byId = new Map(papers.map((p) => [p.id, p]));
    const list = result.get(id);
    if (!list) throw new Error(`paper ${id} not found`);
    console.log(`${id}  ${byId.get(id)?.title.replace(/\s+/g, ' ')}`);
    for (const r of list) {
      console.log(
        `  ${r.score.toFixed(3)} ${r.id} ${byId.get(r.id)?.title.replace(/\s+/g, ' ').slice(0, 80)}  [${r.sharedTerms.join(', ')}]`,
      );
    }
  }
}

function main(args: string[]): void {
  if (args.length === 0 || args.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const corpus = arg(args, '--corpus');
  const contentDir = arg(args, '--content-dir') ?? config.contentDir;
  const vocabFile = arg(args, '--vocabulary') ?? path.join(contentDir, 'topics.yaml');
  const vocab = parseVocabulary(readFileSync(vocabFile, 'utf8'), vocabFile);

  const explainId = arg(args, '--explain');
  if (explainId !== undefined) {
    if (corpus) {
      const paper = readCorpus(corpus).find((p) => p.id === explainId);
      if (!paper) throw new Error(`${corpus}: no paper ${explainId}`);
      explain(paper, vocab);
      return;
    }
    // paperPath validates the id before it becomes a path.
    const file = path.join(contentDir, paperPath(explainId));
    if (!existsSync(file)) throw new Error(`${file}: no such paper file (is ${explainId} in the archive?)`);
    explain(readArchivePaper(file), vocab);
    return;
  }
  const papers = corpus ? readCorpus(corpus) : readArchive(contentDir);
  if (args.includes('--stats')) stats(papers, vocab);
  const evalFile = arg(args, '--eval');
  if (evalFile) evaluate(papers, vocab, evalFile, args.includes('--verbose'));
  if (args.includes('--related')) {
    const i = args.indexOf('--related');
    const next = args[i + 1];
    related(papers, next && !next.startsWith('--') ? next : undefined);
  }
}

if (import.meta.main) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`topics: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
