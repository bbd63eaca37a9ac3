import { describe, expect, it } from 'vitest';
import {
  papersPerYear,
  planSearchIndex,
  planShards,
  searchDocument,
  searchFilters,
  searchMeta,
  searchSort,
  type SearchablePaper,
} from '../../src/lib/search-record.ts';

const paper = (over: Partial<SearchablePaper> = {}): SearchablePaper => ({
  id: '2405.15738',
  title: 'Aya 23: Open Weight Releases to Further Multilingual Progress',
  abstract: 'We introduce $\\alpha$-scaling.\n\nSecond paragraph with **markdown**.',
  authors: [{ name: 'Viraat Aryabumi' }, { name: 'John Dang' }],
  organization: { name: 'CohereForAI', fullname: 'Cohere For AI' },
  keywords: ['multilingual', 'LLM'],
  githubRepo: 'https://github.com/example/aya',
  featured: ['2024-05-27', '2025-01-02'],
  upvotes: 42,
  topics: ['llm', 'multilingual-nlp'],
  ...over,
});

describe('search fields of a paper', () => {
  it('meta, sort keys and filters come from the last featured day, upvotes and topics', () => {
    expect(searchMeta(paper())).toEqual({
      title: 'Aya 23: Open Weight Releases to Further Multilingual Progress',
      date: '2025-01-02',
      upvotes: '42',
      topics: 'llm multilingual-nlp',
      authors: 'Viraat Aryabumi; John Dang',
      org: 'Cohere For AI',
      orgKey: 'cohereforai',
      thumb: '',
      code: 'https://github.com/example/aya',
      words: '7',
    });
    expect(searchSort(paper())).toEqual({ date: '2025-01-02', upvotes: '0000042' });
    expect(searchFilters(paper())).toEqual({
      year: ['2025'],
      topic: ['llm', 'multilingual-nlp'],
      org: ['cohereforai'],
      code: ['yes'],
    });
  });

  it('leaves out the filters a paper has no value for', () => {
    const bare = paper({ organization: undefined, githubRepo: undefined, topics: [] });
    expect(searchFilters(bare)).toEqual({ year: ['2025'] });
  });

  it('counts a repository found in the abstract as code when HF gives none', () => {
    const fromAbstract = paper({ githubRepo: undefined, codeUrl: 'https://github.com/o/r' });
    expect(searchFilters(fromAbstract).code).toEqual(['yes']);
    expect(searchMeta(fromAbstract).code).toBe('https://github.com/o/r');
  });
});

describe('searchDocument', () => {
  it('starts with the abstract alone, then title and id weighted highest, authors, organization, keywords', () => {
    const { url, html } = searchDocument(paper());
    expect(url).toBe('/papers/2405.15738/');
    const body = html.slice(html.indexOf('<article data-pagefind-body>'));
    const text = body.replace(/<span[^>]*><\/span>/g, '');
    expect(text).toBe(
      '<article data-pagefind-body><p>We introduce α-scaling.\n\nSecond paragraph with markdown.</p>' +
        '<h1 data-pagefind-weight="10">Aya 23: Open Weight Releases to Further Multilingual Progress</h1>' +
        '<p data-pagefind-weight="10">2405.15738</p>' +
        '<ul data-pagefind-weight="3"><li>Viraat Aryabumi</li><li>John Dang</li></ul>' +
        '<p data-pagefind-weight="2">Cohere For AI</p>' +
        '<ul data-pagefind-weight="2"><li>multilingual</li><li>LLM</li></ul></article></body></html>',
    );
    // No labels a snippet could show.
    expect(text).not.toMatch(/Keywords:|\[title\]/);
    expect(html).toContain('<span data-pagefind-filter="topic:multilingual-nlp"></span>');
    expect(html).toContain('<span data-pagefind-sort="upvotes:0000042"></span>');
    expect(html).toContain('<span data-pagefind-meta="words:7"></span>');
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
  });

  it('files case and spacing variants of an organisation under one key, as the organisation pages do', () => {
    const a = searchFilters(paper({ organization: { name: 'SJTU-Deng-Lab' } }));
    const b = searchFilters(paper({ organization: { name: 'SJTU-DENG-Lab' } }));
    expect(a.org).toEqual(['sjtu-deng-lab']);
    expect(b.org).toEqual(a.org);
  });

  it('escapes hostile upstream text everywhere it goes', () => {
    const { html } = searchDocument(
      paper({
        title: '<script>alert(1)</script> "quoted"',
        abstract: '<img src=x onerror=alert(1)>',
        authors: [{ name: '<b>Eve</b>' }],
        organization: { name: 'x"><script>', fullname: '<i>Org</i>' },
      }),
    );
    expect(html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(html).toContain(
      'data-pagefind-meta="title:&#60;script&#62;alert(1)&#60;/script&#62; &#34;quoted&#34;"',
    );
    expect(html).not.toContain('x"><script>');
  });

  it('gives old-style ids their nested permalink', () => {
    expect(searchDocument(paper({ id: 'hep-th/9901001' })).url).toBe('/papers/hep-th/9901001/');
  });

  it('rejects an id that is not an arXiv id instead of making it a URL', () => {
    expect(() => searchDocument(paper({ id: '../../etc' }))).toThrow(/invalid paper id/);
  });
});

describe('planShards', () => {
  const years = (entries: [string, number][]) => new Map(entries);

  it('keeps an archive within the limit in one index, the primary bundle', () => {
    expect(
      planShards(
        years([
          ['2024', 3000],
          ['2025', 5000],
          ['2026', 1877],
        ]),
        15000,
      ),
    ).toEqual([{ from: '2024', to: '2026', papers: 9877, dir: 'pagefind' }]);
  });

  it('fills whole years from the oldest, newest shard first as the primary', () => {
    const plan = planShards(
      years([
        ['2019', 4000],
        ['2020', 6000],
        ['2021', 6000],
        ['2022', 3000],
        ['2023', 9000],
        ['2024', 2000],
      ]),
      10000,
    );
    expect(plan).toEqual([
      { from: '2024', to: '2024', papers: 2000, dir: 'pagefind' },
      { from: '2023', to: '2023', papers: 9000, dir: 'pagefind-2023' },
      { from: '2021', to: '2022', papers: 9000, dir: 'pagefind-2021-2022' },
      { from: '2019', to: '2020', papers: 10000, dir: 'pagefind-2019-2020' },
    ]);
  });

  it('gives a year larger than the limit a shard of its own', () => {
    expect(
      planShards(
        years([
          ['2025', 30000],
          ['2026', 100],
        ]),
        10000,
      ).map((s) => s.dir),
    ).toEqual(['pagefind', 'pagefind-2025']);
  });

  it('never moves the boundaries of older shards as the newest year grows (so they stay cached)', () => {
    const base: [string, number][] = [
      ['2020', 6000],
      ['2021', 3000],
      ['2022', 5000],
      ['2023', 1000],
    ];
    const before = planShards(years(base), 10000);
    const after = planShards(years([...base.slice(0, 3), ['2023', 4900]]), 10000);
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(after[0]).toEqual({ from: '2022', to: '2023', papers: 9900, dir: 'pagefind' });
  });

  it('above hotPapers, gives the newest year a bundle of its own: a daily update re-indexes one year', () => {
    const archive = years([
      ['2024', 3000],
      ['2025', 5000],
      ['2026', 1877],
    ]);
    expect(planShards(archive, 15000, 5000)).toEqual([
      { from: '2026', to: '2026', papers: 1877, dir: 'pagefind' },
      { from: '2024', to: '2025', papers: 8000, dir: 'pagefind-2024-2025' },
    ]);
    // At or under it, and with one year only, one bundle as before.
    expect(planShards(archive, 15000, 9877).map((s) => s.dir)).toEqual(['pagefind']);
    expect(planShards(years([['2026', 9000]]), 15000, 5000).map((s) => s.dir)).toEqual(['pagefind']);
    // The older years keep their boundaries as the newest year grows.
    const later = planShards(new Map([...archive, ['2026', 4400]]), 15000, 5000);
    expect(later[1]).toEqual({ from: '2024', to: '2025', papers: 8000, dir: 'pagefind-2024-2025' });
  });

  it('counts papers by the year of their last featured day', () => {
    const counts = papersPerYear([
      paper({ featured: ['2024-12-31', '2025-01-02'] }),
      paper({ featured: ['2024-05-27'] }),
      paper({ featured: ['2025-03-04'] }),
    ]);
    expect([...counts].sort()).toEqual([
      ['2024', 1],
      ['2025', 2],
    ]);
  });
});

describe('planSearchIndex (the one planner, for the indexer and the pages)', () => {
  const archive = [
    paper({ id: '2601.00001', featured: ['2026-01-05'] }),
    paper({ id: '2601.00002', featured: ['2026-01-06'] }),
    paper({ id: '2501.00003', featured: ['2025-01-07'] }),
    paper({ id: '2401.00004', featured: ['2024-01-08'] }),
  ];

  it('plans the same bundles as planShards, each with its documents sorted by URL and a stable hash', () => {
    const plan = planSearchIndex(archive, { shardPapers: 2 }, 'salt');
    expect(plan.shards.map(({ dir, from, to, papers }) => ({ dir, from, to, papers }))).toEqual(
      planShards(papersPerYear(archive), 2),
    );
    expect(plan.shards[0]!.docs().map((d) => d.url)).toEqual(['/papers/2601.00001/', '/papers/2601.00002/']);
    expect(planSearchIndex([...archive].reverse(), { shardPapers: 2 }, 'salt')).toMatchObject({
      tag: plan.tag,
      shards: plan.shards.map((s) => ({ hash: s.hash })),
    });
  });

  it("changes one bundle's hash and the tag when a paper of that bundle changes, and no other bundle's", () => {
    const before = planSearchIndex(archive, { shardPapers: 2 }, 'salt');
    const changed = archive.map((p) => (p.id === '2501.00003' ? { ...p, upvotes: 999 } : p));
    const after = planSearchIndex(changed, { shardPapers: 2 }, 'salt');
    expect(after.shards.map((s) => s.hash === before.shards.find((b) => b.dir === s.dir)?.hash)).toEqual([
      true,
      false,
    ]);
    expect(after.tag).not.toBe(before.tag);
  });

  it("changes every hash with the salt (the record format, Pagefind's version)", () => {
    const a = planSearchIndex(archive, { shardPapers: 2 }, 'pagefind 1.5.0');
    const b = planSearchIndex(archive, { shardPapers: 2 }, 'pagefind 1.5.1');
    expect(a.shards.every((s, i) => s.hash !== b.shards[i]!.hash)).toBe(true);
  });
});
