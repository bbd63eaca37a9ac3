// Tuning the topic classifier on the training part only: out-of-fold probabilities by repeated k-fold
// cross-validation, and the choice of the assignment rule (threshold, step, per-topic offsets) on them.
import type { Features } from './features.ts';
import { scoreTopics, type TopicScores } from './metrics.ts';
import { pickTopics, probabilities, trainModel, type TrainOptions } from './model.ts';
import { hashId } from './split.ts';

export interface TuneExample {
  id: string;
  features: Features;
  topics: readonly string[];
}

/** Every example's probabilities from models that never saw it, once per draw of the folds (`draws` seeds). */
export interface OutOfFold {
  gold: { id: string; topics: readonly string[] }[];
  probs: Float64Array[];
}

/** k-fold cross-validation repeated over `seeds` (each seed orders the ids by a seeded hash, then deals them
 * into k folds): each trainer setting is trained once per fold; rules are then varied on the result. */
export function outOfFold(
  examples: readonly TuneExample[],
  slugs: readonly string[],
  options: Partial<TrainOptions>,
  seeds: readonly number[],
  k = 5,
): OutOfFold {
  const out: OutOfFold = { gold: [], probs: [] };
  for (const seed of seeds) {
    const sorted = [...examples].sort(
      (a, b) => hashId(seed, a.id) - hashId(seed, b.id) || (a.id < b.id ? -1 : 1),
    );
    for (let f = 0; f < k; f++) {
      const fit = sorted.filter((_, i) => i % k !== f);
      const check = sorted.filter((_, i) => i % k === f);
      const m = trainModel(fit, slugs, { labels: '', papers: 0, vocabulary: '' }, options);
      for (const c of check) {
        out.gold.push({ id: c.id, topics: c.topics });
        out.probs.push(probabilities(m, c.features));
      }
    }
  }
  return out;
}

/** How a paper's topics are picked from its probabilities: the most probable always, then each next one while it
 * reaches `threshold` + its topic's offset, raised by `step` for every topic after the second. */
export interface AssignmentRule {
  threshold: number;
  step: number;
  /** Per topic (same order as the model's topics), added to the threshold; all 0 for one global threshold. */
  offsets: number[];
}

export function applyRule(probs: Float64Array, rule: AssignmentRule, maxTopics: number): number[] {
  return pickTopics(probs, rule.threshold, maxTopics, rule.step, rule.offsets);
}

export function scoreRule(
  oof: OutOfFold,
  rule: AssignmentRule,
  slugs: readonly string[],
  maxTopics: number,
  rows?: readonly number[],
): TopicScores {
  const idx = rows ?? oof.gold.map((_, i) => i);
  return scoreTopics(
    idx.map((i) => oof.gold[i] as OutOfFold['gold'][number]),
    idx.map((i) => applyRule(oof.probs[i] as Float64Array, rule, maxTopics).map((t) => slugs[t] as string)),
    slugs,
  );
}

export interface RuleSearch {
  /** Global thresholds and steps to try. */
  thresholds: readonly number[];
  steps: readonly number[];
  /** Per-topic offsets to try in the coordinate search (0 must be among them); empty for a global rule only. */
  offsets: readonly number[];
  /** The rule must keep micro precision at least this on the rows it is chosen on. */
  minPrecision: number;
  maxTopics: number;
}

/** Which is better: higher F1 among rules reaching the precision floor; below the floor, higher precision. */
function better(a: TopicScores, b: TopicScores, minPrecision: number): boolean {
  const okA = a.micro.precision >= minPrecision;
  const okB = b.micro.precision >= minPrecision;
  if (okA !== okB) return okA;
  return okA ? a.micro.f1 > b.micro.f1 + 1e-12 : a.micro.precision > b.micro.precision + 1e-12;
}

/**
 * The rule with the best micro F1 whose micro precision reaches `minPrecision` on `rows` of `oof`: the best global
 * threshold and step, then per-topic offsets by coordinate ascent (topics in order, two passes), each offset kept
 * only when it improves the score. Deterministic.
 */
export function chooseRule(
  oof: OutOfFold,
  slugs: readonly string[],
  search: RuleSearch,
  rows?: readonly number[],
): { rule: AssignmentRule; score: TopicScores } {
  const zero = slugs.map(() => 0);
  let best: { rule: AssignmentRule; score: TopicScores } | undefined;
  for (const threshold of search.thresholds)
    for (const step of search.steps) {
      const rule = { threshold, step, offsets: zero };
      const score = scoreRule(oof, rule, slugs, search.maxTopics, rows);
      if (!best || better(score, best.score, search.minPrecision)) best = { rule, score };
    }
  if (!best) throw new Error('chooseRule: no thresholds to try');
  if (search.offsets.length === 0) return best;
  for (let pass = 0; pass < 2; pass++)
    for (let t = 0; t < slugs.length; t++)
      for (const o of search.offsets) {
        if (o === best.rule.offsets[t]) continue;
        const offsets = [...best.rule.offsets];
        offsets[t] = o;
        const rule: AssignmentRule = { ...best.rule, offsets };
        const score = scoreRule(oof, rule, slugs, search.maxTopics, rows);
        if (better(score, best.score, search.minPrecision)) best = { rule, score };
      }
  return best;
}

/**
 * An honest estimate of a rule search: the papers are dealt into k groups by a seeded hash of the id (all draws of
 * one paper in the same group), the rule is chosen on the other groups and scored on the held group, and the scores
 * pooled. Tells whether per-topic offsets generalise or only fit the rows they were chosen on.
 */
export function nestedRuleScore(
  oof: OutOfFold,
  slugs: readonly string[],
  search: RuleSearch,
  k = 5,
  seed = 1,
): TopicScores {
  const group = oof.gold.map((g) => hashId(seed, g.id) % k);
  const gold: OutOfFold['gold'] = [];
  const predicted: string[][] = [];
  for (let f = 0; f < k; f++) {
    const fit = group.flatMap((g, i) => (g === f ? [] : [i]));
    const check = group.flatMap((g, i) => (g === f ? [i] : []));
    const { rule } = chooseRule(oof, slugs, search, fit);
    for (const i of check) {
      gold.push(oof.gold[i] as OutOfFold['gold'][number]);
      predicted.push(
        applyRule(oof.probs[i] as Float64Array, rule, search.maxTopics).map((t) => slugs[t] as string),
      );
    }
  }
  return scoreTopics(gold, predicted, slugs);
}
