// Reads and parses one saved file into a day listing (API response, HTML page or text listing).
import { readFile, stat } from 'node:fs/promises';
import type { DayListing } from '../../src/lib/ingest/apply-day.ts';
import { atUtcTime } from '../../src/lib/dates.ts';
import { parseSavedFile } from '../../src/lib/sources/saved-file.ts';

export interface LoadFileRequest {
  /** Path to read. */
  file: string;
  /** How the archive and messages name it (relative to the working directory). */
  name: string;
  date: string | undefined;
  fetchedAt: string | undefined;
  fetchedAtTime: string | undefined;
}

/** Parse one saved file; its fetch time is `fetchedAt`, else that UTC time on its day, else its mtime. */
export async function loadSavedFile(req: LoadFileRequest): Promise<DayListing> {
  const [content, info] = await Promise.all([readFile(req.file, 'utf8'), stat(req.file)]);
  const { date, kind, papers, skipped, notes } = parseSavedFile(req.name, content, { date: req.date });
  const fetchedAt =
    req.fetchedAt ?? (req.fetchedAtTime ? atUtcTime(date, req.fetchedAtTime) : info.mtime.toISOString());
  return { date, papers, skipped, notes, source: { kind, file: req.name, fetchedAt } };
}
