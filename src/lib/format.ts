// Small display formatters: author lists, excerpts, dates and counts, as plain text (callers escape).
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

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A UTC calendar date for readers: `short` -> `21 Aug 2026`, `long` -> `Friday, 21 August 2026`.
 * Independent of the build machine's locale and time zone, so builds are reproducible.
 */
export function formatDate(isoOrDate: string | Date, style: 'long' | 'short' = 'short'): string {
  const d =
    typeof isoOrDate === 'string'
      ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(isoOrDate) ? `${isoOrDate}T00:00:00Z` : isoOrDate)
      : isoOrDate;
  if (Number.isNaN(d.getTime())) throw new Error(`invalid date ${JSON.stringify(String(isoOrDate))}`);
  const day = d.getUTCDate();
  const year = d.getUTCFullYear();
  if (style === 'short') return `${day} ${MONTHS_SHORT[d.getUTCMonth()]} ${year}`;
  return `${WEEKDAYS[d.getUTCDay()]}, ${day} ${MONTHS_LONG[d.getUTCMonth()]} ${year}`;
}

/** `Aug 2026` style label for a month key `2026-08`. */
export function formatMonth(key: string, style: 'long' | 'short' = 'long'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new Error(`invalid month ${JSON.stringify(key)}`);
  return `${(style === 'long' ? MONTHS_LONG : MONTHS_SHORT)[month - 1]} ${m[1]}`;
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
