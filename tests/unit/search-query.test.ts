import { describe, expect, it } from 'vitest';
import {
  emptyState,
  extractPaperId,
  hasSearch,
  pagefindOptions,
  parseSearchParams,
  perBundleOptions,
  searchStages,
  SortedMerge,
  toSearchParams,
} from '../../src/lib/search-query.ts';

describe('extractPaperId', () => {
  it.each([
    ['2405.15738', '2405.15738'],
    ['  2405.15738v2 ', '2405.15738'],
    ['arXiv:2405.15738', '2405.15738'],
    ['https://arxiv.org/abs/2405.15738v1', '2405.15738'],
    ['https://arxiv.org/pdf/2405.15738.pdf', '2405.15738'],
    ['arxiv.org/pdf/2405.15738v3', '2405.15738'],
    ['https://huggingface.co/papers/2608.19880', '2608.19880'],
    ['https://huggingface.co/papers/2608.19880?foo=1#x', '2608.19880'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['https://arxiv.org/abs/math.GT/0309136v2', 'math.GT/0309136'],
  ])('%s -> %s', (input, id) => {
    expect(extractPaperId(input)).toBe(id);
  });

  it.each([
    '',
    'diffusion transformers',
    '2405',
    '12345.678',
    'https://example.com/papers/2405.15738',
    '../2405.15738',
  ])('ignores %j', (input) => {
    expect(extractPaperId(input)).toBeUndefined();
  });
});

describe('search URL state', () => {
  it('round-trips query, filters and sort in a canonical order', () => {
    const params = new URLSearchParams(
      'sort=upvotes&topic=llm&q=flow+matching&topic=agents&year=2025&code=yes',
    );
    const state = parseSearchParams(params);
    expect(state).toEqual({
      q: 'flow matching',
      filters: { topic: ['llm', 'agents'], year: ['2025'], org: [], code: ['yes'] },
      sort: 'upvotes',
    });
    const again = toSearchParams(state).toString();
    expect(again).toBe('q=flow+matching&topic=agents&topic=llm&year=2025&code=yes&sort=upvotes');
    expect(parseSearchParams(new URLSearchParams(again))).toEqual({
      ...state,
      filters: { ...state.filters, topic: ['agents', 'llm'] },
    });
  });

  it('drops malformed values and unknown sorts', () => {
    const state = parseSearchParams(new URLSearchParams('year=20x5&code=maybe&sort=random&topic='));
    expect(state).toEqual(emptyState());
    expect(toSearchParams(state).toString()).toBe('');
  });

  it('maps state to Pagefind filters and sort', () => {
    const state = parseSearchParams(new URLSearchParams('topic=llm&sort=newest'));
    expect(pagefindOptions(state)).toEqual({ filters: { topic: { any: ['llm'] } }, sort: { date: 'desc' } });
    expect(pagefindOptions({ ...emptyState(), q: 'agents' })).toEqual({ filters: {} });
    expect(pagefindOptions({ ...emptyState(), q: 'agents', sort: 'upvotes' })).toEqual({
      filters: {},
      sort: { upvotes: 'desc' },
    });
  });

  it('lists filter-only searches newest first, as there is no relevance to rank by', () => {
    const state = parseSearchParams(new URLSearchParams('year=2025'));
    expect(pagefindOptions(state)).toEqual({ filters: { year: { any: ['2025'] } }, sort: { date: 'desc' } });
  });

  it('knows when there is anything to search for', () => {
    expect(hasSearch(emptyState())).toBe(false);
    expect(hasSearch({ ...emptyState(), q: '   ' })).toBe(false);
    expect(hasSearch({ ...emptyState(), q: 'x' })).toBe(true);
    expect(hasSearch(parseSearchParams(new URLSearchParams('code=yes')))).toBe(true);
    expect(hasSearch(parseSearchParams(new URLSearchParams('sort=upvotes')))).toBe(false);
  });
});

describe('searching several index bundles', () => {
  const bundles = [
    { dir: 'pagefind', from: '2025', to: '2026' },
    { dir: 'pagefind-2023-2024', from: '2023', to: '2024' },
  ];
  const state = (query: string) => parseSearchParams(new URLSearchParams(query));

  it('ranks by relevance in one search, and with one bundle always', () => {
    expect(perBundleOptions(pagefindOptions(state('q=agents')), bundles)).toBeUndefined();
    expect(
      perBundleOptions(pagefindOptions(state('q=agents&sort=upvotes')), bundles.slice(0, 1)),
    ).toBeUndefined();
  });

  it('runs a sorted search once per bundle, restricted to its years, and skips bundles the year filter excludes', () => {
    expect(perBundleOptions(pagefindOptions(state('q=agents&topic=llm&sort=upvotes')), bundles)).toEqual([
      { filters: { topic: { any: ['llm'] }, year: { any: ['2025', '2026'] } }, sort: { upvotes: 'desc' } },
      { filters: { topic: { any: ['llm'] }, year: { any: ['2023', '2024'] } }, sort: { upvotes: 'desc' } },
    ]);
    // A filter-only search is listed newest first, so it is sorted too.
    expect(perBundleOptions(pagefindOptions(state('year=2024')), bundles)).toEqual([
      { filters: { year: { any: ['2024'] } }, sort: { date: 'desc' } },
    ]);
  });
});

describe('searchStages', () => {
  const bundles = [
    { dir: 'pagefind', from: '2025', to: '2026' },
    { dir: 'pagefind-2023-2024', from: '2023', to: '2024' },
    { dir: 'pagefind-2019-2022', from: '2019', to: '2022' },
  ];

  it('searches the newest bundle first, then the older ones together', () => {
    expect(searchStages(bundles, [])).toEqual([
      { newest: true, bundles: bundles.slice(0, 1) },
      { newest: false, bundles: bundles.slice(1) },
    ]);
    expect(searchStages(bundles.slice(0, 1), [])).toEqual([{ newest: true, bundles: bundles.slice(0, 1) }]);
    expect(searchStages([], [])).toEqual([]);
  });

  it('leaves out what a year filter rules out', () => {
    expect(searchStages(bundles, ['2026'])).toEqual([{ newest: true, bundles: [bundles[0]] }]);
    expect(searchStages(bundles, ['2020'])).toEqual([{ newest: false, bundles: [bundles[2]] }]);
    expect(searchStages(bundles, ['2024', '2025'])).toEqual([
      { newest: true, bundles: [bundles[0]] },
      { newest: false, bundles: [bundles[1]] },
    ]);
    expect(searchStages(bundles, ['1999'])).toEqual([]);
  });
});

describe('SortedMerge', () => {
  it('merges descending lists by key, reading each head’s key once, ties to the earlier list', async () => {
    const item = (list: string, v: number) => ({ list, v });
    const lists = [
      [item('a', 9), item('a', 7), item('a', 1)],
      [item('b', 8), item('b', 7), item('b', 2)],
      [item('c', 10), item('c', 3)],
    ];
    const reads = new Map<object, number>();
    const merge = new SortedMerge(lists, (x: { v: number }) => {
      reads.set(x, (reads.get(x) ?? 0) + 1);
      return Promise.resolve(x.v);
    });
    expect(merge.remaining).toBe(8);
    const first = await merge.take(4);
    expect(first.map((x) => `${x.list}${x.v}`)).toEqual(['c10', 'a9', 'b8', 'a7']);
    expect(merge.remaining).toBe(4);
    const rest = await merge.take(10);
    expect(rest.map((x) => `${x.list}${x.v}`)).toEqual(['b7', 'c3', 'b2', 'a1']);
    expect(merge.remaining).toBe(0);
    expect(await merge.take(10)).toEqual([]);
    expect(Math.max(...reads.values())).toBe(1);
  });

  it('gives concurrent takes consecutive, disjoint items', async () => {
    const merge = new SortedMerge(
      [
        [6, 4, 2],
        [5, 3, 1],
      ],
      (v: number) => new Promise<number>((r) => setTimeout(() => r(v), 1)),
    );
    const [a, b] = await Promise.all([merge.take(2), merge.take(2)]);
    expect([a, b]).toEqual([
      [6, 5],
      [4, 3],
    ]);
    expect(merge.remaining).toBe(2);
  });

  it('compares string keys (ISO dates) as well as numbers', async () => {
    const merge = new SortedMerge(
      [
        ['2026-08-21', '2026-01-02'],
        ['2025-12-31', '2024-05-27'],
      ],
      (d: string) => Promise.resolve(d),
    );
    expect(await merge.take(4)).toEqual(['2026-08-21', '2026-01-02', '2025-12-31', '2024-05-27']);
  });
});
