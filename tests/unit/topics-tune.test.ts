// Tuning the topic classifier: per-topic threshold offsets in the assignment rule, cross-validated out-of-fold
// probabilities (every example once per draw, from a model that never saw it), and the choice of the rule under a
// precision floor, in-sample and nested.
import { describe, expect, it } from 'vitest';
import type { Features } from '../../src/lib/topics/features.ts';
import { pickTopics } from '../../src/lib/topics/model.ts';
import {
  applyRule,
  chooseRule,
  nestedRuleScore,
  outOfFold,
  scoreRule,
  type OutOfFold,
} from '../../src/lib/topics/tune.ts';

const SLUGS = ['a', 'b', 'c'];

describe('per-topic offsets in the assignment rule', () => {
  it('holds each further topic to its own bar, and skips a topic below it without stopping', () => {
    const p = Float64Array.from([0.9, 0.6, 0.55]);
    expect(pickTopics(p, 0.5, 4)).toEqual([0, 1, 2]);
    // b needs 0.5 + 0.2: skipped; c (less probable) still reaches its plain 0.5.
    expect(pickTopics(p, 0.5, 4, 0, [0, 0.2, 0])).toEqual([0, 2]);
    // A negative offset lets a topic in under the global threshold.
    expect(pickTopics(Float64Array.from([0.9, 0.2, 0.45]), 0.5, 4, 0, [0, 0, -0.1])).toEqual([0, 2]);
    // The most probable topic is assigned whatever its offset; all-zero offsets are the global rule.
    expect(pickTopics(Float64Array.from([0.3, 0.1, 0.2]), 0.5, 4, 0, [0.5, 0, 0])).toEqual([0]);
    const q = Float64Array.from([0.62, 0.9, 0.66, 0.7]);
    expect(pickTopics(q, 0.6, 4, 0.05, [0, 0, 0, 0])).toEqual(pickTopics(q, 0.6, 4, 0.05));
  });
});

/** Papers whose topic is told by one word each ("wa" for a, "wb" for b), some with both. */
function toyExamples(n: number): { id: string; features: Features; topics: string[] }[] {
  return Array.from({ length: n }, (_, i) => {
    const topics = i % 3 === 0 ? ['a', 'b'] : i % 3 === 1 ? ['a'] : ['b'];
    const features: Features = new Map(topics.map((t) => [`t:w${t}`, 1]));
    features.set(`a:noise${i % 5}`, 1);
    return { id: `2501.${String(10000 + i)}`, features, topics };
  });
}

describe('out-of-fold probabilities', () => {
  it('scores every example once per draw, deterministically, from models that learnt the words', () => {
    const examples = toyExamples(30);
    const oof = outOfFold(examples, SLUGS, { epochs: 10 }, [1, 2]);
    expect(oof.gold).toHaveLength(60);
    for (const seed of [0, 1]) {
      const ids = oof.gold.slice(seed * 30, seed * 30 + 30).map((g) => g.id);
      expect(new Set(ids)).toEqual(new Set(examples.map((e) => e.id)));
    }
    expect(outOfFold(examples, SLUGS, { epochs: 10 }, [1, 2]).probs).toEqual(oof.probs);
    // The word of topic a makes a probable and c (never labelled) improbable.
    const i = oof.gold.findIndex((g) => g.topics.join() === 'a');
    expect(oof.probs[i]?.[0]).toBeGreaterThan(0.5);
    expect(oof.probs[i]?.[2]).toBeLessThan(0.5);
  });
});

/** Out-of-fold rows where b is probable on its papers and, less so, on some papers without it. */
function toyOutOfFold(): OutOfFold {
  const gold: OutOfFold['gold'] = [];
  const probs: Float64Array[] = [];
  for (let i = 0; i < 40; i++) {
    const hasB = i % 2 === 0;
    gold.push({ id: `p${i}`, topics: hasB ? ['a', 'b'] : ['a'] });
    // b at 0.6 on its papers; at 0.45 on a fifth of the others (the false positives of a low threshold).
    probs.push(Float64Array.from([0.9, hasB ? 0.6 : i % 10 === 1 ? 0.45 : 0.1, 0.05]));
  }
  return { gold, probs };
}

describe('choosing the rule', () => {
  const search = { thresholds: [0.4, 0.5, 0.7], steps: [0], offsets: [], maxTopics: 4 };

  it('takes the best F1 among the rules reaching the precision floor', () => {
    const oof = toyOutOfFold();
    // 0.4 admits the false positives (precision 60/64), 0.5 does not (precision 1), 0.7 drops b altogether.
    const strict = chooseRule(oof, SLUGS, { ...search, minPrecision: 0.99 });
    expect(strict.rule.threshold).toBe(0.5);
    expect(strict.score.micro.precision).toBe(1);
    expect(strict.score.micro.recall).toBe(1);
    const loose = chooseRule(oof, SLUGS, { ...search, minPrecision: 0.5 });
    expect(loose.rule.threshold).toBe(0.5);
    // The chosen score is the rule's score on the rows.
    expect(scoreRule(oof, strict.rule, SLUGS, 4)).toEqual(strict.score);
    expect(applyRule(oof.probs[0] as Float64Array, strict.rule, 4)).toEqual([0, 1]);
  });

  it('keeps an offset only when it improves the score, and scores the choice on rows it was not made on', () => {
    const oof = toyOutOfFold();
    // A global 0.7 loses b; a per-topic offset of -0.2 for b brings it back.
    const chosen = chooseRule(oof, SLUGS, {
      ...search,
      thresholds: [0.7],
      offsets: [-0.2, 0],
      minPrecision: 0.9,
    });
    expect(chosen.rule.offsets).toEqual([0, -0.2, 0]);
    expect(chosen.score.micro.f1).toBe(1);
    const nested = nestedRuleScore(oof, SLUGS, { ...search, minPrecision: 0.9 });
    expect(nested.papers).toBe(40);
    expect(nested.micro.f1).toBe(1);
  });
});
