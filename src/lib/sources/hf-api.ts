// Parser for the Hugging Face `/api/daily_papers?date=D` response: raw JSON text -> validated ListedPaper[].
import { InputError } from '../errors.ts';
import {
  isHttpUrl,
  isoDateTimeSchema,
  isPaperId,
  listedPaperSchema,
  type Author,
  type ListedPaper,
} from '../paper.ts';
import { foldLines, quoteForError } from '../text.ts';

export type ParseContext = { date: string; where: string };
export type ItemContext = ParseContext & { index: number };

type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Trimmed non-empty string, else undefined: upstream sends "", null and absent interchangeably. */
function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length > 0 ? t : undefined;
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/**
 * An http(s) URL or undefined. Upstream URLs sometimes carry a stray leading space or a line break in the
 * middle (the WHATWG parser silently drops those, so isHttpUrl alone would keep the newline in the string).
 */
export function cleanHttpUrl(v: unknown): string | undefined {
  const t = text(v)?.replace(/[\t\r\n]/g, '');
  return t !== undefined && !/\s/.test(t) && isHttpUrl(t) ? t : undefined;
}

/** An http(s) URL whose path names an image: `mediaUrl` could also point at a video. */
function imageUrl(v: unknown): string | undefined {
  const url = cleanHttpUrl(v);
  return url !== undefined && /\.(png|jpe?g|gif|webp|avif)$/i.test(new URL(url).pathname) ? url : undefined;
}

function isoDateTime(v: unknown): string | undefined {
  const t = text(v);
  return t !== undefined && isoDateTimeSchema.safeParse(t).success ? t : undefined;
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
  const seen = new Set<string>();
  for (const k of v) {
    const t = text(k);
    if (t !== undefined) seen.add(t);
  }
  return seen.size > 0 ? [...seen] : undefined;
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

/**
 * Map one API item (also used by the HTML parser, whose data-props hold the same items). Missing id or
 * title, or an id that is not an arXiv id, is an error; a malformed optional field is left out.
 */
export function mapApiItem(item: unknown, ctx: ItemContext): ListedPaper {
  const fail = (problem: string): InputError => new InputError(ctx.where, problem, ctx.date);
  const label = `item ${ctx.index}`;
  if (typeof item === 'string') throw fail(`${label} is a string (a Python repr?), expected an object`);
  if (!isRecord(item)) throw fail(`${label} is ${describe(item)}, expected an object`);
  const paper = item.paper;
  if (!isRecord(paper)) throw fail(`${label} has no paper.id`);
  if (typeof paper.id !== 'string' || paper.id.trim() === '') throw fail(`${label} has no paper.id`);
  const id = paper.id.trim();
  if (!isPaperId(id)) throw fail(`${label} has an invalid paper.id ${quoteForError(id)}: not an arXiv id`);
  const rawTitle = text(paper.title) ?? text(item.title);
  if (rawTitle === undefined) throw fail(`${label} (${id}) has no title`);

  const candidate = compact({
    id,
    title: foldLines(rawTitle),
    authors: Array.isArray(paper.authors)
      ? paper.authors.map(mapAuthor).filter((a): a is Author => a !== undefined)
      : [],
    abstract: typeof paper.summary === 'string' ? foldLines(paper.summary) : '',
    publishedAt: isoDateTime(paper.publishedAt),
    upvotes: count(paper.upvotes),
    comments: count(item.numComments),
    organization:
      mapOrganization(item.organization) ??
      mapOrganization(paper.organization) ??
      mapOrganization(item.submitterOrganization),
    githubRepo: cleanHttpUrl(paper.githubRepo),
    githubStars: count(paper.githubStars),
    projectPage: cleanHttpUrl(paper.projectPage),
    keywords: mapKeywords(paper.ai_keywords),
    aiSummary: typeof paper.ai_summary === 'string' ? text(foldLines(paper.ai_summary)) : undefined,
    aiSummaryModel: text(paper.ai_summary_model),
    thumbnail: imageUrl(item.thumbnail) ?? imageUrl(item.mediaUrl),
    submittedBy: mapSubmitter(item, paper),
  });

  const parsed = listedPaperSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(item)';
    throw fail(`${label} (${id}) field ${field}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** True when json is an array whose items look like daily-papers items (object with paper.id). */
export function looksLikeApiResponse(json: unknown): boolean {
  return (
    Array.isArray(json) &&
    json.every((item) => isRecord(item) && isRecord(item.paper) && typeof item.paper.id === 'string')
  );
}

/** Map a parsed API page; duplicate ids within one day keep their first listing. */
export function parseApiItems(json: unknown, ctx: ParseContext): ListedPaper[] {
  if (!Array.isArray(json)) {
    const got = isRecord(json)
      ? `an object with keys ${Object.keys(json).slice(0, 12).join(', ') || '(none)'}`
      : describe(json);
    throw new InputError(ctx.where, `expected a JSON array of papers, got ${got}`, ctx.date);
  }
  const byId = new Map<string, ListedPaper>();
  json.forEach((item, index) => {
    const paper = mapApiItem(item, { ...ctx, index });
    if (!byId.has(paper.id)) byId.set(paper.id, paper);
  });
  return [...byId.values()];
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

/** Parse the body of GET /api/daily_papers?date=D (one page). Throws InputError(where, problem, date). */
export function parseApiDay(body: string, ctx: ParseContext): ListedPaper[] {
  const fail = (problem: string): InputError => new InputError(ctx.where, problem, ctx.date);
  if (body.trim().length === 0) throw fail('empty body');
  if (looksLikeHtml(body)) {
    const title = htmlTitle(body);
    throw fail(`got an HTML page, expected JSON${title ? ` (title ${quoteForError(title)})` : ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw fail(`invalid JSON: ${msg.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  return parseApiItems(json, ctx);
}
