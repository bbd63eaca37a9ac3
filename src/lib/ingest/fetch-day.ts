// Fetches one day's listing from Hugging Face: the daily_papers API with paging, or the daily HTML page.
import { InputError } from '../errors.ts';
import { HttpError, type HttpClient, type HttpResponse } from '../http.ts';
import type { ListedPaper } from '../paper.ts';
import { parseApiItems, readApiBody } from '../sources/hf-api.ts';
import { parseHtmlDay } from '../sources/hf-html.ts';
import { noUsableItems, type ParsedListing, type SkippedItem } from '../sources/listed-paper.ts';
import type { DayListing } from './apply-day.ts';

export type NetworkSource = 'hf-api' | 'hf-html';

export interface FetchOptions {
  baseUrl: string;
  http: Pick<HttpClient, 'getText'>;
  /** Page size asked of the API (the server may answer with fewer a page: see fetchApi). */
  pageSize?: number;
  /** Clock, for the fetch time recorded in the archive. */
  now?: () => Date;
}

/** Guards against a server that never returns a short page. */
export const MAX_PAGES = 50;

export function apiUrl(baseUrl: string, date: string, limit: number, page: number): string {
  return `${baseUrl}/api/daily_papers?date=${date}&limit=${limit}&p=${page}`;
}

export function htmlUrl(baseUrl: string, date: string): string {
  return `${baseUrl}/papers/date/${date}`;
}

async function fetchHtml(date: string, opts: FetchOptions): Promise<DayListing> {
  const url = htmlUrl(opts.baseUrl, date);
  const fetchedAt = (opts.now ?? (() => new Date()))().toISOString();
  const res = await opts.http.getText(url, 'text/html');
  const { papers, skipped, notes } = parseHtmlDay(res.body, { date, where: url });
  return { date, papers, skipped, notes, source: { kind: 'hf-html', url, fetchedAt } };
}

/**
 * One API page: its items, or why it is no API response. Throws InputError for an empty body or invalid JSON
 * (a cut transfer, which the HTML page would not mend).
 */
function readPage(
  res: HttpResponse,
  ctx: { date: string; where: string },
  offset: number,
  first: boolean,
): ParsedListing | { problem: string } {
  const read = readApiBody(res.body, ctx);
  if ('html' in read) return { problem: read.html };
  if (/html/i.test(res.contentType)) return { problem: `got ${res.contentType}, expected JSON` };
  let listing: ParsedListing;
  try {
    listing = parseApiItems(read.json, ctx, offset);
  } catch (e) {
    if (e instanceof InputError) return { problem: e.problem };
    throw e;
  }
  // On the first page, an array without one usable item is no API response (Python reprs, a changed format).
  if (first && listing.itemCount > 0 && listing.papers.length === 0)
    return { problem: noUsableItems(listing) };
  return listing;
}

function problemOf(e: unknown): string {
  return e instanceof InputError || e instanceof HttpError ? e.problem : (e as Error).message;
}

/**
 * One day from the API, page by page. A server may cap `limit` below what was asked (25 or 50 whatever the
 * request says), so a page shorter than asked is not taken as the last one: paging goes on until a page
 * comes back empty or shorter than the first page was. A page that adds no new id ends it too (a server
 * that ignores `p` sends the same page every time), with a note, as does MAX_PAGES with an error. Ids seen
 * on an earlier page keep their first listing (lists shift while they are paged).
 *
 * When the first page is not an API response (an HTML page, an object, an array without one usable item),
 * the day is read from its HTML page instead; if that fails too, the error names both.
 */
async function fetchApi(date: string, opts: FetchOptions): Promise<DayListing> {
  const limit = opts.pageSize ?? 100;
  const fetchedAt = (opts.now ?? (() => new Date()))().toISOString();
  const firstUrl = apiUrl(opts.baseUrl, date, limit, 0);
  const byId = new Map<string, ListedPaper>();
  const skipped: SkippedItem[] = [];
  const skippedIds = new Set<string>();
  const notes: string[] = [];
  let firstLength = 0;
  let offset = 0;
  const done = (): DayListing => ({
    date,
    papers: [...byId.values()],
    skipped,
    notes,
    source: { kind: 'hf-api', url: firstUrl, fetchedAt },
  });
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = apiUrl(opts.baseUrl, date, limit, page);
    const res = await opts.http.getText(url);
    const listing = readPage(res, { date, where: url }, offset, page === 0);
    if ('problem' in listing) {
      if (page > 0) throw new InputError(url, listing.problem, date);
      try {
        return await fetchHtml(date, opts);
      } catch (e) {
        throw new InputError(
          url,
          `${listing.problem}; the HTML page fallback failed too: ${problemOf(e)}`,
          date,
        );
      }
    }

    const n = listing.itemCount;
    if (page === 0) firstLength = n;
    const fresh = listing.papers.filter((p) => !byId.has(p.id));
    // Skipped items without an id cannot be told apart, so they count as new.
    const freshSkips = listing.skipped.filter((s) => s.id === undefined || !skippedIds.has(s.id));
    if (page > 0 && n > 0 && fresh.length === 0 && freshSkips.length === 0) {
      notes.push(
        `${date} ${url}: page ${page} added no new paper (the server seems to ignore p); stopped paging with ${byId.size} paper${byId.size === 1 ? '' : 's'}`,
      );
      return done();
    }
    for (const p of fresh) byId.set(p.id, p);
    for (const s of freshSkips) {
      skipped.push(s);
      if (s.id !== undefined) skippedIds.add(s.id);
    }
    notes.push(...listing.notes);
    offset += n;
    if (n === 0 || n < firstLength) return done();
  }
  throw new InputError(firstUrl, `still getting new papers after ${MAX_PAGES} pages of ${firstLength}`, date);
}

/** One day's listing; every failure is an InputError (`DATE URL: PROBLEM`). */
export async function fetchDay(date: string, source: NetworkSource, opts: FetchOptions): Promise<DayListing> {
  try {
    return await (source === 'hf-html' ? fetchHtml(date, opts) : fetchApi(date, opts));
  } catch (e) {
    if (e instanceof HttpError) throw new InputError(e.url, e.problem, date);
    throw e;
  }
}
