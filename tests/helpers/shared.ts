// The real upstream data tests read: samples committed under tests/fixtures/upstream/ (a plain clone has them), and
// the whole corpus of 580 API responses when one is given (CORPUS_DIR, or the `shared/` folder beside the repository).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readArchive, readCorpus, type TextPaper } from '../../src/lib/topic-papers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Committed copies of real upstream data: 28 API days across every field era, the HTML page, text listings, bad input. */
export const FIXTURES_DIR = path.join(ROOT, 'tests/fixtures/upstream/');
const SAMPLE_CORPUS = path.join(FIXTURES_DIR, 'corpus/');

function fullCorpusDir(): string | undefined {
  const given = process.env.CORPUS_DIR;
  if (given) {
    if (!existsSync(given)) throw new Error(`CORPUS_DIR=${given}: no such directory`);
    return `${path.resolve(given)}/`;
  }
  const beside = process.env.SHARED_DIR
    ? path.join(process.env.SHARED_DIR, 'corpus/hf-daily-papers/')
    : path.join(ROOT, '../shared/corpus/hf-daily-papers/');
  return existsSync(beside) ? beside : undefined;
}

/** The whole corpus (580 days), when present; tests that need all of it run only then (`describeWithCorpus`). */
export const FULL_CORPUS_DIR = fullCorpusDir();
/** Where corpus days are read from: the whole corpus when present, else the committed sample days. */
export const CORPUS_DIR = FULL_CORPUS_DIR ?? SAMPLE_CORPUS;

/** How to run the tests that need the whole corpus, for the line that says they were skipped. */
export const CORPUS_HINT =
  'the whole corpus is not here: set CORPUS_DIR=<dir of YYYY-MM-DD.json API responses> (or put shared/ beside the repository) to run them';

/** A day's API response: from the whole corpus when present, else from the committed sample. */
export function corpusPath(date: string): string {
  const full = FULL_CORPUS_DIR && `${FULL_CORPUS_DIR}${date}.json`;
  if (full && existsSync(full)) return full;
  const sample = `${SAMPLE_CORPUS}${date}.json`;
  if (!existsSync(sample))
    throw new Error(`${date}: not among the sample days in tests/fixtures/upstream/corpus/; ${CORPUS_HINT}`);
  return sample;
}

export function readCorpusDay(date: string): string {
  return readFileSync(corpusPath(date), 'utf8');
}

/** The corpus days available, ascending (580 with the whole corpus, the sample's 28 without it). */
export function corpusDays(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .map((f) => f.slice(0, 10))
    .sort();
}

export function readFixture(rel: string): string {
  return readFileSync(`${FIXTURES_DIR}${rel}`, 'utf8');
}

/**
 * Every paper of the real archive as topics and related papers see them: from the whole corpus when it is here,
 * else from the committed archive in content/ (a plain clone has all 9,877 papers there). Undefined only where
 * content/ holds something else (ci:local puts the small fixture archive there) and no corpus is given.
 */
export function realPapers(): TextPaper[] | undefined {
  if (FULL_CORPUS_DIR) return readCorpus(FULL_CORPUS_DIR);
  const papers = readArchive(path.join(ROOT, 'content'));
  return papers.length >= 9_000 ? papers : undefined;
}
