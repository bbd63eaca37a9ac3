// CLI for topics and related papers: explain one paper's topics, print the distribution, check a labelled sample,
// retrain the classifier, time related papers. Thin: reading, training and scoring live in src/lib/.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/lib/config.ts';
import { parseCommandLine, UsageError } from './lib/cli.ts';
import { paperPath } from '../src/lib/paper.ts';
import { relateArchive } from '../src/lib/related-stable.ts';
import {
  readArchive,
  readArchivePaper,
  readCorpus,
  scoreSample,
  type TextPaper,
} from '../src/lib/topic-papers.ts';
import {
  assignTopics,
  explainTopics,
  MODEL_FILE_NAME,
  parseVocabulary,
  type Vocabulary,
} from '../src/lib/topics.ts';
import { LABELS_FILE, readLabels } from '../src/lib/topics/split.ts';
import { serializeModel } from '../src/lib/topics/model.ts';
import { readLabelledPapers, trainFromLabels } from '../src/lib/topics/train.ts';

const USAGE = `usage: npm run topics -- [--content-dir DIR | --corpus DIR] [--vocabulary FILE] COMMAND
  --explain ID        the evidence for each topic of paper ID
  --stats             papers per topic, papers with no topic, topics per paper
  --eval FILE         precision/recall against a labelled sample (tests/fixtures/topics/labels.json; see also
                      npm run bench:topics, which scores the held-out part only)
  --train             retrain the classifier on the training part of --labels and write topics-model.json beside
                      the vocabulary (run after editing the labels or content/topics.yaml)
  --labels FILE       the labelled set for --train (default ${LABELS_FILE})
  --related [ID]      time related papers for the whole archive (and print ID's list)
  --verbose           with --eval: list every paper whose topics differ from its labels
  --corpus DIR        read a directory of raw HF API day files (YYYY-MM-DD.json) instead of content/
  --help              this text`;

function pct(n: number, d: number): string {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`;
}

const METHOD = {
  override: '(from overrides.topics)',
  model: '(classifier: probability, strongest features, then phrase-rule hits)',
  rules: '(phrase rules only: no topics-model.json)',
};

function explain(paper: TextPaper, vocab: Vocabulary): void {
  const e = explainTopics(paper, vocab);
  console.log(`${paper.id}  ${paper.title.replace(/\s+/g, ' ')}`);
  console.log(`topics: ${e.topics.join(', ') || '(none)'}  ${METHOD[e.method]}`);
  for (const t of e.evidence) {
    const p = t.probability === undefined ? '' : `p=${t.probability.toFixed(3)}  `;
    console.log(`  ${t.assigned ? '*' : ' '} ${t.slug.padEnd(24)} ${p}rules ${t.score}`);
    for (const f of t.features)
      console.log(`      ${(f.contribution > 0 ? '+' : '') + f.contribution.toFixed(2)}  ${f.description}`);
    for (const h of t.hits)
      console.log(`      rule ${h.field.padEnd(8)} ${JSON.stringify(h.phrase)} x${h.count} -> ${h.points}`);
  }
  if (e.evidence.length === 0) console.log('  (no phrase of the vocabulary matched)');
}

function train(vocabFile: string, contentDir: string, labelsFile: string): void {
  const text = readFileSync(vocabFile, 'utf8');
  const rules = parseVocabulary(text, vocabFile, { model: null });
  const labels = readLabels(labelsFile);
  const t0 = performance.now();
  const model = trainFromLabels(readLabelledPapers(labels.papers, contentDir), rules, labelsFile);
  const out = path.join(path.dirname(vocabFile), MODEL_FILE_NAME);
  writeFileSync(out, serializeModel(model.file));
  console.log(
    `trained on ${model.file.trainedOn.papers} papers (${labels.papers.length - model.file.trainedOn.papers} held out) ` +
      `in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.keys(model.file.weights).length} features -> ${out}`,
  );
}

/** A model trained under another vocabulary still works (new topics fall back to their rules) but should be redone. */
function warnIfStale(vocab: Vocabulary): void {
  const m = vocab.model;
  if (m && m.file.trainedOn.vocabulary !== vocab.hash)
    console.warn(
      'topics: the classifier was trained with another version of topics.yaml: run `npm run topics -- --train`',
    );
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
  const result = relateArchive(papers, 8).related;
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

function parse(args: string[]) {
  return parseCommandLine({
    args,
    allowPositionals: true,
    options: {
      'content-dir': { type: 'string' },
      corpus: { type: 'string' },
      vocabulary: { type: 'string' },
      explain: { type: 'string' },
      stats: { type: 'boolean' },
      eval: { type: 'string' },
      verbose: { type: 'boolean' },
      related: { type: 'boolean' },
      train: { type: 'boolean' },
      labels: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
}

function main(args: string[]): void {
  const { values, positionals } = parse(args);
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (
    values.explain === undefined &&
    !values.stats &&
    values.eval === undefined &&
    !values.related &&
    !values.train
  )
    throw new UsageError('give a command: --explain ID, --stats, --eval FILE, --train or --related [ID]');
  if (positionals.length > (values.related ? 1 : 0))
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals.at(-1))}`);
  const config = loadConfig();
  const corpus = values.corpus;
  const contentDir = values['content-dir'] ?? config.contentDir;
  const vocabFile = values.vocabulary ?? path.join(contentDir, 'topics.yaml');
  if (values.train) {
    if (corpus) throw new UsageError('--train reads the labelled papers from the archive: drop --corpus');
    train(vocabFile, contentDir, values.labels ?? LABELS_FILE);
    return;
  }
  const vocab = parseVocabulary(readFileSync(vocabFile, 'utf8'), vocabFile);
  warnIfStale(vocab);

  const explainId = values.explain;
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
  if (values.stats) stats(papers, vocab);
  if (values.eval !== undefined) evaluate(papers, vocab, values.eval, values.verbose === true);
  if (values.related) related(papers, positionals[0]);
}

if (import.meta.main) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof UsageError) {
      console.error(`topics: ${message} (see npm run topics -- --help)`);
      process.exitCode = 2;
    } else {
      console.error(`topics: ${message}`);
      process.exitCode = 1;
    }
  }
}
