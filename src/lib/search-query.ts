// The search page's state: parsing a query, its filters and sort from the URL and back, and spotting pasted paper ids.
import { ARXIV_NEW_ID, ARXIV_OLD_ID } from './ids.ts';

export const sortOrders = ['relevance', 'newest', 'upvotes'] as const;
export type SortOrder = (typeof sortOrders)[number];

/** Filter names, as used in the URL and as Pagefind filter keys on paper pages. */
export const filterKeys = ['topic', 'year', 'org', 'code'] as const;
export type FilterKey = (typeof filterKeys)[number];

export interface SearchState {
  q: string;
  filters: Record<FilterKey, string[]>;
  sort: SortOrder;
}

export function emptyState(): SearchState {
  return { q: '', filters: { topic: [], year: [], org: [], code: [] }, sort: 'relevance' };
}

/** Reads `?q=...&topic=a&topic=b&year=2025&org=x&code=yes&sort=upvotes`; unknown or malformed values are dropped. */
export function parseSearchParams(params: URLSearchParams): SearchState {
  const state = emptyState();
  state.q = (params.get('q') ?? '').slice(0, 500);
  for (const key of filterKeys) {
    const values = params
      .getAll(key)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v.length > 0 && v.length <= 200);
    state.filters[key] = [...new Set(values)];
  }
  state.filters.year = state.filters.year.filter((y) => /^\d{4}$/.test(y));
  state.filters.code = state.filters.code.filter((v) => v === 'yes');
  const sort = params.get('sort');
  if (sort && (sortOrders as readonly string[]).includes(sort)) state.sort = sort as SortOrder;
  return state;
}

/** The canonical query string for a state (stable order, defaults omitted), without the leading `?`. */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q.trim());
  for (const key of filterKeys) for (const v of [...state.filters[key]].sort()) params.append(key, v);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  return params;
}

/** True when the state asks for anything: a query or at least one filter. */
export function hasFilters(state: SearchState): boolean {
  return filterKeys.some((k) => state.filters[k].length > 0);
}

export function hasSearch(state: SearchState): boolean {
  return state.q.trim() !== '' || hasFilters(state);
}

/**
 * The filters and sort to hand to Pagefind's `search()`. With filters but no query there is no relevance to rank
 * by, so "relevance" then lists the newest papers first.
 */
export function pagefindOptions(state: SearchState): {
  filters: Record<string, { any: string[] }>;
  sort?: Record<string, 'asc' | 'desc'>;
} {
  const filters: Record<string, { any: string[] }> = {};
  for (const key of filterKeys) if (state.filters[key].length > 0) filters[key] = { any: state.filters[key] };
  const sortKey =
    state.sort === 'newest' || (state.sort === 'relevance' && !state.q.trim())
      ? 'date'
      : state.sort === 'upvotes'
        ? 'upvotes'
        : undefined;
  const sort: Record<string, 'asc' | 'desc'> | undefined = sortKey ? { [sortKey]: 'desc' } : undefined;
  return sort ? { filters, sort } : { filters };
}

const ID_IN_URL =
  /^(?:https?:\/\/)?(?:www\.)?(?:arxiv\.org\/(?:abs|pdf|html)|huggingface\.co\/papers|hf\.co\/papers|alphaxiv\.org\/abs)\/([^?#\s]+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;

/**
 * The paper id in a pasted query: a bare arXiv id (`2405.15738`, `2405.15738v2`, `hep-th/9901001`) or an
 * arXiv/HF paper URL. The version suffix is dropped, as the archive keys papers by their unversioned id.
 */
export function extractPaperId(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const fromUrl = ID_IN_URL.exec(text)?.[1];
  const candidate = (fromUrl ?? text).replace(/^arxiv:/i, '');
  if (!ARXIV_NEW_ID.test(candidate) && !ARXIV_OLD_ID.test(candidate)) return undefined;
  return candidate.replace(/v\d+$/, '');
}

/** A search index bundle of the site and the years it covers (from planShards, newest first). */
export interface SearchBundle {
  dir: string;
  from: string;
  to: string;
}

type PagefindOptions = ReturnType<typeof pagefindOptions>;

function bundleYears(b: SearchBundle): string[] {
  const years: string[] = [];
  for (let y = Number(b.from); y <= Number(b.to); y++) years.push(String(y));
  return years;
}

/** The bundles a year filter leaves to search (all of them without one). */
function wantedBundles(bundles: readonly SearchBundle[], years: readonly string[]): SearchBundle[] {
  if (years.length === 0) return [...bundles];
  return bundles.filter((b) => bundleYears(b).some((y) => years.includes(y)));
}

/**
 * The order in which a search visits the bundles: the newest bundle (the years most readers search, and the one the
 * page preloads) answers first and its results are shown at once; the older years, loaded as one merged Pagefind
 * instance, answer second and their results are merged in. On a large archive this keeps what a first query
 * fetches to one bundle's metadata and chunks (the older bundles' metadata alone is ~150 KB per 13k papers), and the
 * first results to one bundle's search time. Stages a year filter rules out are left out; an archive with one
 * bundle has one stage.
 */
export function searchStages(
  bundles: readonly SearchBundle[],
  years: readonly string[],
): { newest: boolean; bundles: SearchBundle[] }[] {
  const [newest, ...older] = bundles;
  if (!newest) return [];
  return [
    { newest: true, bundles: wantedBundles([newest], years) },
    { newest: false, bundles: wantedBundles(older, years) },
  ].filter((stage) => stage.bundles.length > 0);
}

/**
 * Pagefind merges the results of several bundles by score, and a sorted search scores each bundle's results by
 * their rank in that bundle, so merged results would interleave rather than follow the sort. A sorted search over
 * several bundles is therefore run once per bundle, restricted to that bundle's years (each bundle then answers
 * alone, in its own sorted order), and the lists are merged by the sort key (mergeSorted). Bundles the year filter
 * rules out are skipped. Undefined when one search suffices: one bundle, or ranking by relevance.
 */
export function perBundleOptions(
  options: PagefindOptions,
  bundles: readonly SearchBundle[],
): PagefindOptions[] | undefined {
  if (!options.sort || bundles.length < 2) return undefined;
  const wanted = options.filters.year?.any;
  return bundles.flatMap((b) => {
    const years = bundleYears(b);
    const any = wanted ? years.filter((y) => wanted.includes(y)) : years;
    return any.length > 0 ? [{ ...options, filters: { ...options.filters, year: { any } } }] : [];
  });
}

/**
 * Lazily merges lists that are each sorted by a key, descending, into one: only the heads' keys are read (for
 * search results a key costs a fetch), ties go to the earlier list. `take(n)` gives the next n items.
 */
export class SortedMerge<T> {
  private readonly lists: readonly (readonly T[])[];
  private readonly key: (item: T) => Promise<number | string>;
  private readonly next: number[];
  private readonly keys = new Map<T, Promise<number | string>>();

  constructor(lists: readonly (readonly T[])[], key: (item: T) => Promise<number | string>) {
    this.lists = lists;
    this.key = key;
    this.next = lists.map(() => 0);
  }

  get remaining(): number {
    return this.lists.reduce((sum, list, i) => sum + list.length - (this.next[i] ?? 0), 0);
  }

  private keyOf(item: T): Promise<number | string> {
    let k = this.keys.get(item);
    if (!k) {
      k = this.key(item);
      this.keys.set(item, k);
    }
    return k;
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** The next `n` items; calls made before an earlier one has finished wait for it (e.g. "load more" clicked twice). */
  take(n: number): Promise<T[]> {
    const result = this.queue.then(() => this.takeNow(n));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async takeNow(n: number): Promise<T[]> {
    const out: T[] = [];
    while (out.length < n) {
      const heads = this.lists.flatMap((list, i) => {
        const item = list[this.next[i] ?? 0];
        return item === undefined ? [] : [{ i, item }];
      });
      if (heads.length === 0) break;
      if (heads.length === 1) {
        // One list left: the rest is in order already, no keys needed.
        const { i } = heads[0]!;
        const list = this.lists[i]!;
        const start = this.next[i] ?? 0;
        const rest = list.slice(start, start + n - out.length);
        out.push(...rest);
        this.next[i] = start + rest.length;
        break;
      }
      const keys = await Promise.all(heads.map((h) => this.keyOf(h.item)));
      let best = 0;
      for (let j = 1; j < heads.length; j++)
        if ((keys[j] as number | string) > (keys[best] as number | string)) best = j;
      const chosen = heads[best]!;
      out.push(chosen.item);
      this.keys.delete(chosen.item);
      this.next[chosen.i] = (this.next[chosen.i] ?? 0) + 1;
    }
    return out;
  }
}
