// Topic vocabulary (content/topics.yaml) and deterministic topic assignment from a paper's title, abstract and HF
// keywords: the trained classifier (content/topics-model.json, see ./topics/model.ts) when there is one, over features
// that include the vocabulary's phrase rules; the phrase rules alone otherwise.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Paper } from './paper.ts';
import { words } from './tokenize.ts';
import { describeFeature, featuresOf, type AbstractPartScores, type Features } from './topics/features.ts';
import { contributions, parseModel, pickTopics, probabilities, type TopicModel } from './topics/model.ts';

/** The weights file beside a vocabulary file: `content/topics.yaml` -> `content/topics-model.json`. */
export const MODEL_FILE_NAME = 'topics-model.json';

const weightsSchema = z.strictObject({
  title: z.number().nonnegative(),
  abstract: z.number().nonnegative(),
  keyword: z.number().nonnegative(),
});

const phraseSchema = z.union([
  z.string().min(1),
  z.strictObject({ phrase: z.string().min(1), weight: z.number().positive() }),
]);

const topicSchema = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lower-case words joined by "-"' }),
  name: z.string().min(1),
  description: z.string().min(1),
  phrases: z.array(phraseSchema).min(1),
  /** Occurrences of a phrase inside one of these do not count ("large language model" inside "multimodal large language model"). */
  negative: z.array(z.string().min(1)).optional(),
  weights: weightsSchema.partial().optional(),
});

const vocabularySchema = z.strictObject({
  weights: weightsSchema,
  threshold: z.number().positive(),
  relative: z.number().min(0).max(1),
  maxTopics: z.number().int().min(1).max(4),
  abstractCap: z.number().int().min(1),
  fallback: z.number().nonnegative(),
  topics: z.array(topicSchema).min(1),
});

type VocabularyFile = z.infer<typeof vocabularySchema>;
export type TopicWeights = z.infer<typeof weightsSchema>;

/** One topic as pages show it. */
export interface Topic {
  slug: string;
  name: string;
  description: string;
}

interface CompiledPhrase {
  topic: number;
  text: string;
  tokens: string[];
  weight: number;
  negative: boolean;
}

/** A parsed, validated vocabulary with its phrases compiled for matching. */
export interface Vocabulary {
  topics: Topic[];
  /** Default points per hit by field; a topic may override them. */
  weights: TopicWeights;
  /** Minimum score for a topic to be assigned. */
  threshold: number;
  /** A secondary topic needs at least this fraction of the primary's score. */
  relative: number;
  maxTopics: number;
  /** Abstract hits of one phrase counted at most this many times. */
  abstractCap: number;
  /** When no topic reaches `threshold`, the best one is still assigned if it scores at least this (0 = never). */
  fallback: number;
  readonly topicWeights: readonly TopicWeights[];
  /** Phrases by their first token, so a text is scanned once whatever the vocabulary size. */
  readonly byFirstToken: ReadonlyMap<string, readonly CompiledPhrase[]>;
  /** The trained classifier, when one was found or given; without it the phrase rules decide alone. */
  readonly model?: TopicModel | undefined;
  /** Short hash of the vocabulary text, recorded in a model at training time to tell a stale model. */
  readonly hash: string;
}

/** The short hash a model records of the vocabulary it was trained with. */
export function vocabularyHash(yamlText: string): string {
  return createHash('sha256').update(yamlText).digest('hex').slice(0, 12);
}

export interface VocabularyOptions {
  /**
   * The classifier: a model, `null` for the phrase rules alone, or (default) the `topics-model.json` beside `file`
   * if that file exists.
   */
  model?: TopicModel | null | undefined;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const path = issue.path;
  let where = path.length ? path.join('.') : '(top level)';
  // Name the topic by its slug rather than its index, so the message points at the right block.
  if (path[0] === 'topics' && typeof path[1] === 'number' && data && typeof data === 'object') {
    const topics = (data as { topics?: unknown }).topics;
    const topic = Array.isArray(topics) ? (topics[path[1]] as { slug?: unknown } | undefined) : undefined;
    const slug = topic && typeof topic.slug === 'string' ? topic.slug : `#${path[1] + 1}`;
    where = [`topic ${slug}`, ...path.slice(2)].join('.');
  }
  return `${where}: ${issue.message}`;
}

/**
 * Parse and validate `content/topics.yaml`. Errors are one line naming the file and the topic slug
 * (`content/topics.yaml: topic video-generation.phrases: ...`).
 */
export function parseVocabulary(yamlText: string, file: string, options: VocabularyOptions = {}): Vocabulary {
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (e) {
    const msg = e instanceof YAMLParseError ? e.message.split('\n')[0] : String(e);
    throw new Error(`${file}: invalid YAML: ${msg}`, { cause: e });
  }
  const parsed = vocabularySchema.safeParse(data);
  if (!parsed.success) {
    throw new Error(`${file}: ${parsed.error.issues.map((i) => describeIssue(i, data)).join('; ')}`);
  }
  let model = options.model ?? undefined;
  if (options.model === undefined) {
    const modelFile = path.join(path.dirname(file), MODEL_FILE_NAME);
    if (existsSync(modelFile)) model = parseModel(readFileSync(modelFile, 'utf8'), modelFile);
  }
  return compileVocabulary(parsed.data, file, model, vocabularyHash(yamlText));
}

function compileVocabulary(
  v: VocabularyFile,
  file: string,
  model: TopicModel | undefined,
  hash: string,
): Vocabulary {
  const seen = new Set<string>();
  const byFirstToken = new Map<string, CompiledPhrase[]>();
  const add = (p: CompiledPhrase) => {
    const first = p.tokens[0] as string;
    const list = byFirstToken.get(first);
    if (list) list.push(p);
    else byFirstToken.set(first, [p]);
  };
  v.topics.forEach((t, topic) => {
    if (seen.has(t.slug)) throw new Error(`${file}: topic ${t.slug}: duplicate slug`);
    seen.add(t.slug);
    const phraseSeen = new Set<string>();
    for (const entry of t.phrases) {
      const text = typeof entry === 'string' ? entry : entry.phrase;
      const tokens = words(text);
      if (tokens.length === 0)
        throw new Error(`${file}: topic ${t.slug}: phrase ${JSON.stringify(text)} has no words`);
      const key = tokens.join(' ');
      if (phraseSeen.has(key)) {
        throw new Error(
          `${file}: topic ${t.slug}: phrase ${JSON.stringify(text)} repeats another after normalisation`,
        );
      }
      phraseSeen.add(key);
      add({ topic, text, tokens, weight: typeof entry === 'string' ? 1 : entry.weight, negative: false });
    }
    for (const text of t.negative ?? []) {
      const tokens = words(text);
      if (tokens.length === 0)
        throw new Error(`${file}: topic ${t.slug}: negative ${JSON.stringify(text)} has no words`);
      add({ topic, text, tokens, weight: 0, negative: true });
    }
  });
  return {
    topics: v.topics.map(({ slug, name, description }) => ({ slug, name, description })),
    weights: v.weights,
    threshold: v.threshold,
    relative: v.relative,
    maxTopics: v.maxTopics,
    abstractCap: v.abstractCap,
    fallback: v.fallback,
    topicWeights: v.topics.map((t) => ({ ...v.weights, ...t.weights })),
    byFirstToken,
    model,
    hash,
  };
}

/** What topic assignment reads from a paper. */
export interface TopicInput {
  title: string;
  abstract: string;
  keywords?: readonly string[] | undefined;
  /** Hand-set topics (front matter `overrides.topics`): they win as given, primary first. */
  override?: readonly string[] | undefined;
}

export type TopicField = 'title' | 'abstract' | 'keyword';

/** One phrase's hits in one field and the points they gave. */
export interface TopicHit {
  phrase: string;
  field: TopicField;
  count: number;
  points: number;
}

/** One feature's push on a topic's classifier score (weight x value; negative pushes away). */
export interface TopicFeature {
  feature: string;
  /** The feature as a reader would say it ('title word "agent"'). */
  description: string;
  contribution: number;
}

export interface TopicEvidence {
  slug: string;
  /** The phrase rules' score. */
  score: number;
  /** The classifier's probability, when a model decides. */
  probability?: number | undefined;
  /** Whether the topic is among the paper's assigned topics. */
  assigned: boolean;
  hits: TopicHit[];
  /** The features that weighed most for this topic, when a model decides. */
  features: TopicFeature[];
}

export interface TopicExplanation {
  /** The assigned topics, primary first. */
  topics: string[];
  /** True when the topics come from the paper's override rather than its text. */
  overridden: boolean;
  /** What decided: the paper's override, the trained classifier, or the phrase rules alone. */
  method: 'override' | 'model' | 'rules';
  /** With a model: every topic with probability >= 0.05 or a rule score, most probable first; else every topic
   * with a non-zero rule score, best first. */
  evidence: TopicEvidence[];
}

interface Match {
  phrase: CompiledPhrase;
  start: number;
  end: number;
}

/** Phrase matches in one token sequence, per topic, after negatives and overlaps are resolved. */
function matchField(tokens: readonly string[], vocab: Vocabulary): Map<number, Match[]> {
  const all: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = vocab.byFirstToken.get(tokens[i] as string);
    if (!candidates) continue;
    for (const phrase of candidates) {
      const n = phrase.tokens.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let j = 1; j < n && ok; j++) ok = tokens[i + j] === phrase.tokens[j];
      if (ok) all.push({ phrase, start: i, end: i + n });
    }
  }
  const byTopic = new Map<number, Match[]>();
  for (const m of all) {
    const list = byTopic.get(m.phrase.topic);
    if (list) list.push(m);
    else byTopic.set(m.phrase.topic, [m]);
  }
  for (const [topic, matches] of byTopic) {
    const negatives = matches.filter((m) => m.phrase.negative);
    // Longest phrase first claims its tokens, so "text to video generation" is not also "video generation".
    const positives = matches
      .filter((m) => !m.phrase.negative && !negatives.some((n) => n.start <= m.start && m.end <= n.end))
      .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const claimed = new Set<number>();
    const kept: Match[] = [];
    for (const m of positives) {
      let free = true;
      for (let k = m.start; k < m.end && free; k++) free = !claimed.has(k);
      if (!free) continue;
      for (let k = m.start; k < m.end; k++) claimed.add(k);
      kept.push(m);
    }
    byTopic.set(topic, kept);
  }
  return byTopic;
}

interface Scored {
  topic: number;
  score: number;
  titleScore: number;
  parts: AbstractPartScores;
  hits: TopicHit[];
}

/** Bit flags of the parts of an abstract a sentence belongs to (see AbstractPartScores). */
const FIRST = 1;
const CONTRIBUTION = 2;
const CLOSING = 4;
const PART_NAMES = [
  [FIRST, 'first'],
  [CONTRIBUTION, 'contribution'],
  [CLOSING, 'closing'],
] as const;

/** A sentence that says what the paper itself does ("We propose ...", "This paper introduces ..."). */
const CONTRIBUTION_CUE =
  /\b(we|this (?:paper|work|study|report)|our (?:work|paper))\s+(?:\w+\s+){0,2}?(propose|introduce|present|develop|construct|build|release|curate|design|create|establish|contribute|formulate|study|investigate|explore|analy[sz]e|examine|conduct|offer|provide|describe|demonstrate|show|find|reveal|identify)/i;

/** A paper's text as `words` tokens, computed once and read by both the phrase rules and the classifier. */
interface TopicTokens {
  title: string[];
  /** The abstract's sentences and the parts each belongs to (FIRST | CONTRIBUTION | CLOSING bits). */
  sentences: { tokens: string[]; parts: number }[];
  keywords: string[][];
}

function tokenize(input: TopicInput): TopicTokens {
  // Split before the lower-casing of `words`: a sentence ends in . ! or ? followed by a capital.
  const raw = input.abstract.split(/(?<=[.!?])\s+(?=[A-Z])/);
  const sentences = raw.map((text, i) => ({
    tokens: words(text),
    parts:
      (i === 0 ? FIRST : 0) |
      (CONTRIBUTION_CUE.test(text) ? CONTRIBUTION : 0) |
      (i >= raw.length - 2 ? CLOSING : 0),
  }));
  return { title: words(input.title), sentences, keywords: (input.keywords ?? []).map((kw) => words(kw)) };
}

/** `withParts`: also score the parts of the abstract (what the classifier reads; the rules alone do not). */
function scoreTopics(tokens: TopicTokens, vocab: Vocabulary, withParts: boolean): Scored[] {
  const scored = new Map<number, Scored>();
  const get = (topic: number): Scored => {
    let s = scored.get(topic);
    if (!s)
      scored.set(
        topic,
        (s = { topic, score: 0, titleScore: 0, parts: { first: 0, contribution: 0, closing: 0 }, hits: [] }),
      );
    return s;
  };
  // Counts per topic, phrase and field; the title counts a phrase once, the abstract up to abstractCap,
  // keywords once per keyword (HF lists each concept once, so repeats mean emphasis).
  const counts = new Map<
    string,
    { topic: number; phrase: CompiledPhrase; field: TopicField; count: number }
  >();
  // The same for the parts of the abstract, scored like the abstract (see AbstractPartScores).
  const partCounts = new Map<
    string,
    { topic: number; phrase: CompiledPhrase; part: number; count: number }
  >();
  const record = (field: TopicField, matches: Map<number, Match[]>, parts = 0) => {
    for (const [topic, list] of matches) {
      for (const m of list) {
        const key = `${topic}\u0000${field}\u0000${m.phrase.text}`;
        const c = counts.get(key);
        if (c) c.count++;
        else counts.set(key, { topic, phrase: m.phrase, field, count: 1 });
        for (const [bit] of PART_NAMES) {
          if (!(parts & bit)) continue;
          const pkey = `${topic}\u0000${bit}\u0000${m.phrase.text}`;
          const pc = partCounts.get(pkey);
          if (pc) pc.count++;
          else partCounts.set(pkey, { topic, phrase: m.phrase, part: bit, count: 1 });
        }
      }
    }
  };
  record('title', matchField(tokens.title, vocab));
  // Sentence by sentence: a phrase never spans two sentences.
  for (const s of tokens.sentences) record('abstract', matchField(s.tokens, vocab), withParts ? s.parts : 0);
  for (const kw of tokens.keywords) record('keyword', matchField(kw, vocab));

  for (const c of counts.values()) {
    const w = vocab.topicWeights[c.topic] as TopicWeights;
    const effective =
      c.field === 'title'
        ? 1
        : c.field === 'abstract'
          ? Math.min(c.count, vocab.abstractCap)
          : Math.min(c.count, 2);
    const points = effective * w[c.field] * c.phrase.weight;
    if (points <= 0) continue;
    const s = get(c.topic);
    s.score += points;
    if (c.field === 'title') s.titleScore += points;
    s.hits.push({ phrase: c.phrase.text, field: c.field, count: c.count, points });
  }
  for (const c of partCounts.values()) {
    const w = vocab.topicWeights[c.topic] as TopicWeights;
    const points = Math.min(c.count, vocab.abstractCap) * w.abstract * c.phrase.weight;
    if (points <= 0) continue;
    const s = get(c.topic);
    for (const [bit, name] of PART_NAMES) if (c.part === bit) s.parts[name] += points;
  }
  const fieldOrder: Record<TopicField, number> = { title: 0, keyword: 1, abstract: 2 };
  const list = [...scored.values()].filter((s) => s.hits.length > 0);
  for (const s of list) {
    s.score = round(s.score);
    s.hits.sort(
      (a, b) =>
        fieldOrder[a.field] - fieldOrder[b.field] || b.points - a.points || a.phrase.localeCompare(b.phrase),
    );
  }
  // Best first; ties go to the topic with more title evidence, then to vocabulary order (stable, deterministic).
  return list.sort((a, b) => b.score - a.score || b.titleScore - a.titleScore || a.topic - b.topic);
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function pick(scored: readonly Scored[], vocab: Vocabulary): number[] {
  const best = scored[0];
  if (!best) return [];
  if (best.score < vocab.threshold)
    return best.score >= vocab.fallback && vocab.fallback > 0 ? [best.topic] : [];
  const floor = Math.max(vocab.threshold, best.score * vocab.relative);
  return scored
    .filter((s) => s.score >= floor)
    .slice(0, vocab.maxTopics)
    .map((s) => s.topic);
}

function checkOverride(override: readonly string[], vocab: Vocabulary): string[] {
  const known = new Set(vocab.topics.map((t) => t.slug));
  const unknown = override.filter((s) => !known.has(s));
  if (unknown.length)
    throw new Error(`topics override: unknown topic ${unknown.map((s) => JSON.stringify(s)).join(', ')}`);
  return [...new Set(override)].slice(0, 4);
}

/** The classifier's view of a paper: probabilities by vocabulary topic index (undefined for topics the model
 * does not know), the assigned indices, and the features and rule scores they came from. */
interface ModelDecision {
  picked: number[];
  probability: (number | undefined)[];
  features: Features;
  model: TopicModel;
}

function decideByModel(
  tokens: TopicTokens,
  scored: readonly Scored[],
  vocab: Vocabulary,
): ModelDecision | undefined {
  const model = vocab.model;
  if (!model) return undefined;
  const features = featuresFromScored(tokens, scored, vocab);
  const probs = probabilities(model, features);
  const byModelSlug = new Map(model.topics.map((slug, i) => [slug, i]));
  const probability = vocab.topics.map((t) => {
    const i = byModelSlug.get(t.slug);
    return i === undefined ? undefined : (probs[i] as number);
  });
  const known = new Set(vocab.topics.map((t) => t.slug));
  const slugIndex = new Map(vocab.topics.map((t, i) => [t.slug, i]));
  // Topics the model was trained on but the vocabulary has since dropped are not assigned.
  const picked = pickTopics(probs, model.threshold, model.maxTopics, model.thresholdStep)
    .map((i) => model.topics[i] as string)
    .filter((slug) => known.has(slug))
    .map((slug) => slugIndex.get(slug) as number);
  // Topics added to the vocabulary after training have no weights yet: their phrase rules decide for them.
  for (const t of pick(scored, vocab))
    if (probability[t] === undefined && !picked.includes(t) && picked.length < model.maxTopics)
      picked.push(t);
  return { picked, probability, features, model };
}

/**
 * The paper's topics, primary first: 0-`maxTopics` slugs (0 only when nothing in the text matches well
 * enough). Deterministic: the same input and vocabulary always give the same list. An override wins.
 */
export function assignTopics(input: TopicInput, vocab: Vocabulary): string[] {
  if (input.override && input.override.length > 0) return checkOverride(input.override, vocab);
  const tokens = tokenize(input);
  const scored = scoreTopics(tokens, vocab, vocab.model !== undefined);
  const picked = decideByModel(tokens, scored, vocab)?.picked ?? pick(scored, vocab);
  return picked.map((i) => (vocab.topics[i] as Topic).slug);
}

/** The assigned topics and, per topic, the classifier's probability and strongest features (with a model) and
 * which phrases hit where for how many rule points. */
export function explainTopics(input: TopicInput, vocab: Vocabulary): TopicExplanation {
  const tokens = tokenize(input);
  const scored = scoreTopics(tokens, vocab, vocab.model !== undefined);
  const overridden = Boolean(input.override && input.override.length > 0);
  const decision = decideByModel(tokens, scored, vocab);
  const picked = decision?.picked ?? pick(scored, vocab);
  const topics = overridden
    ? checkOverride(input.override ?? [], vocab)
    : picked.map((i) => (vocab.topics[i] as Topic).slug);
  const assigned = new Set(topics);
  const byTopic = new Map(scored.map((s) => [s.topic, s]));
  let order: number[];
  if (decision) {
    const p = (t: number) => decision.probability[t] ?? -1;
    order = vocab.topics
      .map((_, t) => t)
      .filter((t) => p(t) >= 0.05 || byTopic.has(t) || assigned.has((vocab.topics[t] as Topic).slug))
      .sort((a, b) => p(b) - p(a) || a - b);
  } else order = scored.map((s) => s.topic);
  return {
    topics,
    overridden,
    method: overridden ? 'override' : decision ? 'model' : 'rules',
    evidence: order.map((t) => {
      const slug = (vocab.topics[t] as Topic).slug;
      const s = byTopic.get(t);
      const modelIndex = decision ? decision.model.topics.indexOf(slug) : -1;
      const features =
        decision && modelIndex >= 0
          ? contributions(decision.model, decision.features, modelIndex, 8).map((c) => ({
              feature: c.feature,
              description: describeFeature(c.feature),
              contribution: round(c.contribution),
            }))
          : [];
      const probability = decision?.probability[t];
      return {
        slug,
        score: s?.score ?? 0,
        probability: probability === undefined ? undefined : round(probability),
        assigned: assigned.has(slug),
        hits: s?.hits ?? [],
        features,
      };
    }),
  };
}

/** Topic input of an archived paper (front matter + abstract body), with its hand corrections applied. */
export function topicInputOf(paper: Paper, abstract: string): TopicInput {
  const o = paper.overrides;
  return {
    title: o?.title ?? paper.title,
    abstract,
    keywords: o?.keywords ?? paper.keywords,
    override: o?.topics,
  };
}

/** The classifier's features of a paper under this vocabulary (what training and prediction both read). */
export function topicFeatures(input: TopicInput, vocab: Vocabulary): Features {
  const tokens = tokenize(input);
  return featuresFromScored(tokens, scoreTopics(tokens, vocab, true), vocab);
}

function featuresFromScored(tokens: TopicTokens, scored: readonly Scored[], vocab: Vocabulary): Features {
  return featuresOf({
    title: tokens.title,
    abstract: tokens.sentences.flatMap((s) => s.tokens),
    keywords: tokens.keywords,
    rules: scored.map((s) => ({
      slug: (vocab.topics[s.topic] as Topic).slug,
      score: s.score,
      titleScore: s.titleScore,
      parts: s.parts,
      hits: s.hits,
    })),
  });
}
