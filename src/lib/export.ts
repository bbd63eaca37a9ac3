// The static JSON export (`/data/index.json`, `/data/days/<date>.json`): stable, documented records built from the archive.
import { absoluteUrl, arxivAbsUrl, paperPagePath, withBase } from './links.ts';
import { applyOverrides, paperSchema, type DayManifest, type Paper, type Source } from './paper.ts';
import type { SiteLocation } from './feeds.ts';

/** Bump when a field changes meaning or disappears (adding fields does not bump it). */
export const EXPORT_SCHEMA_VERSION = 1;

/** A paper as the archive holds it, with its abstract and computed topics (an `ArchivePaper` fits). */
export type ExportablePaper = Paper & { abstract: string; topics: readonly string[] };

/**
 * One paper in the export: the front matter with hand corrections applied (the `overrides` block and
 * the ingest's `abstractHash` are internal and left out), plus abstract, topics and URLs.
 */
export type ExportedPaper = Omit<Paper, 'overrides' | 'abstractHash'> & {
  abstract: string;
  topics: string[];
  /** Permalink on this site. */
  url: string;
  arxivUrl?: string;
};

const FRONT_MATTER_KEYS = (Object.keys(paperSchema.shape) as (keyof Paper)[]).filter(
  (k) => k !== 'overrides' && k !== 'abstractHash',
);

export function exportPaper(p: ExportablePaper, where: SiteLocation): ExportedPaper {
  const corrected = applyOverrides(p);
  // Only schema fields, in schema order: whatever else a caller's object carries stays out of the export.
  const front: Record<string, unknown> = {};
  for (const key of FRONT_MATTER_KEYS) if (corrected[key] !== undefined) front[key] = corrected[key];
  const arxivUrl = arxivAbsUrl(p.id);
  return {
    ...(front as Omit<Paper, 'overrides' | 'abstractHash'>),
    abstract: p.abstract,
    topics: [...(p.overrides?.topics ?? p.topics)],
    url: absoluteUrl(where.site, where.base, paperPagePath(p.id)),
    ...(arxivUrl ? { arxivUrl } : {}),
  };
}

export interface ExportedDay {
  schemaVersion: number;
  date: string;
  status: DayManifest['status'];
  count: number;
  fetchedAt: string;
  source: Source;
  /** The day's papers in the order the day listed them. */
  papers: ExportedPaper[];
}

/** `/data/days/<date>.json`: the manifest and its papers (ids without a paper file are skipped). */
export function exportDay(
  day: DayManifest,
  papers: readonly ExportablePaper[],
  where: SiteLocation,
): ExportedDay {
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    date: day.date,
    status: day.status,
    count: day.count,
    fetchedAt: day.source.fetchedAt,
    source: day.source,
    papers: papers.map((p) => exportPaper(p, where)),
  };
}

export interface ExportIndexDay {
  date: string;
  status: DayManifest['status'];
  count: number;
  fetchedAt: string;
  /** Site-relative URL of the day's export file, base included: `/repo/data/days/2026-08-21.json`. */
  file: string;
}

export interface ExportIndex {
  schemaVersion: number;
  /** The latest `fetchedAt` of any day: derived from the data, so rebuilding the same archive is byte-identical. */
  generatedAt?: string;
  totals: { days: number; empty: number; papers: number };
  days: ExportIndexDay[];
}

/** `/data/index.json`: every archived day, ascending. */
export function exportIndex(
  days: readonly DayManifest[],
  opts: { base: string; papers?: number },
): ExportIndex {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const generatedAt = sorted
    .map((d) => d.source.fetchedAt)
    .reduce<string | undefined>(
      (max, t) => (max === undefined || Date.parse(t) > Date.parse(max) ? t : max),
      undefined,
    );
  return {
    schemaVersion: EXPORT_SCHEMA_VERSION,
    ...(generatedAt ? { generatedAt } : {}),
    totals: {
      days: sorted.length,
      empty: sorted.filter((d) => d.status === 'empty').length,
      papers: opts.papers ?? new Set(sorted.flatMap((d) => d.ids)).size,
    },
    days: sorted.map((d) => ({
      date: d.date,
      status: d.status,
      count: d.count,
      fetchedAt: d.source.fetchedAt,
      file: withBase(opts.base, `data/days/${d.date}.json`),
    })),
  };
}
