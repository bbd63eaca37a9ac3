// The weekly digest: each finished ISO week's most upvoted papers as one feed entry of HTML cards (RSS and JSON Feed).
import { dayStart } from './dates.ts';
import type { FeedEntry, SiteLocation } from './feeds.ts';
import { countOf, excerpt, formatCount, formatDate, shortAuthors } from './format.ts';
import { absoluteUrl, paperPagePath } from './links.ts';
import { escapeHtml, plainText } from './math.ts';
import type { Paper } from './paper.ts';
import { weekDays } from './periods.ts';
import { oneLine } from './text.ts';

/** How many weeks the digest feed carries, and how many papers each week's item holds. */
export const DIGEST_WEEKS = 26;
export const DIGEST_PAPERS = 10;
const SUMMARY_CHARS = 220;
export const DIGEST_DESCRIPTION =
  'Every week, the ten most upvoted papers featured on Hugging Face Daily Papers, with authors and a one-line summary.';

/** What a digest card needs from a paper (an `ArchivePaper` fits). */
export type DigestPaper = Pick<
  Paper,
  'id' | 'title' | 'authors' | 'upvotes' | 'organization' | 'aiSummary'
> & {
  abstract: string;
};

export interface DigestWeek<P extends DigestPaper = DigestPaper> {
  /** `2026-W34`. */
  key: string;
  /** The week's archived days, ascending. */
  days: readonly string[];
  /** How many papers the week featured in all. */
  total: number;
  /** Its top papers, most upvoted first (at most `DIGEST_PAPERS`). */
  papers: readonly P[];
}

/**
 * The digest's weeks, newest first: the last `limit` weeks that are over and featured papers. A week is over
 * once a later day is archived (`latestDay` is the archive's newest): a week still being filled would reach an
 * RSS-to-e-mail subscriber on Monday with one day in it, and never again, since its guid would not change.
 * `papersOf` ranks a week's papers (src/data/listings.ts `papersOfDays`, the week pages' own order).
 */
export function digestWeeks<P extends DigestPaper>(
  weeks: ReadonlyMap<string, readonly string[]>,
  latestDay: string,
  papersOf: (days: readonly string[]) => readonly P[],
  { limit = DIGEST_WEEKS, perWeek = DIGEST_PAPERS }: { limit?: number; perWeek?: number } = {},
): DigestWeek<P>[] {
  const out: DigestWeek<P>[] = [];
  const keys = [...weeks.keys()].sort().reverse();
  for (const key of keys) {
    if (out.length >= limit) break;
    const sunday = weekDays(key)[6] ?? '';
    if (!(latestDay > sunday)) continue;
    const days = weeks.get(key) ?? [];
    const ranked = papersOf(days);
    if (ranked.length === 0) continue;
    out.push({ key, days, total: ranked.length, papers: ranked.slice(0, perWeek) });
  }
  return out;
}

/** Base-relative path of a week's page (as src/data/urls.ts `weekHref` builds it). */
function weekPagePath(key: string): string {
  return `papers/week/${key}/`;
}

/** Upstream text as one escaped line: controls and invalid characters out (feeds are XML), whitespace folded. */
const text = (s: string): string => escapeHtml(oneLine(s));

/** One line about a paper: HF's AI summary when there is one, else the abstract's start. */
function oneLineSummary(p: DigestPaper): string {
  return excerpt(oneLine(plainText(p.aiSummary ?? p.abstract)), SUMMARY_CHARS);
}

/** A paper as an e-mail-friendly card: plain HTML, no classes or styles (readers and mailers drop them). */
function card(p: DigestPaper, where: SiteLocation): string {
  const url = absoluteUrl(where.site, where.base, paperPagePath(p.id));
  const authors = shortAuthors(p.authors.map((a) => ({ name: oneLine(a.name) })));
  const org = p.organization ? (p.organization.fullname ?? p.organization.name) : '';
  const meta = [authors, oneLine(org), countOf(p.upvotes, 'upvote')].filter(Boolean).map(text);
  const summary = oneLineSummary(p);
  return (
    `<li><p><a href="${escapeHtml(url)}"><strong>${text(plainText(p.title))}</strong></a><br>` +
    `<small>${meta.join(' · ')}</small>${summary ? `<br>${escapeHtml(summary)}` : ''}</p></li>`
  );
}

/** The week as a feed entry: its page is the permalink (a stable guid), its last archived day the date. */
export function digestEntry(week: DigestWeek, where: SiteLocation): FeedEntry {
  const url = absoluteUrl(where.site, where.base, weekPagePath(week.key));
  const [monday = '', , , , , , sunday = ''] = weekDays(week.key);
  const lastDay = week.days[week.days.length - 1] ?? sunday;
  const span = `${formatDate(monday)} to ${formatDate(sunday)}`;
  const top = week.papers.length;
  const intro = `${top === week.total ? `The ${countOf(top, 'paper')}` : `The ${top} most upvoted of the ${formatCount(week.total)} papers`} featured on Hugging Face Daily Papers in week ${week.key} (${span}).`;
  const html =
    `<p>${escapeHtml(intro)} <a href="${escapeHtml(url)}">All papers of the week</a>.</p>` +
    `<ol>${week.papers.map((p) => card(p, where)).join('')}</ol>`;
  return {
    url,
    title: `Top ${formatCount(top)} papers, week of ${formatDate(monday)} (${week.key})`,
    date: dayStart(lastDay),
    summary: excerpt(`${intro} ${week.papers.map((p) => oneLine(plainText(p.title))).join('; ')}`, 300),
    html,
  };
}
