import { describe, expect, it } from 'vitest';
import {
  emptyState,
  extractPaperId,
  hasSearch,
  pagefindOptions,
  parseSearchParams,
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
