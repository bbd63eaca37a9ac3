// Listings over the archive: a day ranked by upvotes, and the weeks and months that hold archived days.
import type { Archive, ArchivePaper } from './build-archive.ts';
import { isoWeekKey, monthKey } from '../lib/periods.ts';

/** Most upvoted first; the input order (the day's own order) breaks ties. */
export function rankByUpvotes(papers: readonly ArchivePaper[]): ArchivePaper[] {
  return papers
    .map((paper, i) => ({ paper, i }))
    .sort((a, b) => b.paper.upvotes - a.paper.upvotes || a.i - b.i)
    .map((x) => x.paper);
}

/** Papers featured on any of `dates` (ascending), each once, most upvoted first (newer listing first on ties). */
export function papersOfDays(archive: Archive, dates: readonly string[]): ArchivePaper[] {
  const seen = new Set<string>();
  const out: ArchivePaper[] = [];
  for (const date of [...dates].reverse()) {
    for (const p of archive.papersOn(date)) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      out.push(p);
    }
  }
  return rankByUpvotes(out);
}

export interface Periods {
  /** Week key -> its archived dates, ascending; keys ascending. */
  weeks: Map<string, string[]>;
  months: Map<string, string[]>;
}

const cache = new WeakMap<Archive, Periods>();

/** The weeks and months with at least one archived day (empty days included: they are archived). */
export function periodsOf(archive: Archive): Periods {
  let periods = cache.get(archive);
  if (!periods) {
    const weeks = new Map<string, string[]>();
    const months = new Map<string, string[]>();
    for (const day of archive.days) {
      const w = isoWeekKey(day.date);
      const m = monthKey(day.date);
      weeks.set(w, [...(weeks.get(w) ?? []), day.date]);
      months.set(m, [...(months.get(m) ?? []), day.date]);
    }
    periods = { weeks, months };
    cache.set(archive, periods);
  }
  return periods;
}
