// One search from start to end, as steps the page shows: a pasted id's paper; titles found in the title lookup;
// the newest years' results; the older years' merged in. Ranking, sorted merging and status lines; no DOM.
import {
  extractPaperId,
  hasFilters,
  hasSearch,
  pagefindOptions,
  perBundleOptions,
  searchStages,
  SortedMerge,
  type SearchBundle,
  type SearchState,
} from '../../lib/search-query.ts';
import { matchTitles, normalizeTitle } from '../../lib/title-index.ts';
import { memoised, type Pagefind, type PagefindResult, type ResultData } from './pagefind.ts';
import { rank, rankQuery } from './rank.ts';

/** Where a search gets its indexes: the page's Pagefind instances (each loaded once, a failed load made again). */
export interface SearchSource {
  /** The search bundles, newest first (as planShards lists them). */
  bundles: readonly SearchBundle[];
  /** Pagefind over the newest bundle. */
  newest(): Promise<Pagefind>;
  /** Pagefind over the older years' bundles, merged into one. */
  older(): Promise<Pagefind>;
  /** The title-lookup shard for a normalized query, or undefined when the archive has no title lookup. */
  titleShard(normalized: string): Promise<unknown> | undefined;
  /** The site's base path (`/` or `/sub/`): result URLs start with it. */
  base: string;
}

export type Hit = PagefindResult;

/** What the page shows after each step of a search. */
export interface Step {
  /** The results so far, in order; the page takes a page of them at a time. */
  results: SortedMerge<Hit>;
  /** Final: no step follows (the "show more" button may be offered). */
  done: boolean;
  status: string;
}

/** Candidates ranked by their data (each costs its fragment; the first page needs ten anyway). */
export const RANKED_POOL = 12;
/** Candidates taken from the phrase search besides: a phrase match ranks above the same words scattered. */
export const PHRASE_POOL = 8;
/**
 * And the most upvoted matches (of the phrase, else of the words): for a broad query ("world model", hundreds of
 * titles) Pagefind's top scores are arbitrary among equals, and the well-known papers would never be candidates.
 */
export const POPULAR_POOL = 5;

/** `2024` or `2019–2022`: the years some bundles cover (bundles are newest first). */
export function yearsOf(bundles: readonly SearchBundle[]): string {
  const from = bundles.at(-1)?.from ?? '';
  const to = bundles[0]?.to ?? '';
  return from === to ? from : `${from}–${to}`;
}

/** A summary of the years searched so far: "12 papers found for “x” in 2026; <then>". */
const soFar = (summary: string, bundles: readonly SearchBundle[], then: string) =>
  `${summary.replace(/\.$/, '')} in ${yearsOf(bundles)}; ${then}`;

export function summary(state: SearchState, n: number, pastedId: string | undefined): string {
  const count = `${n.toLocaleString('en')} ${n === 1 ? 'paper' : 'papers'}`;
  const q = state.q.trim();
  const what = q ? ` for “${q}”` : '';
  const filtered = hasFilters(state) ? ' with these filters' : '';
  const missing = pastedId ? `arXiv ${pastedId} is not in the archive. ` : '';
  if (n === 0) return `${missing}No papers found${what}${filtered}.`;
  return `${missing}${count} found${what}${filtered}.`;
}

const single = (list: readonly Hit[]) => new SortedMerge<Hit>([list], () => Promise.resolve(0));
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs one search; each yielded step replaces what the page shows. Throws when the first step fails. */
export async function* runSearch(state: SearchState, source: SearchSource): AsyncGenerator<Step> {
  if (!hasSearch(state)) {
    yield { results: single([]), done: true, status: '' };
    return;
  }
  const pastedId = extractPaperId(state.q);
  const stages = searchStages(source.bundles, state.filters.year);
  const instance = (newest: boolean) => (newest ? source.newest() : source.older());
  await source.newest();
  if (pastedId) {
    const exact = await findById(pastedId, stages, instance);
    if (exact) {
      yield { results: single([exact]), done: true, status: `Found arXiv ${pastedId} in the archive.` };
      return;
    }
  }
  if (stages.length === 0) {
    // A year filter outside the archive.
    yield { results: single([]), done: true, status: summary(state, 0, pastedId) };
    return;
  }
  // An unknown id still finds the papers that mention it.
  const term = pastedId ?? (state.q.trim() || null);
  const options = pagefindOptions(state);
  const relevance = !options.sort && term !== null;
  const q = rankQuery(term ?? '');
  // A phrase search besides the words' search, for a query of several words (Pagefind's exact-phrase syntax).
  const phrased = relevance && q.words >= 2 && !pastedId && !/"/.test(term ?? '');

  // Papers whose titles start with the query, on an archive of several bundles (whatever their year): shown while
  // the newest years are searched, and kept first until their own year answers.
  const titled = stages.length > 1 && !pastedId ? findByTitle(state, source) : Promise.resolve([]);
  const first = searchStage(stages[0]!, term, options, phrased, instance);
  const early = await Promise.race([first.then(() => undefined), titled]);
  if (early && early.length > 0) {
    const n = early.length === 1 ? 'One paper' : `${early.length} papers`;
    yield {
      results: single(early),
      done: false,
      status: `${n} found by title for “${state.q.trim()}”; searching ${yearsOf(source.bundles)}…`,
    };
  }

  const words: Hit[][] = [];
  const phrases: Hit[] = [];
  const popular: Hit[] = [];
  let shown = '';
  for (const [i, stage] of stages.entries()) {
    const next = stages[i + 1];
    let found: StageResults;
    try {
      found = await (i === 0 ? first : searchStage(stage, term, options, phrased, instance));
    } catch (error) {
      if (i === 0) throw error;
      // The newest years' results stay on screen; say which years are missing and why.
      const last = stages[i - 1]!;
      yield {
        results: await ordered(words, phrases, popular, q, relevance, state, []),
        done: true,
        status: soFar(
          shown,
          last.bundles,
          `${yearsOf(stage.bundles)} could not be searched: ${errorText(error)}`,
        ),
      };
      return;
    }
    words.push(...found.words);
    phrases.push(...found.phrase);
    popular.push(...found.popular);
    // An older paper found by its title goes first until its own year answers (then the full ranking rules).
    const older = i === 0 && next && relevance ? notIn(stage.bundles, await titled) : [];
    const olderFirst = await older;
    const results = await ordered(words, phrases, popular, q, relevance, state, olderFirst);
    shown = summary(state, results.remaining - olderFirst.length, pastedId);
    if (!next) {
      yield { results, done: true, status: shown };
      return;
    }
    const byTitle =
      olderFirst.length === 0
        ? ''
        : `${olderFirst.length === 1 ? 'one older paper' : `${olderFirst.length} older papers`} by title; `;
    yield {
      results,
      done: false,
      status: soFar(shown, stage.bundles, `${byTitle}searching ${yearsOf(next.bundles)}…`),
    };
  }
}

interface StageResults {
  /** One list in Pagefind's order, or for a sorted search over several merged bundles one list per bundle. */
  words: Hit[][];
  /** The phrase search's results (relevance searches of several words only). */
  phrase: Hit[];
  /** The most upvoted matches (relevance searches only). */
  popular: Hit[];
}

async function searchStage(
  stage: { newest: boolean; bundles: SearchBundle[] },
  term: string | null,
  options: ReturnType<typeof pagefindOptions>,
  phrased: boolean,
  instance: (newest: boolean) => Promise<Pagefind>,
): Promise<StageResults> {
  const pf = await instance(stage.newest);
  // A sorted search over several bundles: one search per bundle, merged by the sort key (see perBundleOptions).
  const perBundle = (!stage.newest && perBundleOptions(options, stage.bundles)) || [options];
  const results = (r: Awaited<ReturnType<Pagefind['search']>>) => (r?.results ?? []).map(memoised);
  const relevance = !options.sort && term !== null;
  const words = await Promise.all(perBundle.map(async (o) => results(await pf.search(term, o))));
  // The phrase and popularity searches add candidates only when the words' own best ones are not all there is.
  if (!relevance || words.flat().length <= RANKED_POOL) return { words, phrase: [], popular: [] };
  // The best candidates' fragments load while the phrase and popularity searches run (memoised: fetched once).
  for (const r of words.flat().slice(0, RANKED_POOL)) void r.data().catch(() => undefined);
  const [phrase, popular] = await Promise.all([
    phrased ? pf.search(`"${term}"`, options).then(results) : Promise.resolve([]),
    pf
      .search(phrased ? `"${term}"` : term, { ...options, sort: { upvotes: 'desc' } })
      .then((r) => results(r).slice(0, POPULAR_POOL)),
  ]);
  return { words, phrase, popular };
}

/**
 * The results found so far as one order. Relevance: Pagefind's best candidates, the phrase matches and the most upvoted matches re-ranked by
 * their titles, authors and upvotes (rank.ts), then the rest in Pagefind's order (by score across bundles, as
 * Pagefind merges them); `first` before all. Sorted searches: merged by the sort key, exactly.
 */
async function ordered(
  lists: readonly Hit[][],
  phrase: readonly Hit[],
  popular: readonly Hit[],
  q: ReturnType<typeof rankQuery>,
  relevance: boolean,
  state: SearchState,
  first: readonly Hit[],
): Promise<SortedMerge<Hit>> {
  const options = pagefindOptions(state);
  if (options.sort) {
    const key = options.sort.upvotes ? 'upvotes' : 'date';
    return new SortedMerge(lists, async (r) => {
      const value = (await r.data()).meta[key] ?? '';
      return key === 'upvotes' ? Number(value) || 0 : value;
    });
  }
  const all = lists.flat().sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  if (!relevance) return single([...first, ...all]);
  const scores = new Map(all.map((r) => [r.id, r.score ?? 0]));
  const phraseIds = new Set(phrase.map((r) => r.id));
  const pool: Hit[] = [];
  const inPool = new Set<string>();
  const best = [...popular].sort((a, b) => (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0));
  for (const r of [
    ...all.slice(0, RANKED_POOL),
    ...phrase.slice(0, PHRASE_POOL),
    ...best.slice(0, POPULAR_POOL),
  ])
    if (!inPool.has(r.id)) {
      inPool.add(r.id);
      pool.push(r);
    }
  const data = new Map(await Promise.all(pool.map(async (r) => [r.id, await r.data()] as const)));
  const ranked = rank(q, pool, (r) => {
    const d = data.get(r.id)!;
    return {
      score: scores.get(r.id) ?? r.score ?? 0,
      phrase: phraseIds.has(r.id),
      title: d.meta.title ?? '',
      authors: d.meta.authors ?? '',
      upvotes: Number(d.meta.upvotes) || 0,
    };
  });
  const rest = all.filter((r) => !inPool.has(r.id));
  return single([...first, ...ranked, ...rest]);
}

/**
 * A pasted arXiv id or paper URL: the paper itself, found by searching its id (indexed with the title's weight) and
 * taking the result at its permalink.
 */
async function findById(
  id: string,
  stages: readonly { newest: boolean }[],
  instance: (newest: boolean) => Promise<Pagefind>,
): Promise<Hit | undefined> {
  const path = `/papers/${id}/`;
  for (const stage of stages) {
    const pf = await instance(stage.newest);
    const results = ((await pf.search(id))?.results ?? []).slice(0, 5).map(memoised);
    const data = await Promise.all(results.map((r) => r.data()));
    const at = data.findIndex((d) => d.url.endsWith(path));
    if (at >= 0) return results[at];
  }
  return undefined;
}

/**
 * Papers whose titles start with the query (src/lib/title-index.ts), from one shard that carries their result
 * metadata. Only for a relevance search without filters, which the shard alone cannot honour; a failure is no
 * result, as the full-text search answers the query anyway.
 */
async function findByTitle(state: SearchState, source: SearchSource): Promise<Hit[]> {
  if (state.sort !== 'relevance' || hasFilters(state)) return [];
  const query = normalizeTitle(state.q);
  try {
    const shard = await source.titleShard(query);
    return matchTitles(shard, query)
      .filter(({ id }) => extractPaperId(id) === id)
      .map(({ id, meta }) => {
        const data: ResultData = { url: `${source.base}papers/${id}/`, excerpt: '', meta: { ...meta } };
        return { id: `title:${id}`, data: async () => data };
      });
  } catch {
    return [];
  }
}

/** The results not featured in `bundles`' years (by their featured date), so not among those bundles' results. */
async function notIn(bundles: readonly SearchBundle[], results: readonly Hit[]): Promise<Hit[]> {
  const years = await Promise.all(results.map(async (r) => ((await r.data()).meta.date ?? '').slice(0, 4)));
  return results.filter((_, i) => !bundles.some((b) => b.from <= years[i]! && years[i]! <= b.to));
}
