// Listings over the archive: days ranked by upvotes, the weeks and months that hold archived days, their top
// papers and day groups, the home page's sections, and human labels for weeks.
import { formatDay } from '../dates.ts';
import { formatDate } from '../format.ts';
import { isoWeekKey, monthKey, neighbours, parseWeekKey, weekDays } from '../periods.ts';
import type { Archive, ArchivePaper } from './build-archive.ts';

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

/** One archived day of a period, with the period's papers of that day that its top list did not show. */
export interface DayGroup {
  date: string;
  /** How many papers the day listed in all. */
  total: number;
  /** How many of them the period's top list shows. */
  inTop: number;
  /** The others, most upvoted first; a paper featured on two days of the period is under the later one. */
  rest: ArchivePaper[];
}

export interface PeriodListing {
  /** Every paper of the period, each once. */
  total: number;
  /** The period's most upvoted papers. */
  top: ArchivePaper[];
  /** Its archived days, newest first. */
  days: DayGroup[];
}

/** How many papers a week and a month page open with. */
export const TOP_OF = { week: 10, month: 20 } as const;

/** A week's or month's page: its `topCount` most upvoted papers, then every other paper under its day. */
export function periodListing(archive: Archive, dates: readonly string[], topCount: number): PeriodListing {
  const all = papersOfDays(archive, dates);
  const top = all.slice(0, topCount);
  const topIds = new Set(top.map((p) => p.id));
  const shown = new Set(topIds);
  const days: DayGroup[] = [];
  for (const date of [...dates].reverse()) {
    const listed = archive.papersOn(date);
    const inTop = listed.filter((p) => topIds.has(p.id)).length;
    const rest = rankByUpvotes(listed.filter((p) => !shown.has(p.id)));
    for (const p of rest) shown.add(p.id);
    days.push({ date, total: listed.length, inTop, rest });
  }
  return { total: all.length, top, days };
}

/** Everything a week or month page shows besides the site-wide inputs: one function for the page and its cache key. */
export interface PeriodView {
  kind: 'week' | 'month';
  /** `2026-W34` or `2026-08`. */
  key: string;
  /** The period's archived dates, ascending. */
  dates: string[];
  prev?: string | undefined;
  next?: string | undefined;
  /** The archived months a week's days fall in (a month page links to the archive instead). */
  months: string[];
  listing: PeriodListing;
}

const views = new WeakMap<Archive, Map<string, PeriodView>>();

/** The view of one week or month (made once per build: its cache key and its page both ask). */
export function periodView(archive: Archive, kind: 'week' | 'month', key: string): PeriodView {
  let known = views.get(archive);
  if (!known) views.set(archive, (known = new Map()));
  const id = `${kind}:${key}`;
  let view = known.get(id);
  if (!view) known.set(id, (view = makePeriodView(archive, kind, key)));
  return view;
}

function makePeriodView(archive: Archive, kind: 'week' | 'month', key: string): PeriodView {
  const periods = periodsOf(archive);
  const all = kind === 'week' ? periods.weeks : periods.months;
  const dates = all.get(key) ?? [];
  const { prev, next } = neighbours([...all.keys()], key);
  const months =
    kind === 'week'
      ? [...new Set(weekDays(key).map((d) => monthKey(d)))].filter((m) => periods.months.has(m))
      : [];
  return { kind, key, dates, prev, next, months, listing: periodListing(archive, dates, TOP_OF[kind]) };
}

export interface HomeListing {
  /** The newest archived day that listed papers (an empty newest day would make a blank front page). */
  latest?: string;
  latestPapers: ArchivePaper[];
  /** The week whose best papers follow: the latest day's, or the week before when that day is all it has. */
  week?: string;
  /** That week's most upvoted papers that the latest day's list does not already show. */
  weekBest: ArchivePaper[];
}

/** The home page's two lists; no paper is in both. */
export function homeListing(archive: Archive, weekCount = TOP_OF.week): HomeListing {
  const day =
    [...archive.days].reverse().find((d) => d.status === 'ok') ?? archive.days[archive.days.length - 1];
  if (!day) return { latestPapers: [], weekBest: [] };
  const latestPapers = rankByUpvotes(archive.papersOn(day.date));
  const shown = new Set(latestPapers.map((p) => p.id));
  const weeks = periodsOf(archive).weeks;
  const keys = [...weeks.keys()];
  const own = isoWeekKey(day.date);
  // On a Monday the week holds only the latest day: the week before is the best of the week a reader has not seen.
  for (const week of [own, keys[keys.indexOf(own) - 1]]) {
    if (!week) continue;
    const weekBest = papersOfDays(archive, weeks.get(week) ?? [])
      .filter((p) => !shown.has(p.id))
      .slice(0, weekCount);
    if (weekBest.length > 0) return { latest: day.date, latestPapers, week, weekBest };
  }
  return { latest: day.date, latestPapers, weekBest: [] };
}

/** `Week 34, 2026` for `2026-W34`: a label that wraps at spaces, never inside the key. */
export function weekName(key: string): string {
  const { year, week } = parseWeekKey(key);
  return `Week ${week}, ${year}`;
}

/** The week's Monday to Sunday: `17–23 Aug`, `27 Jul – 2 Aug`, `29 Dec 2025 – 4 Jan 2026`. */
export function weekSpan(key: string): string {
  const days = weekDays(key);
  const monday = days[0] ?? '';
  const sunday = days[6] ?? '';
  if (monday.slice(0, 4) !== sunday.slice(0, 4)) return `${formatDate(monday)} – ${formatDate(sunday)}`;
  if (monday.slice(0, 7) !== sunday.slice(0, 7)) {
    return `${formatDay(monday, 'd MMM')} – ${formatDay(sunday, 'd MMM')}`;
  }
  return `${formatDay(monday, 'd')}–${formatDay(sunday, 'd MMM')}`;
}

/** `Week 34, 2026 · 17–23 Aug`. */
export function weekLabel(key: string): string {
  return `${weekName(key)} · ${weekSpan(key)}`;
}

/** `Fri 21` for `2026-08-21`: a day inside a week or month page, whose month the page already says. */
export function shortDay(date: string): string {
  return formatDay(date, 'EEE d');
}
