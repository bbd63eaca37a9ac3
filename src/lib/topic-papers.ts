// The papers topics and related papers are computed over, read from the archive (content/) or from a directory of
// raw HF API day files, and the scores of a topic assignment against hand labels.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePaperFile } from './content/format.ts';
import type { RelatedDoc } from './related.ts';
import { topicInputOf, type TopicInput } from './topics.ts';

/** A paper as topics and related papers see it, from either the archive or a raw corpus. */
export interface TextPaper extends TopicInput, RelatedDoc {
  id: string;
  date: string;
}

/** Distinct papers of a directory of HF API day responses (`YYYY-MM-DD.json`), first appearance kept. */
export function readCorpus(dir: string): TextPaper[] {
  const byId = new Map<string, TextPaper>();
  for (const file of readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .sort()) {
    const items: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    if (!Array.isArray(items)) throw new Error(`${path.join(dir, file)}: not a JSON array`);
    for (const item of items as {
      paper?: { id?: unknown; title?: unknown; summary?: unknown; ai_keywords?: unknown };
    }[]) {
      const p = item.paper;
      if (!p || typeof p.id !== 'string' || typeof p.title !== 'string' || byId.has(p.id)) continue;
      const keywords = Array.isArray(p.ai_keywords)
        ? p.ai_keywords.filter((k): k is string => typeof k === 'string')
        : undefined;
      byId.set(p.id, {
        id: p.id,
        date: file.slice(0, 10),
        title: p.title,
        abstract: typeof p.summary === 'string' ? p.summary : '',
        keywords,
      });
    }
  }
  return [...byId.values()];
}

export function readArchivePaper(file: string): TextPaper {
  const { data: paper, body } = parsePaperFile(readFileSync(file, 'utf8'), file);
  return { ...topicInputOf(paper, body), id: paper.id, date: paper.featured[0] ?? '' };
}

export function readArchive(contentDir: string): TextPaper[] {
  const root = path.join(contentDir, 'papers');
  if (!existsSync(root))
    throw new Error(`${root}: no papers directory (run the ingest, or pass --content-dir / --corpus)`);
  const out: TextPaper[] = [];
  for (const sub of readdirSync(root).sort()) {
    const dir = path.join(root, sub);
    for (const f of readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort())
      out.push(readArchivePaper(path.join(dir, f)));
  }
  return out;
}

/** Scores of a topic assignment against hand labels. */
export interface SampleScores {
  papers: number;
  primaryExact: number;
  primaryInGold: number;
  setPrecision: number;
  setRecall: number;
  noTopic: number;
}

export function scoreSample(
  labelled: readonly { id: string; topics: readonly string[] }[],
  predict: (id: string) => readonly string[],
): SampleScores {
  let exact = 0;
  let inGold = 0;
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  let noTopic = 0;
  for (const l of labelled) {
    const pred = predict(l.id);
    if (pred.length === 0) noTopic++;
    if (pred[0] !== undefined && pred[0] === l.topics[0]) exact++;
    if (pred[0] !== undefined && l.topics.includes(pred[0])) inGold++;
    tp += pred.filter((t) => l.topics.includes(t)).length;
    predicted += pred.length;
    gold += l.topics.length;
  }
  const n = labelled.length;
  return {
    papers: n,
    primaryExact: exact / n,
    primaryInGold: inGold / n,
    setPrecision: predicted ? tp / predicted : 0,
    setRecall: gold ? tp / gold : 0,
    noTopic,
  };
}
