// Parser for the Hugging Face `/api/daily_papers?date=D` response: raw JSON text -> listed papers + skipped items.
import { InputError } from '../errors.ts';
import { isoDateTimeSchema, isPaperId, type Author, type ListedPaper } from '../paper.ts';
import { oneLine, quoteForError } from '../text.ts';
import {
  admitItems,
  cleanHttpUrl,
  notAnObject,
  requireUsable,
  type ItemDraft,
  type ParsedListing,
} from './listed-paper.ts';

export type ParseContext = { date: string; where: string };

type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string with something in it, else undefined: upstream sends "", null and absent interchangeably. */
function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim().length > 0 ? v : undefined;
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** An http(s) URL whose path names an image: `mediaUrl` could also point at a video. */
function imageUrl(v: unknown): string | undefined {
  const url = cleanHttpUrl(v);
  return url !== undefined && /\.(png|jpe?g|gif|webp|avif)$/i.test(new URL(url).pathname) ? url : undefined;
}

function isoDateTime(v: unknown): string | undefined {
  const t = typeof v === 'string' ? v.trim() : undefined;
  return t && isoDateTimeSchema.safeParse(t).success ? t : undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** Drop undefined members so optional fields are absent, never `undefined`-valued keys. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function mapAuthor(v: unknown): Author | undefined {
  if (!isRecord(v)) return undefined;
  const name = text(v.name);
  if (name === undefined) return undefined;
  return compact({
    name,
    user: isRecord(v.user) ? text(v.user.user) : undefined,
    hidden: v.hidden === true ? (true as const) : undefined,
  });
}

function mapOrganization(v: unknown): ListedPaper['organization'] {
  if (!isRecord(v)) return undefined;
  const name = text(v.name);
  return name === undefined ? undefined : compact({ name, fullname: text(v.fullname) });
}

function mapKeywords(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const keywords = v.filter((k): k is string => text(k) !== undefined);
  return keywords.length > 0 ? keywords : undefined;
}

function mapSubmitter(item: Json, paper: Json): ListedPaper['submittedBy'] {
  if (isRecord(item.submittedBy)) {
    const user = text(item.submittedBy.name);
    if (user !== undefined) return compact({ user, fullname: text(item.submittedBy.fullname) });
  }
  if (isRecord(paper.submittedOnDailyBy)) {
    const user = text(paper.submittedOnDailyBy.user) ?? text(paper.submittedOnDailyBy.name);
    if (user !== undefined) return compact({ user, fullname: text(paper.submittedOnDailyBy.fullname) });
  }
  return undefined;
}

/** The id a Python-repr string item names (`{'paper': {'id': '2412.07730', ...`), when it is a valid one. */
function reprId(s: string): string | undefined {
  const id = /'id': '([^']{1,40})'/.exec(s.slice(0, 200))?.[1];
  return id !== undefined && isPaperId(id) ? id : undefined;
}

/**
 * Map one API item (also used by the HTML parser, whose data-props hold the same items) to a draft: the paper
 * with upstream's strings as they are (the gate in listed-paper.ts cleans and caps them), or why the item is
 * no paper (not an object, no id, an invalid id, no title). A malformed optional field is left out.
 */
export function draftApiItem(item: unknown, where: string, index: number): ItemDraft {
  const skip = (problem: string, id?: string): ItemDraft =>
    id === undefined ? { where, index, problem } : { where, index, id, problem };
  if (typeof item === 'string') return skip(notAnObject(item), reprId(item));
  if (!isRecord(item)) return skip(notAnObject(item));
  const paper = item.paper;
  if (!isRecord(paper))
    return skip(paper === undefined ? 'no paper' : `paper is ${describe(paper)}, not an object`);
  if (typeof paper.id !== 'string') {
    return skip(paper.id === undefined ? 'no paper.id' : `paper.id is ${describe(paper.id)}, not a string`);
  }
  const id = paper.id.trim();
  if (id === '') return skip('no paper.id');
  if (!isPaperId(id)) return skip(`invalid paper.id ${quoteForError(id)}: not an arXiv id`);
  // The first title with anything left once cleaned: a title of control characters is no title.
  const title = [paper.title, item.title].find(
    (t): t is string => typeof t === 'string' && oneLine(t) !== '',
  );
  if (title === undefined) return skip('no title', id);

  const draft = compact({
    id,
    title,
    authors: Array.isArray(paper.authors)
      ? paper.authors.map(mapAuthor).filter((a): a is Author => a !== undefined)
      : [],
    abstract: typeof paper.summary === 'string' ? paper.summary : '',
    publishedAt: isoDateTime(paper.publishedAt),
    upvotes: count(paper.upvotes),
    comments: count(item.numComments),
    organization:
      mapOrganization(item.organization) ??
      mapOrganization(paper.organization) ??
      mapOrganization(item.submitterOrganization),
    githubRepo: text(paper.githubRepo),
    githubStars: count(paper.githubStars),
    projectPage: text(paper.projectPage),
    keywords: mapKeywords(paper.ai_keywords),
    aiSummary: text(paper.ai_summary),
    aiSummaryModel: text(paper.ai_summary_model),
    thumbnail: imageUrl(item.thumbnail) ?? imageUrl(item.mediaUrl),
    submittedBy: mapSubmitter(item, paper),
  });
  return { where, index, paper: draft };
}

/**
 * Map a parsed API page. `offset` numbers the items after those of earlier pages. Throws InputError only
 * when the page is not an array; a bad item is skipped (see ParsedListing).
 */
export function parseApiItems(json: unknown, ctx: ParseContext, offset = 0): ParsedListing {
  if (!Array.isArray(json)) {
    const got = isRecord(json)
      ? `an object with keys ${Object.keys(json).slice(0, 12).join(', ') || '(none)'}`
      : describe(json);
    throw new InputError(ctx.where, `expected a JSON array of papers, got ${got}`, ctx.date);
  }
  return admitItems(
    json.map((item, i) => draftApiItem(item, ctx.where, offset + i)),
    ctx.date,
  );
}

/** `<title>` of an HTML page, for telling a reader which error page came back. */
export function htmlTitle(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (!m?.[1]) return undefined;
  const t = m[1]
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > 0 ? t : undefined;
}

/** True when a body is HTML rather than JSON (an error page, a login wall, a proxy's page). */
export function looksLikeHtml(body: string): boolean {
  // JSON never starts with `<`; a tag, doctype, comment or XML declaration does.
  return /^\s*<[a-z!?]/i.test(body);
}

/**
 * Read one API response body: its JSON, or 'html' when HF answered with a page instead. Throws InputError for
 * an empty body or invalid JSON (a cut transfer: no other format would help).
 */
export function readApiBody(body: string, ctx: ParseContext): { json: unknown } | { html: string } {
  const fail = (problem: string): InputError => new InputError(ctx.where, problem, ctx.date);
  if (body.trim().length === 0) throw fail('empty body');
  if (looksLikeHtml(body)) {
    const title = htmlTitle(body);
    return { html: `got an HTML page, expected JSON${title ? ` (title ${quoteForError(title)})` : ''}` };
  }
  try {
    return { json: JSON.parse(body) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw fail(`invalid JSON: ${msg.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}

/**
 * Parse a whole saved or fetched response of GET /api/daily_papers?date=D. Throws InputError(where, problem,
 * date) when the response is unusable (not JSON, HTML, not an array, no usable item); bad items are skipped.
 */
export function parseApiDay(body: string, ctx: ParseContext): ParsedListing {
  const read = readApiBody(body, ctx);
  if ('html' in read) throw new InputError(ctx.where, read.html, ctx.date);
  return requireUsable(parseApiItems(read.json, ctx), ctx);
}
