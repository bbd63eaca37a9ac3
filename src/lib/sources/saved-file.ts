// Detects what a saved file is (API JSON, daily HTML page, text listing), finds its day, and parses it.
import { InputError } from '../errors.ts';
import type { ListedPaper } from '../paper.ts';

export type SavedKind = 'api-file' | 'html-file' | 'text-file';

/** Detect the kind of a saved file from its content, take its day from `date` or the file name, parse it. */
export function parseSavedFile(
  fileName: string,
  content: string,
  opts: { date?: string },
): { date: string; kind: SavedKind; papers: ListedPaper[] } {
  throw new InputError(fileName, `not implemented yet (${content.length} chars)`, opts.date);
}
