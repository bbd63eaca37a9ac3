// The topic classifier: the labelled set and its split (reproducible, stratified, no evaluation paper in training),
// the trainer (deterministic, the committed weights are what it makes), prediction and explanation, vocabulary
// edits after training, the metrics, and the held-out scores against the phrase rules.
import { readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assignTopics,
  explainTopics,
  parseVocabulary,
  topicFeatures,
  type Vocabulary,
} from '../../src/lib/topics.ts';
import { scoreTopics } from '../../src/lib/topics/metrics.ts';
import { describeFeature } from '../../src/lib/topics/features.ts';
import { compileModel, defaultTrainOptions, pickTopics } from '../../src/lib/topics/model.ts';
import { LABELS_FILE, readLabels, splitLabels, type LabelsFile } from '../../src/lib/topics/split.ts';
import { readLabelledPapers, trainFromLabels, type LabelledText } from '../../src/lib/topics/train.ts';

const VOCAB_FILE = 'content/topics.yaml';
let yaml: string;
let vocab: Vocabulary;
let rules: Vocabulary;
let labels: LabelsFile;
let items: LabelledText[];
beforeAll(() => {
  yaml = readFileSync(VOCAB_FILE, 'utf8');
  vocab = parseVocabulary(yaml, VOCAB_FILE);
  rules = parseVocabulary(yaml, VOCAB_FILE, { model: null });
  labels = readLabels();
  items = readLabelledPapers(labels.papers, 'content');
});

const held = () => items.filter((i) => i.label.part === 'eval');
const predict = (list: readonly LabelledText[], v: Vocabulary) =>
  list.map((i) => assignTopics({ ...i.paper, override: undefined }, v));

describe('the labelled set and its split', () => {
  it('labels at least 400 archive papers with vocabulary slugs, over the whole time span', () => {
    expect(labels.papers.length).toBeGreaterThanOrEqual(400);
    const slugs = new Set(vocab.topics.map((t) => t.slug));
    for (const p of labels.papers) {
      for (const t of p.topics) expect(slugs.has(t), `${p.id}: ${t}`).toBe(true);
      expect(new Set(p.topics).size).toBe(p.topics.length);
    }
    // Every topic is some paper's primary, and every month of the archive is drawn from.
    expect(new Set(labels.papers.map((p) => p.topics[0]))).toEqual(slugs);
    expect(new Set(labels.papers.map((p) => p.featured.slice(0, 7))).size).toBeGreaterThanOrEqual(28);
  });

  it('is the split splitLabels makes with the recorded seed: reproducible and independent of order', () => {
    const split = labels.papers.slice(0, labels.splitPapers);
    const parts = splitLabels(split, labels.seed, labels.evalShare);
    for (const p of split) expect(parts.get(p.id), p.id).toBe(p.part);
    const reversed = splitLabels([...split].reverse(), labels.seed, labels.evalShare);
    expect([...reversed].sort()).toEqual([...parts].sort());
    // Another seed gives another split (the seed is what fixes it).
    const other = splitLabels(split, labels.seed + 1, labels.evalShare);
    expect(split.filter((p) => other.get(p.id) !== p.part).length).toBeGreaterThan(50);
    // Papers labelled after the split only ever add to the training part.
    for (const p of labels.papers.slice(labels.splitPapers)) expect(p.part, p.id).toBe('train');
  });

  it('is stratified by primary topic: about the share held out overall and in every topic', () => {
    const split = labels.papers.slice(0, labels.splitPapers);
    const evalShare = held().length / split.length;
    expect(evalShare).toBeGreaterThan(labels.evalShare - 0.03);
    expect(evalShare).toBeLessThan(labels.evalShare + 0.03);
    const byPrimary = Map.groupBy(split, (p) => p.topics[0] as string);
    for (const [slug, list] of byPrimary) {
      const n = list.filter((p) => p.part === 'eval').length;
      expect(Math.abs(n - list.length * labels.evalShare), slug).toBeLessThanOrEqual(1);
    }
  });

  it('rejects a paper labelled twice, and a held-out paper labelled after the split', () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/dpa-labels-bad.json`;
    const first = labels.papers[0] as (typeof labels.papers)[number];
    writeFileSync(file, JSON.stringify({ ...labels, splitPapers: 2, papers: [first, first] }));
    expect(() => readLabels(file)).toThrow(`paper ${first.id} is labelled twice`);
    const late = { ...first, id: '2501.99999', part: 'eval' };
    writeFileSync(file, JSON.stringify({ ...labels, splitPapers: 1, papers: [first, late] }));
    expect(() => readLabels(file)).toThrow('paper 2501.99999 was labelled after the split');
  });
});

describe('training', () => {
  it('never sees an evaluation paper: relabelling every held-out paper changes nothing', () => {
    const base = trainFromLabels(items, rules, LABELS_FILE, { epochs: 4 });
    const poisoned = items.map((i) =>
      i.label.part === 'eval' ? { ...i, label: { ...i.label, topics: ['structured-data'] } } : i,
    );
    expect(trainFromLabels(poisoned, rules, LABELS_FILE, { epochs: 4 }).file).toEqual(base.file);
    expect(base.file.trainedOn.papers).toBe(items.length - held().length);
    expect(held().length).toBeGreaterThan(130);
    // Whereas relabelling training papers does change the weights (the check above can fail).
    const changed = items.map((i) =>
      i.label.part === 'train' ? { ...i, label: { ...i.label, topics: ['structured-data'] } } : i,
    );
    expect(trainFromLabels(changed, rules, LABELS_FILE, { epochs: 4 }).file).not.toEqual(base.file);
  });

  it('is deterministic and the committed weights are exactly what it makes from the labels', () => {
    const fresh = trainFromLabels(items, rules, LABELS_FILE);
    expect(trainFromLabels(items, rules, LABELS_FILE).file).toEqual(fresh.file);
    const committed = JSON.parse(readFileSync('content/topics-model.json', 'utf8')) as unknown;
    // Fails after an edit of the labels or of content/topics.yaml until `npm run topics -- --train` is run.
    expect(committed, 'content/topics-model.json is stale: npm run topics -- --train').toEqual(fresh.file);
    expect(vocab.model?.file.trainedOn.vocabulary).toBe(vocab.hash);
  });
});

describe('prediction and explanation', () => {
  it('picks topics reaching the threshold, most probable first, at least the best one, at most maxTopics', () => {
    const p = Float64Array.from([0.2, 0.9, 0.5, 0.46, 0.3]);
    expect(pickTopics(p, 0.45, 4)).toEqual([1, 2, 3]);
    expect(pickTopics(p, 0.45, 2)).toEqual([1, 2]);
    expect(pickTopics(Float64Array.from([0.1, 0.3, 0.2]), 0.45, 4)).toEqual([1]);
  });

  it('asks more of each further topic by the threshold step, so a paper gets fewer, surer topics', () => {
    const p = Float64Array.from([0.62, 0.9, 0.66, 0.7]);
    // 0.7 >= 0.6 (second topic), 0.66 >= 0.65 (third), 0.62 < 0.7 (fourth).
    expect(pickTopics(p, 0.6, 4, 0.05)).toEqual([1, 3, 2]);
    expect(pickTopics(p, 0.6, 4)).toEqual([1, 3, 2, 0]);
    // The committed model uses the threshold and step chosen by cross-validation on the training part.
    expect(vocab.model?.threshold).toBe(defaultTrainOptions.threshold);
    expect(vocab.model?.thresholdStep).toBe(defaultTrainOptions.thresholdStep);
    expect(vocab.model?.file.thresholdStep).toBe(vocab.model?.thresholdStep);
  });

  it('reads where in the abstract a topic is named: scene-setting first sentence, "we propose" sentences, close', () => {
    const f = topicFeatures(
      {
        title: 'A study',
        abstract:
          'Large language models are everywhere. Retrieval helps them. We propose a benchmark for video ' +
          'generation. It is hard. Results show quantization works.',
      },
      rules,
    );
    // "large language model" only in the first sentence, the benchmark and video generation in the sentence
    // saying what the paper does, quantization in the closing sentences.
    expect(f.get('rf:llm')).toBeGreaterThan(0);
    expect(f.has('rc:llm')).toBe(false);
    expect(f.get('rc:evaluation-benchmarks')).toBeGreaterThan(0);
    expect(f.get('rc:video-generation')).toBeGreaterThan(0);
    expect(f.has('rf:video-generation')).toBe(false);
    expect(f.get('rl:efficiency')).toBeGreaterThan(0);
    expect(f.has('rf:efficiency')).toBe(false);
    // The whole-paper scores and word features are still there.
    expect(f.get('r:llm')).toBeGreaterThan(0);
    expect(f.get('a:retrieval')).toBeGreaterThan(0);
    expect(describeFeature('rc:agents')).toBe('phrase-rule score in the "we propose" sentences of "agents"');
    // A phrase does not run across a sentence end ("... video. Generation ..." is no "video generation").
    const split = topicFeatures({ title: 'x', abstract: 'We edit video. Generation is slow.' }, rules);
    expect(split.has('r:video-generation')).toBe(false);
  });

  it('explains a decision by its strongest weighted features, phrases among them', () => {
    const agentPaper = items.find((i) => i.label.id === '2409.07429')?.paper; // Agent Workflow Memory
    expect(agentPaper).toBeDefined();
    const e = explainTopics(agentPaper as LabelledText['paper'], vocab);
    expect(e.method).toBe('model');
    expect(e.topics[0]).toBe('agents');
    const agents = e.evidence.find((t) => t.slug === 'agents');
    expect(agents?.assigned).toBe(true);
    expect(agents?.probability).toBeGreaterThanOrEqual(vocab.model?.threshold ?? 1);
    expect(agents?.features.length).toBeGreaterThan(0);
    expect(agents?.features[0]?.contribution).toBeGreaterThan(0);
    expect(agents?.features.map((f) => f.description).join(' ')).toMatch(/agent/);
    // Evidence is most probable first.
    const probs = e.evidence.map((t) => t.probability ?? 0);
    expect([...probs].sort((a, b) => b - a)).toEqual(probs);
  });

  it('lets an override win over the classifier', () => {
    const p = items[0]?.paper as LabelledText['paper'];
    expect(assignTopics({ ...p, override: ['code'] }, vocab)).toEqual(['code']);
    expect(explainTopics({ ...p, override: ['code'] }, vocab).method).toBe('override');
  });

  it('assigns a topic added to the vocabulary after training by its phrases, and never a dropped one', () => {
    const added = `${yaml}
  - slug: quantum
    name: Quantum computing
    description: Quantum circuits, qubits and quantum machine learning, simulated or on hardware.
    phrases: [quantum circuit, qubit]
`;
    const v = parseVocabulary(added, VOCAB_FILE, { model: vocab.model });
    const input = {
      title: 'Compiling quantum circuits for noisy qubits',
      abstract: 'We map quantum circuit layouts onto qubit lattices with a learned router.',
    };
    expect(assignTopics(input, v)).toContain('quantum');
    expect(assignTopics(input, vocab)).not.toContain('quantum');
    // A model topic missing from the vocabulary is not assigned.
    const m = vocab.model;
    if (!m) throw new Error('no committed model');
    const renamed = compileModel({
      ...m.file,
      topics: m.file.topics.map((t) => (t === 'agents' ? 'bots' : t)),
    });
    const agentPaper = items.find((i) => i.label.id === '2409.07429')?.paper as LabelledText['paper'];
    const got = assignTopics(agentPaper, parseVocabulary(yaml, VOCAB_FILE, { model: renamed }));
    expect(got).not.toContain('bots');
    expect(got.length).toBeGreaterThan(0);
  });
});

describe('metrics and the held-out scores', () => {
  it('computes per-topic and micro precision, recall, F1 and the primary share', () => {
    const s = scoreTopics(
      [{ topics: ['a', 'b'] }, { topics: ['b'] }],
      [
        ['a', 'c'],
        ['c', 'b'],
      ],
      ['a', 'b', 'c'],
    );
    expect(s.micro.precision).toBe(0.5);
    expect(s.micro.recall).toBeCloseTo(2 / 3, 10);
    expect(s.primaryRight).toBe(0.5);
    expect(s.primaryInLabels).toBe(0.5);
    expect(s.perTopic.find((t) => t.slug === 'c')).toMatchObject({ tp: 0, fp: 2, precision: 0 });
    expect(s.topicsPerPaper).toEqual({ predicted: 2, labelled: 1.5 });
  });

  it('beats the phrase rules on the held-out part (measured: see npm run bench:topics)', () => {
    const slugs = vocab.topics.map((t) => t.slug);
    const gold = held().map((i) => i.label);
    const before = scoreTopics(gold, predict(held(), rules), slugs);
    const after = scoreTopics(gold, predict(held(), vocab), slugs);
    // Floors a little under the measured figures, so that a retrain can move a paper or two.
    // Measured: precision 0.883, F1 0.778, primary right 0.713 (phrase rules: 0.639, 0.694, 0.640).
    expect(after.micro.precision).toBeGreaterThanOrEqual(0.85);
    expect(after.micro.f1).toBeGreaterThanOrEqual(0.75);
    expect(after.primaryRight).toBeGreaterThanOrEqual(0.69);
    expect(after.micro.precision - before.micro.precision).toBeGreaterThan(0.1);
    expect(after.micro.f1).toBeGreaterThan(before.micro.f1);
  });
});
