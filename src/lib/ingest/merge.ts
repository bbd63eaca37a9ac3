// Merge rules: how a freshly listed paper or day updates what the archive already holds (pure).
import { createHash } from 'node:crypto';
import type { DayManifest, ListedPaper, Paper, Reading, SkippedItemRecord, Source } from '../paper.ts';

import type { StoredPaper } from '../content/format.ts';

export type { StoredPaper };

export interface MergeContext {
  /** The day whose listing contained the paper. */
  date: string;
  source: Source;
}

/** History keeps the first reading (e.g. "upvotes when featured") and this many of the latest. */
export const HISTORY_LATEST = 5;

/** sha256 (first 16 hex) of an abstract, as stored in `abstractHash`. */
export function hashAbstract(body: string): string {
  return createHash('sha256').update(body.trim()).digest('hex').slice(0, 16);
}

const ms = (iso: string): number => Date.parse(iso);

/** Fields that are plain upstream descriptions: the newest snapshot wins, but missing never erases. */
const descriptiveFields = [
  'title',
  'authors',
  'publishedAt',
  'organization',
  'githubRepo',
  'projectPage',
  'keywords',
  'aiSummary',
  'aiSummaryModel',
  'thumbnail',
  'submittedBy',
] as const;

type DescriptiveField = (typeof descriptiveFields)[number];

function isPresent(v: unknown): boolean {
  // An empty author list (text listings only say "4 authors") is no information, not "no authors".
  return v !== undefined && !(Array.isArray(v) && v.length === 0);
}

/** Structural equality of plain JSON-like values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => sameJson(v, b[i]));
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson(ra[k], rb[k]));
}

/**
 * Readings sorted by time, one per instant, a reading kept only when its counters differ from the one
 * before, then capped to the first plus the latest few. Idempotent, so re-merging a reading is a no-op.
 */
export function normaliseHistory(readings: readonly Reading[]): Reading[] {
  const sorted = [...readings].sort((a, b) => ms(a.at) - ms(b.at));
  const out: Reading[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && ms(prev.at) === ms(r.at)) continue;
    if (prev && prev.upvotes === r.upvotes && prev.comments === r.comments) continue;
    out.push(r);
  }
  if (out.length <= HISTORY_LATEST + 1) return out;
  return [out[0] as Reading, ...out.slice(-HISTORY_LATEST)];
}

function reading(at: string, upvotes: number, comments: number | undefined): Reading {
  return comments === undefined ? { at, upvotes } : { at, upvotes, comments };
}

/** Whitespace-insensitive form used to tell a truncated abstract from a different one. */
function squash(s: string): string {
  return s
    .replace(/(\.\.\.|…)\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `short` is a cut-off copy of `long` (as text listings show abstracts). */
function isTruncationOf(short: string, long: string): boolean {
  const s = squash(short);
  const l = squash(long);
  return s.length < l.length && l.startsWith(s);
}

function chooseBody(
  existing: StoredPaper,
  abstract: string,
  newer: boolean,
): { body: string; abstractHash: string | undefined } {
  const keep = { body: existing.body, abstractHash: existing.data.abstractHash };
  const current = existing.body.trim();
  const next = abstract.trim();
  if (next === '' || next === current) return keep;
  const untouched =
    existing.data.abstractHash === undefined
      ? current === ''
      : hashAbstract(current) === existing.data.abstractHash;
  // A person edited the body: it is theirs now.
  if (!untouched) return keep;
  const take = { body: next, abstractHash: hashAbstract(next) };
  if (current === '') return take;
  if (isTruncationOf(next, current)) return keep;
  if (isTruncationOf(current, next)) return take;
  return newer ? take : keep;
}

function newPaper(listed: ListedPaper, ctx: MergeContext): StoredPaper {
  const at = ctx.source.fetchedAt;
  const data: Paper = {
    id: listed.id,
    title: listed.title,
    authors: listed.authors,
    featured: [ctx.date],
    upvotes: listed.upvotes ?? 0,
    statsAt: at,
    history: listed.upvotes === undefined ? [] : [reading(at, listed.upvotes, listed.comments)],
    source: ctx.source,
  };
  if (listed.comments !== undefined) data.comments = listed.comments;
  if (listed.githubStars !== undefined) data.githubStars = listed.githubStars;
  for (const f of descriptiveFields) {
    if (f === 'title' || f === 'authors') continue;
    const v = listed[f];
    if (isPresent(v)) (data as Record<DescriptiveField, unknown>)[f] = v;
  }
  const body = listed.abstract.trim();
  if (body !== '') data.abstractHash = hashAbstract(body);
  return { data, body };
}

/**
 * Merge one listing of a paper into its stored file. Returns the same object when nothing changed, so
 * callers (and re-runs over the same input) can skip the write.
 */
export function mergePaper(
  existing: StoredPaper | undefined,
  listed: ListedPaper,
  ctx: MergeContext,
): StoredPaper {
  if (!existing) return newPaper(listed, ctx);
  if (existing.data.id !== listed.id) {
    throw new Error(`cannot merge paper ${listed.id} into the file of ${existing.data.id}`);
  }
  const old = existing.data;
  const at = ctx.source.fetchedAt;
  // The file's data was last confirmed at the later of statsAt and its source's fetch (both only move on a
  // change, so a fetch that confirmed the values without changing them is not remembered: an accepted gap).
  // Ties count as newer: the same fetch re-read gives the same values, so nothing changes either way.
  const newer = ms(at) >= Math.max(ms(old.statsAt), ms(old.source.fetchedAt));
  const next: Paper = { ...old };

  // Tracked as we go: comparing whole papers would dominate a no-change re-run.
  let changed = false;
  if (!old.featured.includes(ctx.date)) {
    next.featured = [...old.featured, ctx.date].sort();
    changed = true;
  }

  for (const f of descriptiveFields) {
    const incoming = listed[f];
    if (!isPresent(incoming)) continue;
    const current = old[f];
    if (isPresent(current) && (!newer || sameJson(current, incoming))) continue;
    (next as Record<DescriptiveField, unknown>)[f] = incoming;
    changed = true;
  }

  let countersChanged = false;
  if (listed.upvotes !== undefined) {
    const history = normaliseHistory([...old.history, reading(at, listed.upvotes, listed.comments)]);
    if (!sameJson(history, old.history)) {
      next.history = history;
      changed = true;
      // Top-level counters mirror the newest reading; an older snapshot only fills in history.
      if (newer && history[history.length - 1]?.at === at) {
        next.upvotes = listed.upvotes;
        if (listed.comments !== undefined) next.comments = listed.comments;
        countersChanged = true;
      }
    }
  }
  if (
    listed.githubStars !== undefined &&
    listed.githubStars !== old.githubStars &&
    (newer || old.githubStars === undefined)
  ) {
    next.githubStars = listed.githubStars;
    countersChanged = countersChanged || newer;
    changed = true;
  }
  if (countersChanged) next.statsAt = at;

  const { body, abstractHash } = chooseBody(existing, listed.abstract, newer);
  if (abstractHash === undefined) delete next.abstractHash;
  else next.abstractHash = abstractHash;

  if (abstractHash !== old.abstractHash) changed = true;
  if (!changed && body === existing.body) return existing;
  // Provenance names the latest data in the file; an older snapshot filling gaps does not replace it.
  if (ms(at) >= ms(old.source.fetchedAt)) next.source = ctx.source;
  return { data: next, body };
}

/**
 * Merge a day's listing into its manifest. Ids keep the newest listing's order; ids listed before but
 * missing now are kept (upstream shrinking never deletes). `skipped` are the listing's unusable items: they
 * replace the manifest's when the listing is as new or newer (so a fixed item's record goes once it is
 * fetched again), and are omitted when empty. Returns `existing` itself when unchanged.
 */
export function mergeDay(
  existing: DayManifest | undefined,
  ids: readonly string[],
  ctx: MergeContext,
  skipped: readonly SkippedItemRecord[] = [],
): DayManifest {
  const { date, source } = ctx;
  const listed = [...new Set(ids)];
  const withSkipped = (day: DayManifest, items: readonly SkippedItemRecord[] | undefined): DayManifest =>
    items && items.length > 0 ? { ...day, skipped: [...items] } : day;
  if (!existing)
    return withSkipped(
      { date, status: listed.length ? 'ok' : 'empty', count: listed.length, ids: listed, source },
      skipped,
    );
  if (existing.date !== date)
    throw new Error(`cannot merge the listing of ${date} into the manifest of ${existing.date}`);
  const newer = ms(source.fetchedAt) >= ms(existing.source.fetchedAt);
  const [first, second] = newer ? [listed, existing.ids] : [existing.ids, listed];
  const merged = [...new Set([...first, ...second])];
  const nextSkipped = newer ? skipped : (existing.skipped ?? []);
  if (sameJson(merged, existing.ids) && sameJson(nextSkipped, existing.skipped ?? [])) return existing;
  return withSkipped(
    {
      date: existing.date,
      status: merged.length ? 'ok' : 'empty',
      count: merged.length,
      ids: merged,
      source: newer ? source : existing.source,
    },
    nextSkipped,
  );
}
