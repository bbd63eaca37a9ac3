// Scores of topic assignments against hand labels: precision, recall and F1 per topic and micro-averaged, the share
// of papers whose primary topic is right, and topics per paper.

export interface TopicScore {
  slug: string;
  /** Papers labelled with the topic. */
  support: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface TopicScores {
  papers: number;
  perTopic: TopicScore[];
  micro: { precision: number; recall: number; f1: number };
  /** Share of papers whose first predicted topic is the labelled primary. */
  primaryRight: number;
  /** Share of papers whose first predicted topic is among the labelled ones. */
  primaryInLabels: number;
  topicsPerPaper: { predicted: number; labelled: number };
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** `predicted[i]` is the assignment of `labelled[i]`, primary first. Precision of a topic never predicted is 0. */
export function scoreTopics(
  labelled: readonly { topics: readonly string[] }[],
  predicted: readonly (readonly string[])[],
  slugs: readonly string[],
): TopicScores {
  if (labelled.length !== predicted.length)
    throw new Error(`topic scores: ${labelled.length} labelled papers but ${predicted.length} predictions`);
  const counts = new Map(slugs.map((s) => [s, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  let primaryRight = 0;
  let primaryIn = 0;
  let nPred = 0;
  let nGold = 0;
  labelled.forEach((l, i) => {
    const pred = predicted[i] as readonly string[];
    const gold = new Set(l.topics);
    if (pred[0] !== undefined && pred[0] === l.topics[0]) primaryRight++;
    if (pred[0] !== undefined && gold.has(pred[0])) primaryIn++;
    nPred += pred.length;
    nGold += gold.size;
    for (const s of gold) {
      const c = counts.get(s);
      if (!c) throw new Error(`topic scores: label ${JSON.stringify(s)} is not a topic of the vocabulary`);
      c.support++;
      if (pred.includes(s)) c.tp++;
      else c.fn++;
    }
    for (const s of pred) if (!gold.has(s)) (counts.get(s) ?? { fp: 0 }).fp++;
  });
  const perTopic = [...counts].map(([slug, c]) => {
    const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
    const recall = c.support ? c.tp / c.support : 0;
    return { slug, ...c, precision, recall, f1: f1(precision, recall) };
  });
  const tp = perTopic.reduce((s, t) => s + t.tp, 0);
  const fp = perTopic.reduce((s, t) => s + t.fp, 0);
  const fn = perTopic.reduce((s, t) => s + t.fn, 0);
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const n = labelled.length;
  return {
    papers: n,
    perTopic,
    micro: { precision, recall, f1: f1(precision, recall) },
    primaryRight: n ? primaryRight / n : 0,
    primaryInLabels: n ? primaryIn / n : 0,
    topicsPerPaper: { predicted: n ? nPred / n : 0, labelled: n ? nGold / n : 0 },
  };
}
