// The hand-labelled topic set (tests/fixtures/topics/labels.json): reading it, and its one reproducible split into a
// part to learn and tune on and a held-out part that is only ever evaluated.
import { describeIssue } from '../errors.ts';
import { readFileSync } from 'node:fs';
import { z } from 'astro/zod';

export type LabelPart = 'train' | 'eval';

const labelledSchema = z.strictObject({
  id: z.string().min(1),
  featured: z.string(),
  title: z.string(),
  topics: z.array(z.string().min(1)).min(1),
  part: z.enum(['train', 'eval']),
});

const labelsFileSchema = z.strictObject({
  description: z.string(),
  seed: z.number().int(),
  evalShare: z.number().gt(0).lt(1),
  /** The split was made over the first this-many papers; papers labelled after it are all `train`, so that adding
   * labels never moves a paper into or out of the held-out part. */
  splitPapers: z.number().int().min(1),
  papers: z.array(labelledSchema).min(1),
});

/** One hand-labelled paper: its topics, primary first, and which part of the split it is in. */
export type LabelledPaper = z.infer<typeof labelledSchema>;
export type LabelsFile = z.infer<typeof labelsFileSchema>;

/** Where the labelled set lives (relative to the project root). */
export const LABELS_FILE = 'tests/fixtures/topics/labels.json';

export function readLabels(file: string = LABELS_FILE): LabelsFile {
  const parsed = labelsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues.map((i) => describeIssue(i, '(top level)')).join('; ')}`);
  const seen = new Set<string>();
  parsed.data.papers.forEach((p, i) => {
    if (seen.has(p.id)) throw new Error(`${file}: paper ${p.id} is labelled twice`);
    seen.add(p.id);
    if (i >= parsed.data.splitPapers && p.part !== 'train')
      throw new Error(`${file}: paper ${p.id} was labelled after the split and must be in the train part`);
  });
  return parsed.data;
}

/** FNV-1a of the seed and the id: a paper's place in its stratum (or fold), independent of file order. */
export function hashId(seed: number, id: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The split: papers are grouped by primary topic (so every topic is in both parts), ordered within a group by a
 * seeded hash of the id, and every paper where the rounded running share of `evalShare` steps up goes to `eval`.
 * Deterministic: the same papers, seed and share always give the same parts, in any input order.
 */
export function splitLabels(
  papers: readonly { id: string; topics: readonly string[] }[],
  seed: number,
  evalShare: number,
): Map<string, LabelPart> {
  const strata = new Map<string, { id: string; h: number }[]>();
  for (const p of papers) {
    const key = p.topics[0] ?? '';
    const list = strata.get(key) ?? [];
    list.push({ id: p.id, h: hashId(seed, p.id) });
    strata.set(key, list);
  }
  const parts = new Map<string, LabelPart>();
  for (const list of strata.values()) {
    list.sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1));
    list.forEach(({ id }, i) => {
      const steps = Math.floor((i + 1) * evalShare + 0.5) > Math.floor(i * evalShare + 0.5);
      parts.set(id, steps ? 'eval' : 'train');
    });
  }
  return parts;
}
