// The author index: shard choice (stable, the same in Node and the browser), building, checking and finding a name.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  authorShardCount,
  authorShardOf,
  buildAuthorShards,
  findAuthor,
  hfThumbnailUrl,
  parseAuthorShard,
  type IndexedPaper,
} from '../../src/lib/authors.ts';
import { lookUp } from '../../src/scripts/authors/lookup.ts';

const hostile = '<img src=x onerror=alert(1)> "Quote\'s" שלום';

const paper = (
  id: string,
  date: string,
  names: string[],
  extra: Partial<IndexedPaper> = {},
): IndexedPaper => ({
  id,
  title: `Title ${id}`,
  date,
  upvotes: Number(id.slice(-1)),
  authors: names.map((name) => ({ name })),
  topics: ['llm'],
  ...extra,
});

// Newest first, as the archive lists them.
const papers: IndexedPaper[] = [
  paper('2501.00003', '2025-01-03', ['Ada', hostile, 'Ada'], {
    orgKey: 'evil-org',
    thumbnail: hfThumbnailUrl('2501.00003'),
  }),
  paper('2501.00002', '2025-01-02', ['Ada', 'ada'], {
    authors: [{ name: 'Ada', user: 'ada-l' }, { name: 'ada' }],
  }),
  paper('2501.00001', '2025-01-01', ['__proto__', 'Bo'], { thumbnail: 'https://example.org/other.png' }),
];
const orgName = (k: string) => (k === 'evil-org' ? '<i>Evil</i>' : k);

describe('authorShardOf', () => {
  it('is a stable hash of the exact name (these numbers are what deployed pages compute)', () => {
    expect(authorShardOf('Ziwei Liu', 335)).toBe(authorShardOf('Ziwei Liu', 335));
    expect([authorShardOf('Ziwei Liu', 1_000_003), authorShardOf('ziwei liu', 1_000_003)]).toEqual([
      authorShardOf('Ziwei Liu', 1_000_003),
      authorShardOf('ziwei liu', 1_000_003),
    ]);
    // FNV-1a 32-bit of "a" is 0xe40c292c.
    expect(authorShardOf('a', 2 ** 31)).toBe(0xe40c292c % 2 ** 31);
    expect(authorShardOf('', 7)).toBe(0x811c9dc5 % 7);
    expect(authorShardOf('Ziwei Liu', 1)).toBe(0);
  });

  it('spreads names evenly enough', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[authorShardOf(`Author ${i}`, 16)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it('rejects a count that is not a positive integer', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => authorShardOf('a', n)).toThrow(/shard count/);
  });
});

describe('authorShardCount', () => {
  it.each([
    [0, 1],
    [48_000, 1],
    [48_001, 2],
    [16_689_964, 348],
  ])('%d bytes -> %d shards', (bytes, n) => expect(authorShardCount(bytes)).toBe(n));
});

describe('buildAuthorShards', () => {
  const { count, shards } = buildAuthorShards(papers, orgName, 200);

  it('puts every exact name in the shard its hash names, with its papers newest first, each once', () => {
    expect(count).toBeGreaterThan(1);
    const all = [...shards.values()].flatMap((s) => s.authors);
    expect(all.map((e) => e[0]).sort()).toEqual(['Ada', 'Bo', '__proto__', 'ada', hostile].sort());
    for (const [n, s] of shards) {
      expect(s.shards).toBe(count);
      for (const e of s.authors) expect(authorShardOf(e[0], count)).toBe(n);
    }
    const shardOf = (name: string) => shards.get(authorShardOf(name, count))!;
    const ada = findAuthor(shardOf('Ada'), 'Ada')!;
    expect(ada[1].map((p) => p[0])).toEqual(['2501.00003', '2501.00002']);
    expect(ada[2]).toEqual(['ada-l']);
    expect(ada[1][0]).toEqual(['2501.00003', 'Title 2501.00003', '2025-01-03', 3, 'evil-org', ['llm'], 1]);
    expect(findAuthor(shardOf('ada'), 'ada')![1].map((p) => p[0])).toEqual(['2501.00002']);
    expect(shardOf(hostile).orgs).toEqual({ 'evil-org': '<i>Evil</i>' });
    // `__proto__` is a name like any other, and a thumbnail that is not HF's usual one is not claimed as such.
    expect(findAuthor(shardOf('__proto__'), '__proto__')![1][0]?.[6]).toBe(0);
    expect(findAuthor(shardOf('Ada'), 'Nobody')).toBeUndefined();
  });

  it('survives a JSON round trip and the shape check', () => {
    for (const s of shards.values()) {
      expect(parseAuthorShard(JSON.parse(JSON.stringify(s)), 'x.json')).toEqual(s);
    }
  });
});

describe('parseAuthorShard', () => {
  it.each([
    ['an HTML page', '<!doctype html>'],
    ['null', null],
    ['no count', { orgs: {}, authors: [] }],
    ['a row of the wrong length', { shards: 1, orgs: {}, authors: [['a', [['id', 't', 'd', 1]]]] }],
    ['a number as title', { shards: 1, orgs: {}, authors: [['a', [['id', 2, 'd', 1, '', [], 0]]]] }],
    ['an organisation name that is markup-free but not a string', { shards: 1, orgs: { a: 1 }, authors: [] }],
  ])('rejects %s', (_, value) => {
    expect(() => parseAuthorShard(value, 'authors/index/3.json')).toThrow(
      /authors\/index\/3\.json: not an author shard/,
    );
  });
});

describe('lookUp (the page script: fetch one shard)', () => {
  afterEach(() => vi.unstubAllGlobals());
  const { count, shards } = buildAuthorShards(papers, orgName, 200);
  const serve = (served: Map<number, unknown>, log: string[] = []) =>
    vi.stubGlobal('fetch', async (url: string) => {
      log.push(url);
      const n = Number(/(\d+)\.json$/.exec(url)?.[1]);
      return served.has(n)
        ? new Response(JSON.stringify(served.get(n)), { status: 200 })
        : new Response('not found', { status: 404 });
    });

  it('fetches exactly the name’s shard under the base and finds the entry', async () => {
    const log: string[] = [];
    serve(shards, log);
    const found = await lookUp('/sub/', count, hostile);
    expect(log).toEqual([`/sub/authors/index/${authorShardOf(hostile, count)}.json`]);
    expect(found?.entry[0]).toBe(hostile);
    expect(found?.orgs).toEqual({ 'evil-org': '<i>Evil</i>' });
  });

  it('answers undefined for an unknown name, also when its shard does not exist', async () => {
    serve(shards);
    expect(await lookUp('/', count, 'Nobody At All')).toBeUndefined();
    serve(new Map());
    expect(await lookUp('/', count, 'Ada')).toBeUndefined();
  });

  it('retries with the index’s count when the page was built with another one', async () => {
    const log: string[] = [];
    serve(shards, log);
    // A stale count under which a name hashes to a shard that exists but is not the name's own.
    const names = ['Ada', 'Bo', 'ada', hostile, '__proto__'];
    let stale = count;
    let name: string | undefined;
    while (!name && stale < count + 100) {
      stale++;
      name = names.find((n) => {
        const s = authorShardOf(n, stale);
        return shards.has(s) && s !== authorShardOf(n, count);
      });
    }
    if (!name) throw new Error('test setup: no stale count found');
    const found = await lookUp('/', stale, name);
    expect(found?.entry[0]).toBe(name);
    expect(log).toEqual([
      `/authors/index/${authorShardOf(name, stale)}.json`,
      `/authors/index/${authorShardOf(name, count)}.json`,
    ]);
  });

  it('throws on a server error or a body that is no shard', async () => {
    vi.stubGlobal('fetch', async () => new Response('oops', { status: 500 }));
    await expect(lookUp('/', count, 'Ada')).rejects.toThrow(/HTTP 500/);
    vi.stubGlobal('fetch', async () => new Response('{"shards":"x"}', { status: 200 }));
    await expect(lookUp('/', count, 'Ada')).rejects.toThrow(/not an author shard/);
  });
});
