// Benchmark: topic assignment against the held-out part of the hand-labelled set (tests/fixtures/topics/labels.json),
// BEFORE (the phrase rules alone) and AFTER (the committed classifier), and the cost of assigning every paper.
// `npm run bench:topics`; `-- --tune` also cross-validates trainer settings on the training part (never the held-out
// part), which is how the defaults in src/lib/topics/model.ts were chosen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readArchive } from '../src/lib/topic-papers.ts';
import { assignTopics, parseVocabulary, type Vocabulary } from '../src/lib/topics.ts';
import { scoreTopics, type TopicScores } from '../src/lib/topics/metrics.ts';
import { pickTopics, probabilities, trainModel, type TrainOptions } from '../src/lib/topics/model.ts';
import { LABELS_FILE, readLabels } from '../src/lib/topics/split.ts';
import { examplesOf, folds, readLabelledPapers, type LabelledText } from '../src/lib/topics/train.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    labels: { type: 'string', default: LABELS_FILE },
    tune: { type: 'boolean', default: false },
  },
});
const contentDir = path.resolve(root, values.content);
const vocabFile = path.join(contentDir, 'topics.yaml');
const yaml = readFileSync(vocabFile, 'utf8');
const rules = parseVocabulary(yaml, vocabFile, { model: null });
const withModel = parseVocabulary(yaml, vocabFile);
if (!withModel.model)
  throw new Error(`${vocabFile}: no topics-model.json beside it (npm run topics -- --train)`);
if (withModel.model.file.trainedOn.vocabulary !== withModel.hash)
  console.warn(
    'warning: topics-model.json was trained with another topics.yaml (npm run topics -- --train)\n',
  );
const slugs = rules.topics.map((t) => t.slug);
const labels = readLabels(path.resolve(root, values.labels));
const items = readLabelledPapers(labels.papers, contentDir);
const held = items.filter((i) => i.label.part === 'eval');
const train = items.filter((i) => i.label.part === 'train');

const pct = (x: number) => x.toFixed(3);
const predict = (list: readonly LabelledText[], vocab: Vocabulary) =>
  list.map((i) => assignTopics({ ...i.paper, override: undefined }, vocab));

function report(name: string, s: TopicScores): void {
  console.log(
    `${name.padEnd(7)} micro P ${pct(s.micro.precision)}  R ${pct(s.micro.recall)}  F1 ${pct(s.micro.f1)}  ` +
      `primary right ${pct(s.primaryRight)} (in labels ${pct(s.primaryInLabels)})  ` +
      `topics/paper ${s.topicsPerPaper.predicted.toFixed(2)} vs labels ${s.topicsPerPaper.labelled.toFixed(2)}`,
  );
}

const before = scoreTopics(
  held.map((i) => i.label),
  predict(held, rules),
  slugs,
);
const after = scoreTopics(
  held.map((i) => i.label),
  predict(held, withModel),
  slugs,
);
console.log(
  `held-out part: ${held.length} of ${items.length} labelled papers (trained on ${train.length})\n`,
);
report('BEFORE', before);
report('AFTER', after);
console.log(`\n${'topic'.padEnd(24)} labels   BEFORE P    R   F1    AFTER P    R   F1`);
after.perTopic.forEach((a, i) => {
  const b = before.perTopic[i] as (typeof before.perTopic)[number];
  console.log(
    `${a.slug.padEnd(24)} ${String(a.support).padStart(6)}   ${pct(b.precision)} ${pct(b.recall)} ${pct(b.f1)}   ` +
      `${pct(a.precision)} ${pct(a.recall)} ${pct(a.f1)}${a.f1 < 0.6 ? '  < 0.6' : ''}`,
  );
});

// The build's cost: every archive paper through assignTopics, rules alone and with the classifier.
const papers = readArchive(contentDir);
console.log('');
for (const [name, vocab] of [
  ['rules', rules],
  ['model', withModel],
] as const) {
  // CPU time as well as wall time: on a loaded machine the wall clock says more about the neighbours.
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const p of papers) assignTopics(p, vocab);
  const cpu = process.cpuUsage(c0);
  console.log(
    `assignTopics over ${papers.length} papers (${name}): ${((performance.now() - t0) / 1000).toFixed(2)} s wall, ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`,
  );
}

if (values.tune) {
  // 5-fold cross-validation on the training part, repeated over three draws of the folds (one draw of ~700 papers
  // moves F1 by +-0.01): settings, the threshold and its step are chosen here, never on `held`. Each trainer
  // setting is trained once per fold; the assignment rule is then varied on the out-of-fold probabilities.
  const grid: Partial<TrainOptions>[] = [
    {},
    { sparseL2: 0.3 },
    { sparseL2: 3 },
    { ownRulePrior: 0 },
    { positiveBalance: 0.25 },
    { minDf: 2 },
  ];
  const rulesGrid = [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75].flatMap((threshold) =>
    [0, 0.05, 0.1].map((step) => ({ threshold, step })),
  );
  const all = examplesOf(train, rules);
  const examples = new Map(train.map((i, k) => [i.label.id, all[k]?.features ?? new Map()]));
  console.log(
    '\ncross-validation on the training part (3 x 5 folds): the F1-best rule, and the F1-best rule with precision >= 0.85',
  );
  for (const options of grid) {
    const gold: LabelledText['label'][] = [];
    const oof: Float64Array[] = [];
    for (const f of [1, 2, 3].flatMap((seed) => folds(train, 5, seed))) {
      const m = trainModel(
        f.fit.map((i) => ({ features: examples.get(i.label.id) ?? new Map(), topics: i.label.topics })),
        slugs,
        { labels: '', papers: 0, vocabulary: '' },
        options,
      );
      for (const c of f.check) {
        gold.push(c.label);
        oof.push(probabilities(m, examples.get(c.label.id) ?? new Map()));
      }
    }
    const scored = rulesGrid.map((r) => ({
      ...r,
      s: scoreTopics(
        gold,
        oof.map((p) => pickTopics(p, r.threshold, 4, r.step).map((i) => slugs[i] as string)),
        slugs,
      ),
    }));
    const cell = (r: (typeof scored)[number] | undefined) =>
      r
        ? `${r.threshold}+${r.step}: P ${pct(r.s.micro.precision)} R ${pct(r.s.micro.recall)} F1 ${pct(r.s.micro.f1)}`
        : '(none)';
    const best = scored.reduce((a, b) => (b.s.micro.f1 > a.s.micro.f1 ? b : a));
    const precise = scored
      .filter((r) => r.s.micro.precision >= 0.85)
      .reduce<(typeof scored)[number] | undefined>(
        (a, b) => (a && a.s.micro.f1 >= b.s.micro.f1 ? a : b),
        undefined,
      );
    console.log(`  ${JSON.stringify(options).padEnd(26)} ${cell(best)}   ${cell(precise)}`);
  }
}
