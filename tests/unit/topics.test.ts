// Topic vocabulary parsing and assignment (classifier and phrase rules), checked on real corpus papers and a
// hand-labelled sample; the classifier's training, split and held-out scores are in topics-model.test.ts.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreSample, type TextPaper } from '../../src/lib/topic-papers.ts';
import { assignTopics, explainTopics, parseVocabulary, type Vocabulary } from '../../src/lib/topics.ts';
import { words } from '../../src/lib/tokenize.ts';
import { realPapers } from '../helpers/shared.ts';

/** The real archive's papers (whole corpus or content/); absent only in ci:local's fixture workspace. */
const REAL = realPapers();
const VOCAB_FILE = 'content/topics.yaml';
const ISSUE_SLUGS =
  `llm reasoning agents code reinforcement-learning alignment-safety multimodal image-generation
  video-generation video-understanding 3d-4d generative-modeling speech-audio robotics-embodied efficiency
  architectures training evaluation-benchmarks retrieval-rag long-context interpretability science-health
  vision-perception multilingual-nlp humans-motion world-models structured-data`.split(/\s+/);

const MINI = `
weights: { title: 3, abstract: 1, keyword: 2 }
threshold: 3
relative: 0.3
maxTopics: 4
abstractCap: 3
fallback: 2
topics:
  - slug: video-generation
    name: Video generation
    description: Making videos.
    phrases: [video generation, text to video]
  - slug: llm
    name: LLMs
    description: Language models.
    phrases: [large language model, llm]
    negative: [multimodal large language model]
  - slug: multimodal
    name: Multimodal
    description: Vision and language.
    phrases: [multimodal, { phrase: vlm, weight: 2 }]
`;

let vocab: Vocabulary;
/** The phrase rules alone (no classifier): still the classifier's features and the fallback for new topics. */
let rules: Vocabulary;
let papers: Map<string, TextPaper>;
beforeAll(() => {
  vocab = parseVocabulary(readFileSync(VOCAB_FILE, 'utf8'), VOCAB_FILE);
  rules = parseVocabulary(readFileSync(VOCAB_FILE, 'utf8'), VOCAB_FILE, { model: null });
  papers = new Map((REAL ?? []).map((p) => [p.id, p]));
});

function paper(id: string): TextPaper {
  const p = papers.get(id);
  if (!p) throw new Error(`corpus paper ${id} missing`);
  return p;
}

describe('tokenize', () => {
  it('folds case, hyphens, plurals and TeX/markdown markers', () => {
    expect(words('Text-to-Video Diffusion Models')).toEqual(['text', 'to', 'video', 'diffusion', 'model']);
    expect(words('Multi-Modal LLMs \\textbf{pre-training} **studies** `processes`')).toEqual([
      'multimodal',
      'llm',
      'pretraining',
      'study',
      'process',
    ]);
    expect(words('Qwen2.5-VL series, 3D analysis')).toEqual(['qwen2.5', 'vl', 'series', '3d', 'analysis']);
  });
});

describe('parseVocabulary', () => {
  it('parses the shipped vocabulary with exactly the 27 slugs of the issue', () => {
    expect(vocab.topics.map((t) => t.slug).sort()).toEqual([...ISSUE_SLUGS].sort());
    for (const t of vocab.topics) expect(t.description.length).toBeGreaterThan(30);
    expect(vocab.weights).toEqual({ title: 3, abstract: 1, keyword: 2 });
  });

  it('names the file and the topic slug in validation errors', () => {
    const broken = MINI.replace('    description: Language models.\n', '');
    expect(() => parseVocabulary(broken, 'my/topics.yaml')).toThrow(
      /^my\/topics\.yaml: topic llm\.description: /,
    );
    const badPhrase = MINI.replace('[video generation, text to video]', '[video generation, 42]');
    expect(() => parseVocabulary(badPhrase, 'x.yaml')).toThrow(/x\.yaml: topic video-generation\.phrases\.1/);
  });

  it('rejects invalid YAML, duplicate slugs, repeated phrases and unknown keys', () => {
    expect(() => parseVocabulary('topics: [', 'v.yaml')).toThrow(/^v\.yaml: invalid YAML/);
    const dup = MINI.replace('slug: multimodal', 'slug: llm');
    expect(() => parseVocabulary(dup, 'v.yaml')).toThrow('v.yaml: topic llm: duplicate slug');
    const repeated = MINI.replace(
      '[large language model, llm]',
      '[large language model, Large Language Models]',
    );
    expect(() => parseVocabulary(repeated, 'v.yaml')).toThrow(
      /topic llm: phrase "Large Language Models" repeats/,
    );
    expect(() => parseVocabulary(`${MINI}\ncolour: blue\n`, 'v.yaml')).toThrow(/v\.yaml: \(top level\): /);
  });
});

describe.skipIf(!REAL)('assignTopics', () => {
  it('scores title, abstract and keyword hits with the configured weights and negatives', () => {
    const mini = parseVocabulary(MINI, 'mini.yaml');
    const e = explainTopics(
      {
        title: 'Text-to-Video Generation with a VLM',
        abstract: 'Multimodal large language models (MLLMs) help. Large language models too.',
        keywords: ['video generation'],
      },
      mini,
    );
    expect(e.topics).toEqual(['multimodal', 'video-generation']);
    const video = e.evidence.find((t) => t.slug === 'video-generation');
    // Title: "text to video" claims its words, so "video generation" is not counted again there (3 points);
    // keyword "video generation" (2).
    expect(video?.score).toBe(5);
    // VLM (weight 2) in the title = 6, "multimodal" in the abstract = 1.
    expect(e.evidence.find((t) => t.slug === 'multimodal')?.score).toBe(7);
    // The first "large language models" sits inside the negative phrase; only the second counts (1 < 3).
    expect(e.evidence.find((t) => t.slug === 'llm')).toMatchObject({ score: 1, assigned: false });
  });

  it('lets an override win, in its order, and rejects unknown slugs in it', () => {
    const input = { ...paper('2410.19355'), override: ['efficiency', 'video-generation'] };
    expect(assignTopics(input, vocab)).toEqual(['efficiency', 'video-generation']);
    expect(explainTopics(input, vocab).overridden).toBe(true);
    expect(() => assignTopics({ ...input, override: ['videos'] }, vocab)).toThrow('unknown topic "videos"');
  });

  it('is deterministic and independent of keyword order', () => {
    const p = paper('2503.07536');
    const first = assignTopics(p, vocab);
    expect(assignTopics({ ...p }, vocab)).toEqual(first);
    expect(assignTopics({ ...p, keywords: [...(p.keywords ?? [])].reverse() }, vocab)).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(4);
  });

  it('gives hand-checked real papers the topics a researcher would', () => {
    // FasterCache: training-free acceleration of video diffusion models.
    expect(assignTopics(paper('2410.19355'), vocab)[0]).toBe('video-generation');
    // The phrase rules also give efficiency; the classifier keeps it just under its threshold (a known miss:
    // efficiency has F1 0.82 on the held-out part), so it is checked on the rules and as the runner-up.
    expect(assignTopics(paper('2410.19355'), rules)).toContain('efficiency');
    expect(explainTopics(paper('2410.19355'), vocab).evidence[1]?.slug).toBe('efficiency');
    // StyleMe3D: style transfer on 3D Gaussians.
    expect(assignTopics(paper('2504.15281'), vocab)[0]).toBe('3d-4d');
    // DyCAST: speech tokenizer.
    expect(assignTopics(paper('2601.23174'), vocab)[0]).toBe('speech-audio');
    // ProRL Agent: RL infrastructure for multi-turn LLM agents.
    expect(assignTopics(paper('2603.18815'), vocab)).toEqual(
      expect.arrayContaining(['reinforcement-learning', 'agents']),
    );
    // TokenPacker: visual projector for multimodal LLMs; not tagged "llm" through "Multimodal LLM".
    expect(assignTopics(paper('2407.02392'), vocab)[0]).toBe('multimodal');
    // Language Surgery in Multilingual LLMs.
    expect(assignTopics(paper('2506.12450'), vocab)[0]).toBe('multilingual-nlp');
    // Explanation of a title hit.
    const e = explainTopics(paper('2410.19355'), vocab).evidence.find((t) => t.slug === 'video-generation');
    expect(e?.hits.some((h) => h.field === 'title' && h.phrase === 'video diffusion model')).toBe(true);
  });

  it('does not read "face" the verb as faces, nor a survey as a benchmark', () => {
    const e = explainTopics(
      { title: 'Planning agents: a survey', abstract: 'Agents face long tasks. We survey planning agents.' },
      rules,
    );
    expect(e.evidence.find((t) => t.slug === 'humans-motion')).toBeUndefined();
    expect(e.evidence.find((t) => t.slug === 'evaluation-benchmarks')).toBeUndefined();
    expect(e.topics).toEqual(['agents']);
    // Whereas a benchmark named "-Bench" is one, and faces as a subject still count.
    expect(
      explainTopics({ title: 'GUI-Bench', abstract: 'Editing a human face.' }, rules).evidence.map(
        (t) => t.slug,
      ),
    ).toEqual(expect.arrayContaining(['evaluation-benchmarks', 'humans-motion']));
  });

  it('keeps the phrase rules alone at their floor on the old 60-paper sample', () => {
    // The sample the phrases were tuned on: a guard for the rules as features and fallback, not a measure of the
    // classifier (that is bench:topics on the held-out part of tests/fixtures/topics/labels.json).
    const sample = JSON.parse(readFileSync('tests/fixtures/topics-sample.json', 'utf8')) as {
      papers: { id: string; topics: string[] }[];
    };
    expect(sample.papers).toHaveLength(60);
    for (const l of sample.papers) for (const t of l.topics) expect(ISSUE_SLUGS).toContain(t);
    expect(rules.model).toBeUndefined();
    const s = scoreSample(sample.papers, (id) => assignTopics(paper(id), rules));
    // Measured: set precision 0.79, primary in the gold set 0.88, recall 0.77. The floors sit a few
    // points below so that vocabulary edits can move single papers, but a drift towards strays fails.
    expect(s.setPrecision).toBeGreaterThanOrEqual(0.74);
    expect(s.primaryInGold).toBeGreaterThanOrEqual(0.82);
    expect(s.setRecall).toBeGreaterThanOrEqual(0.68);
    expect(s.noTopic).toBeLessThanOrEqual(3);
  });

  it('leaves very few corpus papers without a topic and uses every topic', () => {
    const all = [...papers.values()];
    const assigned = all.map((p) => assignTopics(p, vocab));
    const none = assigned.filter((t) => t.length === 0).length;
    expect(none / all.length).toBeLessThan(0.02);
    const used = new Set(assigned.flat());
    expect([...used].sort()).toEqual([...ISSUE_SLUGS].sort());
    // No topic swallows the archive: the broadest stays under a third of papers.
    for (const slug of ISSUE_SLUGS)
      expect(assigned.filter((t) => t.includes(slug)).length / all.length).toBeLessThan(0.34);
  });
});
