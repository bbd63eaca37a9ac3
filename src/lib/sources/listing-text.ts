// Parser for a copied Hugging Face papers listing (plain text as a browser copies it) -> listed papers.
import { createHash } from 'node:crypto';
import { slug } from 'github-slugger';
import { InputError } from '../errors.ts';
import { isIsoDate, NO_ID, type ListedPaper, type Organization } from '../paper.ts';
import { oneLine, quoteForError } from '../text.ts';
import type { ParseContext } from './hf-api.ts';
import { admitItems, requireUsable, type ParsedListing } from './listed-paper.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `Jul 23, 2021`, `Feb 27` (this year), optionally followed by the upvote count: `Apr 10, 2024 2`. */
const PUBLISHED_LINE = new RegExp(`^(${MONTHS.join('|')}) (\\d{1,2})(?:, (\\d{4}))?(?: (\\d+))?$`);
const AUTHORS_LINE = /^(?:•\s*)?(\d+) authors?$/;
const SEPARATOR = '·';
/** Page chrome a browser copies along with the list. */
const BOILERPLATE = new Set([
  'new',
  'Get trending papers in your email inbox!',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
]);
/** The listing's own day heading (`Dec 10`), only meaningful before the first paper. */
const DAY_HEADING = new RegExp(`^(${MONTHS.join('|')}) \\d{1,2}$`);
const SLUG_MAX = 60;

/** Title normalised for hashing, so whitespace or case noise in a copy does not change the id. */
function normaliseTitle(title: string): string {
  return title.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Stable id for a paper known only by its title: `noid-<slug>-<8 hex>`. The slug is readable; the hash of
 * the normalised title keeps two titles with the same slug apart.
 */
export function noIdFor(title: string): string {
  const hash = createHash('sha256').update(normaliseTitle(title)).digest('hex').slice(0, 8);
  // github-slugger keeps Unicode letters and underscores; the id (a file name) is ASCII only.
  let s = slug(normaliseTitle(title))
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > SLUG_MAX) {
    const cut = s.slice(0, SLUG_MAX + 1);
    const boundary = cut.lastIndexOf('-');
    s = (boundary > 0 ? cut.slice(0, boundary) : s.slice(0, SLUG_MAX)).replace(/-+$/, '');
  }
  const id = `noid-${s || 'paper'}-${hash}`;
  if (!NO_ID.test(id)) throw new Error(`noIdFor built an invalid id ${JSON.stringify(id)}`);
  return id;
}

/** `Feb 27` has no year: the listing shows the current year, so take the listing day's year, or the one before. */
function publishedAt(match: RegExpExecArray, listingDate: string): string | undefined {
  const month = MONTHS.indexOf(match[1] ?? '') + 1;
  const day = Number(match[2]);
  const pad = (n: number): string => String(n).padStart(2, '0');
  let year = match[3] ? Number(match[3]) : Number(listingDate.slice(0, 4));
  let iso = `${year}-${pad(month)}-${pad(day)}`;
  if (!match[3] && iso > listingDate) {
    year -= 1;
    iso = `${year}-${pad(month)}-${pad(day)}`;
  }
  return isIsoDate(iso) ? `${iso}T00:00:00.000Z` : undefined;
}

/** `openbmb OpenBMB`, `parameterlab Parameter Lab`: the handle, then the display name. */
function organization(line: string): Organization {
  const [name = line, ...rest] = line.split(/\s+/);
  const fullname = rest.join(' ');
  return fullname ? { name, fullname } : { name };
}

/** An abstract, as opposed to the next paper's title: titles are one short line. */
function looksLikeAbstract(line: string): boolean {
  return line.length > 300 || (line.length > 160 && /[.!?)\]]$/.test(line));
}

type Draft = { title: string; abstract: string[]; line: number; extra: Partial<ListedPaper> };

/**
 * Parse a copied HF papers listing (see /work/shared/fixtures/listing-text/). Papers have no arXiv id there:
 * each gets a stable `noid-<slug>-<8 hex>` id. Author names are not in the copy, only their number, so
 * `authors` is empty; `publishedAt` is the listed day at midnight UTC.
 */
export function parseListingText(text: string, ctx: ParseContext): ParsedListing {
  const fail = (problem: string): InputError => new InputError(ctx.where, problem, ctx.date);
  if (!isIsoDate(ctx.date)) throw fail(`not a real date ${quoteForError(ctx.date)}`);
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l, i) => ({ t: l.trim(), n: i + 1 }))
    .filter((l) => l.t.length > 0);
  if (lines.length === 0) throw fail('empty text listing');

  const drafts: Draft[] = [];
  let cur: Draft | undefined;
  // 'abstract': just read a title; 'more': read an abstract; 'meta': inside the authors/date block.
  let phase: 'abstract' | 'more' | 'meta' = 'meta';
  for (let i = 0; i < lines.length; i++) {
    const { t, n } = lines[i] as { t: string; n: number };
    const next = lines[i + 1]?.t;
    if (cur === undefined && (BOILERPLATE.has(t) || DAY_HEADING.test(t))) continue;
    if (cur && AUTHORS_LINE.test(t)) {
      phase = 'meta';
      continue;
    }
    if (cur && t === SEPARATOR) {
      phase = 'meta';
      continue;
    }
    const published = PUBLISHED_LINE.exec(t);
    if (cur && published && lines[i - 1]?.t === SEPARATOR) {
      const at = publishedAt(published, ctx.date);
      if (at) cur.extra.publishedAt = at;
      if (published[4] !== undefined) cur.extra.upvotes = Number(published[4]);
      phase = 'meta';
      continue;
    }
    if (cur && next === SEPARATOR && phase !== 'meta') {
      cur.extra.organization = organization(t);
      phase = 'meta';
      continue;
    }
    if (cur && phase === 'abstract' && looksLikeAbstract(t)) {
      cur.abstract.push(t);
      phase = 'more';
      continue;
    }
    if (cur && phase === 'more' && t.length > 300) {
      cur.abstract.push(t);
      continue;
    }
    cur = { title: t, abstract: [], line: n, extra: {} };
    drafts.push(cur);
    phase = 'abstract';
  }
  if (drafts.length === 0) throw fail('no papers found in the text listing');

  // Ids come from the title as the gate will store it, so stray control characters do not change an id.
  const listing = admitItems(
    drafts.map((d, index) => ({
      where: `${ctx.where} line ${d.line}`,
      index,
      paper: {
        id: noIdFor(oneLine(d.title)),
        title: d.title,
        authors: [],
        abstract: d.abstract.join('\n\n'),
        ...d.extra,
      },
    })),
    ctx.date,
  );
  return requireUsable(listing, ctx);
}
