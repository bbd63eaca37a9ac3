// The one gate every source's items pass: text clean-up and caps, the schema, duplicates; a bad item is skipped.
import { describeIssue, InputError } from '../errors.ts';
import { isHttpUrl, listedPaperSchema, type Author, type ListedPaper } from '../paper.ts';
import { capText, cleanText, oneLine, paragraphs, quoteForError } from '../text.ts';

// Caps on what one listed paper can bring in (lengths in UTF-16 code units, as String length counts). Prose is
// cut at a word boundary with "…"; an identifier (handle, model id, URL, keyword) is dropped instead, since a
// cut one names something else. Real data stays well inside every cap (the corpus maxima are in brackets).

/** Title [175]: cut. */
export const TITLE_MAX = 500;
/** Abstract [1,923; arXiv allows 1,920]: cut. */
export const ABSTRACT_MAX = 5_000;
/** HF's AI summary [1,606: some are the whole abstract]: cut. */
export const AI_SUMMARY_MAX = 2_000;
/** One author's name [55]: cut. */
export const AUTHOR_NAME_MAX = 200;
/** Authors of one paper [664; collider papers have up to ~5,200]: the first ones kept, the rest dropped. */
export const AUTHORS_MAX = 5_000;
/** An organisation's or a submitter's display name [79]: cut. */
export const DISPLAY_NAME_MAX = 200;
/** An HF handle (author, submitter, organisation) [42]: dropped (with the organisation it names). */
export const HANDLE_MAX = 100;
/** One keyword [73]: dropped. */
export const KEYWORD_MAX = 100;
/** Keywords of one paper [44]: the first ones kept. */
export const KEYWORDS_MAX = 50;
/** The AI summary's model id [31]: dropped. */
export const MODEL_ID_MAX = 200;
/** Any URL (repository, project page, thumbnail) [247]: dropped. */
export const URL_MAX = 2_048;

/** An item of a listing that could not be used; `where` is the URL or file it came from. */
export interface SkippedItem {
  where: string;
  index: number;
  id?: string;
  reason: string;
}

/** What a source read: the usable papers in listed order, what it skipped, and notes for the operator. */
export interface ParsedListing {
  papers: ListedPaper[];
  skipped: SkippedItem[];
  /** One-line messages about kept papers (a field cut to its cap), `DATE WHERE: item N (ID): ...`. */
  notes: string[];
  /** Items in the input, skipped ones included (paging compares page lengths). */
  itemCount: number;
}

/** One item as a source read it: a paper with raw (uncleaned) strings, or why it is no paper. */
export type ItemDraft =
  | { where: string; index: number; paper: ListedPaper }
  | { where: string; index: number; id?: string; problem: string };

/** `DATE WHERE: item N (ID) skipped: REASON`, the line the CLI prints. */
export function skippedLine(date: string, s: SkippedItem): string {
  return `${date} ${s.where}: item ${s.index}${s.id ? ` (${s.id})` : ''} skipped: ${s.reason}`;
}

/** An http(s) URL, else undefined. Tabs and line breaks inside are dropped first (real upstream URLs have them). */
export function cleanHttpUrl(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.replace(/[\t\r\n]/g, '').trim();
  // Any other space or invalid character means it is not one URL: dropped rather than repaired.
  if (t === '' || t.length > URL_MAX || /\s/.test(t) || cleanText(t) !== t) return undefined;
  return isHttpUrl(t) ? t : undefined;
}

/** Cleans and caps every string field of a listed paper; `note` hears of each cut or drop. */
export function normaliseListedPaper(raw: ListedPaper, note: (what: string) => void = () => {}): ListedPaper {
  const cut = (field: string, s: string, max: number): string => {
    const capped = capText(s, max);
    if (capped !== s)
      note(`${field} cut to ${max.toLocaleString('en')} characters (was ${s.length.toLocaleString('en')})`);
    return capped;
  };
  const line = (field: string, v: string | undefined, max: number): string | undefined => {
    if (v === undefined) return undefined;
    const t = oneLine(v);
    return t === '' ? undefined : cut(field, t, max);
  };
  const identifier = (field: string, v: string | undefined, max: number): string | undefined => {
    if (v === undefined) return undefined;
    const t = oneLine(v);
    if (t.length <= max) return t === '' ? undefined : t;
    note(`${field} dropped: longer than ${max.toLocaleString('en')} characters`);
    return undefined;
  };
  const url = (field: string, v: string | undefined): string | undefined => {
    if (v === undefined) return undefined;
    const u = cleanHttpUrl(v);
    if (u === undefined)
      note(`${field} dropped: not an http(s) URL of at most ${URL_MAX.toLocaleString('en')} characters`);
    return u;
  };

  let authorList = raw.authors;
  if (authorList.length > AUTHORS_MAX) {
    note(
      `kept the first ${AUTHORS_MAX.toLocaleString('en')} of ${authorList.length.toLocaleString('en')} authors`,
    );
    authorList = authorList.slice(0, AUTHORS_MAX);
  }
  const authors: Author[] = [];
  for (const a of authorList) {
    const name = line('author name', a.name, AUTHOR_NAME_MAX);
    if (name === undefined) continue;
    const author: Author = { name };
    const user = identifier('author handle', a.user, HANDLE_MAX);
    if (user !== undefined) author.user = user;
    if (a.hidden) author.hidden = true;
    authors.push(author);
  }

  const out: ListedPaper = {
    id: raw.id,
    title: line('title', raw.title, TITLE_MAX) ?? '',
    authors,
    abstract: cut('abstract', paragraphs(raw.abstract), ABSTRACT_MAX),
  };
  if (raw.publishedAt !== undefined) out.publishedAt = raw.publishedAt;
  if (raw.upvotes !== undefined) out.upvotes = raw.upvotes;
  if (raw.comments !== undefined) out.comments = raw.comments;
  if (raw.organization) {
    const name = identifier('organisation handle', raw.organization.name, HANDLE_MAX);
    const fullname = line('organisation name', raw.organization.fullname, DISPLAY_NAME_MAX);
    if (name !== undefined) out.organization = fullname === undefined ? { name } : { name, fullname };
  }
  const githubRepo = url('githubRepo', raw.githubRepo);
  if (githubRepo !== undefined) out.githubRepo = githubRepo;
  if (raw.githubStars !== undefined) out.githubStars = raw.githubStars;
  const projectPage = url('projectPage', raw.projectPage);
  if (projectPage !== undefined) out.projectPage = projectPage;
  if (raw.keywords) {
    const keywords = new Set<string>();
    for (const k of raw.keywords) {
      const t = identifier('keyword', k, KEYWORD_MAX);
      if (t !== undefined) keywords.add(t);
    }
    if (keywords.size > KEYWORDS_MAX)
      note(`kept the first ${KEYWORDS_MAX} of ${keywords.size.toLocaleString('en')} keywords`);
    if (keywords.size > 0) out.keywords = [...keywords].slice(0, KEYWORDS_MAX);
  }
  if (raw.aiSummary !== undefined) {
    const summary = paragraphs(raw.aiSummary);
    if (summary !== '') out.aiSummary = cut('AI summary', summary, AI_SUMMARY_MAX);
  }
  const model = identifier('AI summary model', raw.aiSummaryModel, MODEL_ID_MAX);
  if (model !== undefined) out.aiSummaryModel = model;
  const thumbnail = url('thumbnail', raw.thumbnail);
  if (thumbnail !== undefined) out.thumbnail = thumbnail;
  if (raw.submittedBy) {
    const user = identifier('submitter handle', raw.submittedBy.user, HANDLE_MAX);
    const fullname = line('submitter name', raw.submittedBy.fullname, DISPLAY_NAME_MAX);
    if (user !== undefined) out.submittedBy = fullname === undefined ? { user } : { user, fullname };
  }
  return out;
}

/**
 * Every source's items end here: each paper is normalised and checked against the schema, a bad one becomes a
 * skipped item, duplicates of an id keep their first listing. Never throws for one item: see `requireUsable`.
 */
export function admitItems(drafts: readonly ItemDraft[], date: string): ParsedListing {
  const byId = new Map<string, ListedPaper>();
  const skipped: SkippedItem[] = [];
  const notes: string[] = [];
  for (const d of drafts) {
    if ('problem' in d) {
      skipped.push(compactSkip(d.where, d.index, d.id, d.problem));
      continue;
    }
    const label = `${date} ${d.where}: item ${d.index} (${d.paper.id})`;
    const itemNotes: string[] = [];
    const paper = normaliseListedPaper(d.paper, (what) => itemNotes.push(`${label}: ${what}`));
    if (paper.title === '') {
      skipped.push(compactSkip(d.where, d.index, d.paper.id, 'no title'));
      continue;
    }
    const parsed = listedPaperSchema.safeParse(paper);
    if (!parsed.success) {
      const reason = describeIssue(parsed.error.issues[0], '(item)');
      skipped.push(compactSkip(d.where, d.index, paper.id, reason));
      continue;
    }
    notes.push(...itemNotes);
    if (!byId.has(parsed.data.id)) byId.set(parsed.data.id, parsed.data);
  }
  return { papers: [...byId.values()], skipped, notes, itemCount: drafts.length };
}

function compactSkip(where: string, index: number, id: string | undefined, reason: string): SkippedItem {
  // The reason is stored in the manifest: one bounded line, whatever upstream text it quotes.
  const line = capText(oneLine(reason), 300);
  return id === undefined ? { where, index, reason: line } : { where, index, id, reason: line };
}

/**
 * A listing whose items are all unusable is not a day with no papers but an input that is not a listing (a
 * file of Python-repr strings, an API that changed its shape): the whole day fails, nothing is written.
 */
export function requireUsable(listing: ParsedListing, ctx: { date: string; where: string }): ParsedListing {
  if (listing.itemCount === 0 || listing.papers.length > 0) return listing;
  throw new InputError(ctx.where, noUsableItems(listing), ctx.date);
}

/** Why a non-empty listing with no usable item is rejected, in one line. */
export function noUsableItems(listing: ParsedListing): string {
  const n = listing.itemCount;
  const first = listing.skipped[0];
  if (first && listing.skipped.every((s) => s.reason.startsWith(STRING_ITEM))) {
    return `expected paper objects, got ${n === 1 ? 'a string' : `${n} strings`} (Python reprs?)`;
  }
  const example = first ? `; item ${first.index}${first.id ? ` (${first.id})` : ''}: ${first.reason}` : '';
  return `none of its ${n} item${n === 1 ? '' : 's'} is a usable paper${example}`;
}

/** The reason given for an item that is a string: the start of it marks a Python-repr file. */
export const STRING_ITEM = 'a string (a Python repr?)';

/** Why a non-object item is skipped. */
export function notAnObject(v: unknown): string {
  if (typeof v === 'string') return `${STRING_ITEM}, not an object: ${quoteForError(v, 40)}`;
  if (v === null) return 'null, not an object';
  if (Array.isArray(v)) return 'an array, not an object';
  return `a ${typeof v}, not an object`;
}
