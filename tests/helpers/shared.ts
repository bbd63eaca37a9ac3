// Paths to the real upstream data in ../shared (corpus days and fixtures) for the source parser tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = fileURLToPath(new URL('../../../../shared/', import.meta.url));
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
