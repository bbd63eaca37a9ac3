// Applies one day's listing to the archive: merge every paper, write the papers, then the day's manifest.
import type { ListedPaper, SkippedItemRecord, Source } from '../paper.ts';
import type { SkippedItem } from '../sources/listed-paper.ts';
import { mergeDay, mergePaper, type StoredPaper } from './merge.ts';
import type { ArchiveStore, WriteOutcome } from '../content/store.ts';

export interface DayListing {
  date: string;
  /** Papers in the order the day listed them. */
  papers: readonly ListedPaper[];
  /** Items that could not be used: recorded in the day's manifest, so the next run tries the day again. */
  skipped?: readonly SkippedItem[];
  /** Messages for the operator about papers that were kept (a field cut to its cap, paging stopped early). */
  notes?: readonly string[];
  source: Source;
}

export interface DayOutcome {
  date: string;
  status: 'ok' | 'empty';
  /** Papers in this listing by what happened to their file. */
  papers: Record<WriteOutcome, number>;
  /** Items of the listing that were skipped. */
  skipped: number;
  manifest: WriteOutcome;
}

/**
 * Merge and write one day. Everything is merged and validated before the first write, so a bad paper
 * fails the day with nothing written; the manifest goes last, so a day with a manifest has all its papers.
 */
export async function applyDay(store: ArchiveStore, listing: DayListing): Promise<DayOutcome> {
  const { date, source } = listing;
  const seen = new Set<string>();
  const pending: { paper: StoredPaper; text: string | undefined; changed: boolean }[] = [];
  for (const listed of listing.papers) {
    if (seen.has(listed.id)) continue;
    seen.add(listed.id);
    const current = await store.readPaper(listed.id);
    const merged = mergePaper(current?.paper, listed, { date, source });
    pending.push({ paper: merged, text: current?.text, changed: merged !== current?.paper });
  }
  const papers: Record<WriteOutcome, number> = { new: 0, updated: 0, unchanged: 0 };
  // mergePaper hands back the stored object when nothing changed: that file (even if hand-formatted) stays as is.
  const toWrite = pending.filter((p) => p.changed);
  papers.unchanged += pending.length - toWrite.length;
  for (const outcome of await store.writePapers(
    toWrite.map((p) => ({ paper: p.paper, previousText: p.text })),
  )) {
    papers[outcome]++;
  }
  const currentDay = await store.readDay(date);
  // The manifest keeps index, id and reason; `where` is the manifest's own source (or a later page of it).
  const skipped = (listing.skipped ?? []).map(({ index, id, reason }): SkippedItemRecord =>
    id === undefined ? { index, reason } : { index, id, reason },
  );
  const day = mergeDay(currentDay?.day, [...seen], { date, source }, skipped);
  const manifest = await store.writeDay(day, currentDay?.text);
  return { date, status: day.status, papers, skipped: skipped.length, manifest };
}
