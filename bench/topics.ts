// Benchmark: topic assignment against the held-out part of the hand-labelled set (tests/fixtures/topics/labels.json),
// BEFORE (the phrase rules alone) and AFTER (the committed classifier), and the cost of assigning every paper.
// `npm run bench:topics`; `-- --tune` instead cross-validates trainer settings and the assignment rule on the
// training part only (it never reads the held-out part), which is how the defaults in src/lib/topics/model.ts
// were chosen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readArchive } from '../src/lib/topic-papers.ts';
import { assignTopics, parseVocabulary, type Vocabulary } from '../src/lib/topics.ts';
import { scoreTopics, type TopicScores } from '../src/lib/topics/metrics.ts';
import { defaultTrainOptions, type TrainOptions } from '../src/lib/topics/model.ts';
import { LABELS_FILE, readLabels } from '../src/lib/topics/split.ts';
import { examplesOf, readLabelledPapers, type LabelledText } from '../src/lib/topics/train.ts';
import { chooseRule, nestedRuleScore, outOfFold, type RuleSearch } from '../src/lib/topics/tune.ts';

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

/** The held-out figures: phrase rules alone and the committed classifier, then the cost over the archive. */
function evaluate(): void {
  const held = items.filter((i) => i.label.part === 'eval');
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
}

/**
 * Cross-validation on the training part only (5 folds, repeated over 5 draws: one draw of ~700 papers moves F1 by
 * +-0.01). Each trainer setting is trained once per fold; the assignment rule is then chosen on the out-of-fold
 * probabilities: the best micro F1 whose precision reaches MIN_PRECISION. `nested` is the honest figure of that
 * choice (the rule chosen on four fifths of the papers, scored on the fifth). Per-topic threshold offsets are
 * searched too, to show whether they pay: at the same nested precision they did not (see the README).
 */
function tune(): void {
  const MIN_PRECISION = 0.86;
  const grid: Partial<TrainOptions>[] = [
    {},
    { epochs: 80 },
    { sparseL2: 0.3 },
    { sparseL2: 3 },
    { l2: 0.1 },
    { positiveBalance: 0.25 },
  ];
  const global: RuleSearch = {
    thresholds: [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8],
    steps: [0, 0.05, 0.1, 0.15],
    offsets: [],
    minPrecision: MIN_PRECISION,
    maxTopics: defaultTrainOptions.maxTopics,
  };
  // Offsets trade precision for recall, so they are held to a higher floor to compare at the same nested precision.
  const perTopic: RuleSearch = { ...global, offsets: [-0.1, 0, 0.1], minPrecision: MIN_PRECISION + 0.01 };
  const examples = examplesOf(train, rules).map((e, k) => ({
    id: (train[k] as LabelledText).label.id,
    ...e,
  }));
  const cell = (s: TopicScores) =>
    `P ${pct(s.micro.precision)} R ${pct(s.micro.recall)} F1 ${pct(s.micro.f1)} (${s.topicsPerPaper.predicted.toFixed(2)}/paper)`;
  console.log(
    `cross-validation on the training part only (${train.length} papers, 5 draws x 5 folds; the held-out part is not read)\n` +
      `rule: the best F1 with precision >= ${MIN_PRECISION}; nested: that choice scored on papers it was not made on\n`,
  );
  for (const options of grid) {
    const oof = outOfFold(examples, slugs, options, [1, 2, 3, 4, 5]);
    const chosen = chooseRule(oof, slugs, global);
    const offsets = chooseRule(oof, slugs, perTopic);
    console.log(
      `${JSON.stringify(options).padEnd(24)} threshold ${chosen.rule.threshold} step ${chosen.rule.step}: ` +
        `${cell(chosen.score)}  nested ${cell(nestedRuleScore(oof, slugs, global))}\n` +
        `${''.padEnd(24)} with per-topic offsets (${offsets.rule.offsets.filter((o) => o !== 0).length} topics moved): ` +
        `nested ${cell(nestedRuleScore(oof, slugs, perTopic))}`,
    );
  }
}

if (values.tune) tune();
else evaluate();
