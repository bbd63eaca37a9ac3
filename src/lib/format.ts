// Small display formatters: author lists, excerpts, dates and counts, as plain text (callers escape).
import { isIsoDate } from './ids.ts';
import { memoize } from './memo.ts';
import type { Author } from './paper.ts';

/**
 * `A, B, C et al.` for long lists. Hidden authors are still named: HF hides them from its own lists,
 * but they are authors of the paper and citations must not drop them.
 */
export function shortAuthors(authors: readonly Pick<Author, 'name'>[], max = 3): string {
  const names = authors.map((a) => a.name.trim()).filter((n) => n.length > 0);
  if (names.length === 0) return '';
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, Math.max(1, max)).join(', ')} et al.`;
}

/** Cuts `text` to at most `maxChars` characters on a word boundary, with an ellipsis when cut. */
export function excerpt(text: string, maxChars: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxChars) return clean;
  // Leave room for the ellipsis; cut at the last space so no word is split.
  const room = clean.slice(0, Math.max(0, maxChars - 1));
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > room.length * 0.5 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// The platform's formatter, not date-fns `format` (src/lib/dates.ts, for the other patterns pages use): the search
// and author pages format dates in the browser too, and date-fns `format` with its English locale grew their
// script from 2.8 to 8.7 KB gzipped. A fixed locale and UTC, so neither the build machine nor the reader's settings
// change the text.
const SHORT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const LONG = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const MONTH_SHORT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', year: 'numeric' });
const MONTH_LONG = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' });

function parts(format: Intl.DateTimeFormat, d: Date): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  return Object.fromEntries(format.formatToParts(d).map((p) => [p.type, p.value]));
}

/**
 * A UTC calendar date for readers: `short` -> `21 Aug 2026`, `long` -> `Friday, 21 August 2026`. A timestamp is
 * shown as its UTC day. A day that does not exist (`2026-02-30`) is an error, not the next month's.
 */
export function formatDate(isoOrDate: string | Date, style: 'long' | 'short' = 'short'): string {
  if (typeof isoOrDate !== 'string') return formatInstant(isoOrDate, style);
  return (style === 'short' ? formatShort : formatLong)(isoOrDate);
}

// formatToParts costs ~0.2 ms a call; a build formats the same few thousand days on every card (~2 s of CPU).
const formatShort = memoize((s: string) => formatString(s, 'short'), 4096);
const formatLong = memoize((s: string) => formatString(s, 'long'), 4096);

function formatString(s: string, style: 'long' | 'short'): string {
  const isDay = DAY.test(s);
  if (isDay && !isIsoDate(s)) throw new Error(`invalid date ${JSON.stringify(s)}`);
  return formatInstant(new Date(isDay ? `${s}T00:00:00Z` : s), style, s);
}

function formatInstant(d: Date, style: 'long' | 'short', input: string = String(d)): string {
  if (Number.isNaN(d.getTime())) throw new Error(`invalid date ${JSON.stringify(input)}`);
  const p = parts(style === 'short' ? SHORT : LONG, d);
  const day = `${p.day} ${p.month} ${p.year}`;
  return style === 'short' ? day : `${p.weekday}, ${day}`;
}

/** `August 2026` (or `Aug 2026` when short) for a month key `2026-08`. */
export function formatMonth(key: string, style: 'long' | 'short' = 'long'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m || !isIsoDate(`${key}-01`)) throw new Error(`invalid month ${JSON.stringify(key)}`);
  const p = parts(style === 'long' ? MONTH_LONG : MONTH_SHORT, new Date(`${key}-01T00:00:00Z`));
  return `${p.month} ${p.year}`;
}

/** Counts for readers: `987`, `1,234`, `12.3k`, `1.2M`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  const short = (v: number, unit: string) =>
    `${sign}${v >= 100 ? Math.round(v) : Number(v.toFixed(1))}${unit}`;
  if (abs >= 1_000_000) return short(abs / 1_000_000, 'M');
  if (abs >= 10_000) return short(abs / 1000, 'k');
  return `${sign}${Math.round(abs)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** A count with its noun in the right number: `1 comment`, `2 comments`, `1.2k upvotes`. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
