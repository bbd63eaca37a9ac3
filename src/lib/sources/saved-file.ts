// Detects what a saved file is (API JSON, daily HTML page, text listing), finds its day, and parses it.
import { InputError } from '../errors.ts';
import { isIsoDate } from '../paper.ts';
import { quoteForError } from '../text.ts';
import { looksLikeHtml, parseApiDay } from './hf-api.ts';
import { parseHtmlDay } from './hf-html.ts';
import type { ParsedListing } from './listed-paper.ts';
import { parseListingText } from './listing-text.ts';

export type SavedKind = 'api-file' | 'html-file' | 'text-file';

/** What the content is, from its first characters: the file name's extension is not trusted. */
export function detectSavedKind(content: string): SavedKind {
  const head = content.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[') || head.startsWith('{')) return 'api-file';
  if (looksLikeHtml(head)) return 'html-file';
  return 'text-file';
}

/** The day a file holds: the explicit date, else the last `YYYY-MM-DD` in the file's base name. */
export function savedFileDate(fileName: string, date: string | undefined): string {
  if (date !== undefined) {
    if (!isIsoDate(date))
      throw new InputError(fileName, `--date ${quoteForError(date)} is not a real YYYY-MM-DD date`);
    return date;
  }
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const found = [...base.matchAll(/(\d{4}-\d{2}-\d{2})/g)].map((m) => m[1] as string);
  const day = found.at(-1);
  if (day === undefined) {
    throw new InputError(fileName, 'no date: name the file YYYY-MM-DD.<ext> or pass --date');
  }
  if (!isIsoDate(day)) throw new InputError(fileName, `${day} in the file name is not a real date`);
  return day;
}

/**
 * Detect what a saved file is (API JSON, HF daily HTML page, text listing) from its content, take its day from
 * `date` or else a YYYY-MM-DD in the file name (InputError naming the file if neither), and parse it. An
 * unusable file throws InputError; bad items in a usable one are skipped.
 */
export function parseSavedFile(
  fileName: string,
  content: string,
  opts: { date?: string },
): ParsedListing & { date: string; kind: SavedKind } {
  const date = savedFileDate(fileName, opts.date);
  const body = content.replace(/^\uFEFF/, '');
  const ctx = { date, where: fileName };
  const kind = detectSavedKind(body);
  if (body.trim().length === 0) throw new InputError(fileName, 'empty file', date);
  const listing =
    kind === 'api-file'
      ? parseApiDay(body, ctx)
      : kind === 'html-file'
        ? parseHtmlDay(body, ctx)
        : parseListingText(body, ctx);
  return { date, kind, ...listing };
}
