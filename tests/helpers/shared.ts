// Paths to the real upstream data: the `shared/` folder beside the repository (or $SHARED_DIR), corpus and fixtures.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = process.env.SHARED_DIR
  ? `${process.env.SHARED_DIR.replace(/\/+$/, '')}/`
  : fileURLToPath(new URL('../../../shared/', import.meta.url));
export const CORPUS_DIR = `${SHARED_DIR}corpus/hf-daily-papers/`;
export const FIXTURES_DIR = `${SHARED_DIR}fixtures/`;

export function corpusPath(date: string): string {
  return `${CORPUS_DIR}${date}.json`;
}

export function readCorpusDay(date: string): string {
  return readFileSync(corpusPath(date), 'utf8');
}

export function readFixture(rel: string): string {
  return readFileSync(`${FIXTURES_DIR}${rel}`, 'utf8');
}
