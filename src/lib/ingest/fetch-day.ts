// Fetches one day's listing from Hugging Face: the daily_papers API with paging, or the daily HTML page.
import { InputError } from '../errors.ts';
import { HttpError, type HttpClient } from '../http.ts';
import type { ListedPaper } from '../paper.ts';
import { looksLikeApiResponse, looksLikeHtml, parseApiDay, parseApiItems } from '../sources/hf-api.ts';
import { parseHtmlDay } from '../sources/hf-html.ts';
import type { DayListing } from './apply-day.ts';

export type NetworkSource = 'hf-api' | 'hf-html';

export interface FetchOptions {
  baseUrl: string;
  http: Pick<HttpClient, 'getText'>;
  /** Page size asked of the API; a shorter page is the last one. */
  pageSize?: number;
  /** Clock, for the fetch time recorded in the archive. */
  now?: () => Date;
}

/** Guards against a server that never returns a short page. */
const MAX_PAGES = 50;

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
  const papers = parseHtmlDay(res.body, { date, where: url });
  return { date, papers, source: { kind: 'hf-html', url, fetchedAt } };
}

/**
 * One day from the API, page by page. When the first page is not an API response (an HTML page, an
 * object), the day is read from its HTML page instead; if that fails too, the error names both.
 */
async function fetchApi(date: string, opts: FetchOptions): Promise<DayListing> {
  const limit = opts.pageSize ?? 100;
  const fetchedAt = (opts.now ?? (() => new Date()))().toISOString();
  const firstUrl = apiUrl(opts.baseUrl, date, limit, 0);
  const byId = new Map<string, ListedPaper>();
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = apiUrl(opts.baseUrl, date, limit, page);
    const res = await opts.http.getText(url);
    const ctx = { date, where: url };
    let json: unknown;
    let apiShaped = false;
    if (!looksLikeHtml(res.body) && !/html/i.test(res.contentType)) {
      try {
        json = JSON.parse(res.body);
        apiShaped = looksLikeApiResponse(json);
      } catch {
        // parseApiDay below turns this into a precise message (truncated JSON, empty body, ...).
        parseApiDay(res.body, ctx);
      }
    }
    if (!apiShaped) {
      const problem = json === undefined ? 'got an HTML page, expected JSON' : 'not a daily_papers response';
      if (page > 0) throw new InputError(url, problem, date);
      try {
        return await fetchHtml(date, opts);
      } catch (e) {
        const why = e instanceof InputError || e instanceof HttpError ? e.problem : (e as Error).message;
        throw new InputError(url, `${problem}; the HTML page fallback failed too: ${why}`, date);
      }
    }
    const items = json as unknown[];
    for (const paper of parseApiItems(items, ctx)) if (!byId.has(paper.id)) byId.set(paper.id, paper);
    if (items.length < limit) {
      return { date, papers: [...byId.values()], source: { kind: 'hf-api', url: firstUrl, fetchedAt } };
    }
  }
  throw new InputError(firstUrl, `still getting full pages after ${MAX_PAGES} pages of ${limit}`, date);
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
