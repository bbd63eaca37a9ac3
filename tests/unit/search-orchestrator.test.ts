// The search page's orchestrator (src/scripts/search/orchestrator.ts) driven with a fake Pagefind: ranking of real
// failure cases, phrase and author queries, pasted ids, bundles in stages, the title lookup, sorted merges, failures.
import { describe, expect, it } from 'vitest';
import { parseSearchParams, type SearchBundle } from '../../src/lib/search-query.ts';
import { buildTitleShards, titleShardOf } from '../../src/lib/title-index.ts';
import {
  PHRASE_POOL,
  POPULAR_POOL,
  RANKED_POOL,
  runSearch,
  type SearchSource,
  type Step,
} from '../../src/scripts/search/orchestrator.ts';
import type { SearchMeta } from '../../src/lib/search-record.ts';
import type { Pagefind, PagefindSearchOptions } from '../../src/scripts/search/pagefind.ts';

interface FakePaper {
  id: string;
  title: string;
  authors?: string[];
  upvotes?: number;
  date?: string;
  /** Pagefind's score for the words' search; the phrase search finds the paper when `phrase` is set. */
  score: number;
  phrase?: boolean;
}

const meta = (p: FakePaper): SearchMeta => ({
  title: p.title,
  date: p.date ?? '2025-06-01',
  upvotes: String(p.upvotes ?? 0),
  topics: '',
  authors: (p.authors ?? []).join('; '),
  org: '',
  orgKey: '',
  thumb: '',
  code: '',
  words: '3',
});

/** A Pagefind that answers every query with `papers` (in score order), recording searches and fragment loads. */
function fakePagefind(
  papers: readonly FakePaper[],
  log: { searches: string[]; fragments: string[] },
  fail?: Error,
) {
  const pf: Pagefind = {
    options: async () => undefined,
    mergeIndex: async () => undefined,
    init: async () => undefined,
    preload: async () => undefined,
    filters: async () => ({}),
    async search(term: string | null, o?: PagefindSearchOptions) {
      log.searches.push(`${term}${o?.sort ? ` sort=${Object.keys(o.sort).join()}` : ''}`);
      if (fail) throw fail;
      const phrase = term?.startsWith('"') ?? false;
      const byId = term !== null && /^\d{4}\.\d{4,5}$/.test(term);
      let found = papers.filter((p) => (byId ? p.id === term : !phrase || p.phrase));
      const years = o?.filters?.year?.any;
      if (years) found = found.filter((p) => years.includes((p.date ?? '2025-06-01').slice(0, 4)));
      if (o?.sort?.upvotes) found = [...found].sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0));
      else if (o?.sort?.date) found = [...found].sort((a, b) => ((b.date ?? '') < (a.date ?? '') ? -1 : 1));
      else found = [...found].sort((a, b) => b.score - a.score);
      return {
        results: found.map((p, i) => ({
          id: `pf-${p.id}`,
          score: o?.sort ? found.length - i : p.score,
          data: async () => {
            log.fragments.push(p.id);
            return {
              url: `/papers/${p.id}/`,
              excerpt: '',
              content: 'a b c',
              locations: [0],
              meta: { ...meta(p) },
            };
          },
        })),
      };
    },
  };
  return pf;
}

const ONE: SearchBundle[] = [{ dir: 'pagefind', from: '2024', to: '2026' }];

function source(
  papers: readonly FakePaper[],
  opts: {
    bundles?: SearchBundle[];
    older?: FakePaper[];
    olderFails?: Error;
    titles?: Map<number, unknown>;
  } = {},
) {
  const log = { searches: [] as string[], fragments: [] as string[], olderLoads: 0 };
  const newest = fakePagefind(papers, log);
  const older = fakePagefind(opts.older ?? [], log, opts.olderFails);
  const bundles = opts.bundles ?? ONE;
  const src: SearchSource = {
    bundles,
    base: '/',
    newest: async () => newest,
    older: async () => {
      log.olderLoads++;
      return older;
    },
    titleShard: (q) => {
      const n = titleShardOf(q, 4);
      return opts.titles && n !== undefined ? Promise.resolve(opts.titles.get(n) ?? []) : undefined;
    },
  };
  return { src, log };
}

async function steps(q: string, src: SearchSource): Promise<Step[]> {
  const out: Step[] = [];
  for await (const step of runSearch(parseSearchParams(new URLSearchParams(q)), src)) out.push(step);
  return out;
}

/** The ids of the final step's first `n` results. */
async function top(q: string, src: SearchSource, n = 10): Promise<string[]> {
  const all = await steps(q, src);
  const last = all.at(-1)!;
  const items = await last.results.take(n);
  return Promise.all(items.map(async (r) => /papers\/(.+)\/$/.exec((await r.data()).url)![1]!));
}

describe('relevance ranking', () => {
  it("puts the paper titled exactly as the query first, over one that mentions it (Humanity's Last Exam)", async () => {
    // As found on the real archive: SciMaster's long title mentions the benchmark and Pagefind scored it higher.
    const { src } = source([
      {
        id: '2507.05241',
        title:
          "SciMaster: Towards General-Purpose Scientific AI Agents, Part I. X-Master as Foundation: Can We Lead on Humanity's Last Exam?",
        score: 9,
        upvotes: 1,
        phrase: true,
      },
      { id: '2501.14249', title: "Humanity's Last Exam", score: 7, upvotes: 9, phrase: true },
    ]);
    expect(await top("q=Humanity's Last Exam", src)).toEqual(['2501.14249', '2507.05241']);
    // Typed without the apostrophe, too.
    expect((await top('q=Humanitys Last Exam', src))[0]).toBe('2501.14249');
  });

  it('ranks a title that starts with the query, and a short name before a colon, first', async () => {
    const { src } = source([
      { id: '2401.00001', title: 'Splatting long videos, a LongSplat baseline', score: 10 },
      { id: '2508.14041', title: 'LongSplat: Robust Unposed 3D Gaussian Splatting', score: 5 },
    ]);
    expect((await top('q=LongSplat', src))[0]).toBe('2508.14041');
    const { src: qwen } = source([
      { id: '2509.17765', title: 'Qwen3-Omni Technical Report', score: 10 },
      { id: '2412.15115', title: 'Qwen2.5 Technical Report', score: 4 },
    ]);
    expect((await top('q=Qwen 2.5 Technical Report', qwen))[0]).toBe('2412.15115');
  });

  it("ranks a full name's own papers first: the author as a phrase, not two words anywhere", async () => {
    const { src } = source([
      { id: '2401.00001', title: 'A', authors: ['Yang Zhou', 'Wei Liu'], score: 12, phrase: true },
      { id: '2401.00002', title: 'B', authors: ['Mei Yang', 'Liu Bo'], score: 11 },
      { id: '2401.00003', title: 'C', authors: ['Yang Liu', 'Someone Else'], score: 3, phrase: true },
    ]);
    expect(await top('q=Yang Liu', src)).toEqual(['2401.00003', '2401.00001', '2401.00002']);
  });

  it('ranks phrase matches above the same words scattered', async () => {
    const { src } = source([
      { id: '2401.00001', title: 'Mixture models for many languages', score: 10 },
      {
        id: '2410.10626',
        title:
          'Efficiently Democratizing Medical LLMs for 50 Languages via a Mixture of Language Family Experts',
        score: 6,
        phrase: true,
      },
    ]);
    expect((await top('q=for 50 Languages via a Mixture', src))[0]).toBe('2410.10626');
  });

  it('lets upvotes order comparable matches but never lift a worse match over a better one', async () => {
    const { src } = source([
      { id: '2401.00001', title: 'Obscure diffusion transformer', score: 10, upvotes: 0, phrase: true },
      { id: '2401.00002', title: 'Popular diffusion transformer', score: 9, upvotes: 200, phrase: true },
      { id: '2401.00003', title: 'Diffusion meets a transformer', score: 9.5, upvotes: 900 },
    ]);
    // 0002's upvotes lift it over 0001 (similar score, same tier); 0003 is no phrase match, whatever its upvotes.
    expect(await top('q=diffusion transformer', src)).toEqual(['2401.00002', '2401.00001', '2401.00003']);
    const { src: far } = source([
      { id: '2401.00001', title: 'x', score: 10, upvotes: 0 },
      { id: '2401.00002', title: 'y', score: 5, upvotes: 5000 },
    ]);
    // Half the score is no comparable match: the bounded boost (x1.5 at most) does not reach it.
    expect(await top('q=quantum', far)).toEqual(['2401.00001', '2401.00002']);
  });

  it('loads the fragments of a bounded pool of candidates only, and runs the phrase search for several words', async () => {
    const papers = Array.from({ length: 60 }, (_, i) => ({
      id: `2401.${String(10000 + i)}`,
      title: `Paper ${i}`,
      score: 100 - i,
    }));
    const { src, log } = source(papers);
    const ids = await top('q=some words', src);
    expect(ids).toHaveLength(10);
    // The words, the phrase, and the phrase's most upvoted matches.
    expect(log.searches).toEqual(['some words', '"some words"', '"some words" sort=upvotes']);
    expect(new Set(log.fragments).size).toBeLessThanOrEqual(RANKED_POOL + PHRASE_POOL + POPULAR_POOL);
  });
});

describe('pasted ids and sorted searches', () => {
  it('finds a pasted id or URL by its own result, without fetching any page', async () => {
    const { src, log } = source([
      { id: '2501.14249', title: "Humanity's Last Exam", score: 1 },
      { id: '2412.15115', title: 'Qwen2.5 Technical Report', score: 1 },
    ]);
    const all = await steps('q=https://arxiv.org/abs/2412.15115v2', src);
    expect(all).toHaveLength(1);
    expect(all[0]!.status).toBe('Found arXiv 2412.15115 in the archive.');
    expect(await top('q=2412.15115', src)).toEqual(['2412.15115']);
    expect(log.searches[0]).toBe('2412.15115');
  });

  it('says when a pasted id is not in the archive, and searches its text instead', async () => {
    const { src } = source([{ id: '2501.14249', title: 'x', score: 1 }]);
    const all = await steps('q=2609.99999', src);
    expect(all.at(-1)!.status).toMatch(/^arXiv 2609\.99999 is not in the archive\. No papers found/);
  });

  it('keeps a sorted search exact: by upvotes across bundles, no re-ranking', async () => {
    const bundles: SearchBundle[] = [
      { dir: 'pagefind', from: '2026', to: '2026' },
      { dir: 'pagefind-2024-2025', from: '2024', to: '2025' },
    ];
    const { src } = source(
      [{ id: '2601.00001', title: 'llm new', score: 1, upvotes: 5, date: '2026-01-02' }],
      {
        bundles,
        older: [
          { id: '2401.00001', title: 'llm', score: 1, upvotes: 50, date: '2024-01-02' },
          { id: '2501.00001', title: 'llm exact title', score: 1, upvotes: 1, date: '2025-01-02' },
        ],
      },
    );
    expect(await top('q=llm&sort=upvotes', src)).toEqual(['2401.00001', '2601.00001', '2501.00001']);
  });
});

describe('several bundles', () => {
  const bundles: SearchBundle[] = [
    { dir: 'pagefind', from: '2026', to: '2026' },
    { dir: 'pagefind-2024-2025', from: '2024', to: '2025' },
  ];

  it('shows the newest years first, then merges the older years in', async () => {
    const { src } = source([{ id: '2601.00001', title: 'new', score: 3, date: '2026-01-02' }], {
      bundles,
      older: [{ id: '2401.00001', title: 'old', score: 5, date: '2024-01-02' }],
    });
    const all = await steps('q=graph', src);
    expect(all.map((s) => s.done)).toEqual([false, true]);
    expect(all[0]!.status).toBe('1 paper found for “graph” in 2026; searching 2024–2025…');
    expect(all[1]!.status).toBe('2 papers found for “graph”.');
    expect(await top('q=graph', src)).toEqual(['2401.00001', '2601.00001']);
  });

  it('puts an older paper found by its title first while its years are still searched', async () => {
    const old = {
      id: '2401.00001',
      title: 'Grokked Transformers are Implicit Reasoners',
      date: '2024-05-01',
    };
    const shards = buildTitleShards([{ id: old.id, meta: meta({ ...old, score: 0 }) }], 4);
    const { src } = source(
      [{ id: '2601.00001', title: 'Other transformers', score: 3, date: '2026-01-02' }],
      {
        bundles,
        older: [{ ...old, score: 1 }],
        titles: shards,
      },
    );
    const all = await steps('q=Grokked Transformers', src);
    const firstShown = await all[all.length - 2]!.results.take(10);
    expect(firstShown[0]!.id).toBe('title:2401.00001');
    expect(all.at(-2)!.status).toMatch(/one older paper by title; searching 2024–2025…$/);
    // Once every year has answered, the paper is listed once, from its own year's index.
    const final = await all.at(-1)!.results.take(10);
    expect(final.map((r) => r.id)).toEqual(['pf-2401.00001', 'pf-2601.00001']);
  });

  it('keeps the newest years on screen when the older ones fail, and says why', async () => {
    const { src } = source([{ id: '2601.00001', title: 'new', score: 3, date: '2026-01-02' }], {
      bundles,
      olderFails: new Error('HTTP 503'),
    });
    const all = await steps('q=graph', src);
    expect(all.at(-1)!.done).toBe(true);
    expect(all.at(-1)!.status).toBe(
      '1 paper found for “graph” in 2026; 2024–2025 could not be searched: HTTP 503',
    );
    expect(await top('q=graph', src)).toEqual(['2601.00001']);
  });

  it('does not load the older years for a year filter that rules them out', async () => {
    const { src, log } = source([{ id: '2601.00001', title: 'new', score: 3, date: '2026-01-02' }], {
      bundles,
    });
    await steps('q=graph&year=2026', src);
    expect(log.olderLoads).toBe(0);
  });
});
