import { describe, expect, it } from 'vitest';
import {
  buildTitleShards,
  matchTitles,
  MAX_TITLE_MATCHES,
  normalizeTitle,
  titleShardCount,
  titleShardOf,
} from '../../src/lib/title-index.ts';

describe('normalizeTitle', () => {
  it.each([
    ['Grokked Transformers are Implicit Reasoners', 'grokked transformers are implicit reasoners'],
    ['Visual-RFT: Visual Reinforcement Fine-Tuning', 'visual rft visual reinforcement fine tuning'],
    ['  Ünïcode   Café—Déjà vu ', 'unicode cafe deja vu'],
    ['$\\alpha$-Flow: 3D “Scenes”', 'alpha flow 3d scenes'],
    ['数据 与 模型', '数据 与 模型'],
    ['<script>', 'script'],
    ['!!!', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeTitle(input)).toBe(expected);
  });
});

describe('titleShardCount', () => {
  it.each([
    [0, 1],
    [128, 1],
    [129, 2],
    [9877, 128],
    [100_000, 1024],
  ])('%i papers -> %i shards', (papers, shards) => {
    expect(titleShardCount(papers)).toBe(shards);
  });
});

describe('titleShardOf', () => {
  it('keys a title by its first two words, so any longer start of it has the same shard', () => {
    const title = normalizeTitle('Grokked Transformers are Implicit Reasoners');
    const shard = titleShardOf(title, 1024);
    expect(shard).toBeGreaterThanOrEqual(0);
    expect(shard).toBeLessThan(1024);
    expect(titleShardOf('grokked transformers', 1024)).toBe(shard);
    expect(titleShardOf('grokked transformers are impl', 1024)).toBe(shard);
  });

  it('has no shard for one word or none', () => {
    expect(titleShardOf('grokked', 1024)).toBeUndefined();
    expect(titleShardOf('', 1024)).toBeUndefined();
  });

  it('spreads titles over the shards', () => {
    const titles = Array.from({ length: 4096 }, (_, i) => `paper${i} title${i % 97} more words`);
    const used = new Set(titles.map((t) => titleShardOf(t, 64)));
    expect(used.size).toBe(64);
  });
});

describe('buildTitleShards and matchTitles', () => {
  const paper = (id: string, title: string) => ({
    id,
    meta: {
      title,
      date: '2025-01-02',
      upvotes: '7',
      topics: 'llm agents',
      authors: 'A One; B Two',
      org: '',
      orgKey: '',
      thumb: '',
      code: '',
      words: '12',
    },
  });
  const papers = [
    paper('2405.15071', 'Grokked Transformers are Implicit Reasoners'),
    paper('2405.15682', 'The Road Less Scheduled'),
    paper('2503.01785', 'Visual-RFT: Visual Reinforcement Fine-Tuning'),
    paper('2401.00001', 'Single'),
    ...Array.from({ length: MAX_TITLE_MATCHES + 1 }, (_, i) =>
      paper(`2402.0000${i}`, `Large Language Models number ${i}`),
    ),
  ];
  const shards = buildTitleShards(papers, 8);
  const lookup = (q: string) => {
    const query = normalizeTitle(q);
    const shard = titleShardOf(query, 8);
    return shard === undefined ? [] : matchTitles(shards.get(shard), query).map((m) => m.id);
  };

  it('finds a paper by the start of its title, typed or pasted whole', () => {
    expect(lookup('Grokked Transformers')).toEqual(['2405.15071']);
    expect(lookup('grokked transformers ARE implicit reasoners')).toEqual(['2405.15071']);
    expect(lookup('Visual-RFT')).toEqual(['2503.01785']);
    expect(lookup('The Road Less Scheduled')).toEqual(['2405.15682']);
  });

  it('gives the result metadata the shard carries', () => {
    const query = 'the road less';
    expect(matchTitles(shards.get(titleShardOf(query, 8)!), query)).toEqual([papers[1]]);
  });

  it('finds nothing for a title that does not start so, or for one word', () => {
    expect(lookup('Transformers are Implicit')).toEqual([]);
    expect(lookup('Grokked Transformers were')).toEqual([]);
    expect(lookup('Single')).toEqual([]);
  });

  it(`leaves a start shared by more than ${MAX_TITLE_MATCHES} titles to the full-text search`, () => {
    expect(lookup('Large Language Models')).toEqual([]);
    expect(lookup('Large Language Models number 3')).toEqual(['2402.00003']);
  });

  it('puts every title of two words or more in its shard once, sorted by title', () => {
    const all = [...shards.entries()].flatMap(([n, entries]) => {
      const titles = entries.map((e) => normalizeTitle(e[1].title));
      expect(titles).toEqual([...titles].sort());
      for (const t of titles) expect(titleShardOf(t, 8)).toBe(n);
      return entries.map((e) => e[0]);
    });
    expect(all.sort()).toEqual(
      papers
        .filter((p) => p.id !== '2401.00001')
        .map((p) => p.id)
        .sort(),
    );
  });

  it('skips malformed entries of a shard instead of failing', () => {
    const meta = {
      title: 'A b d',
      date: '2025-01-02',
      upvotes: '1',
      topics: '',
      authors: 'A One; B Two',
      org: '',
      orgKey: '',
      thumb: '',
      code: '',
      words: '12',
    };
    expect(matchTitles(null, 'a b')).toEqual([]);
    expect(matchTitles({ a: 1 }, 'a b')).toEqual([]);
    expect(
      matchTitles(
        [
          ['x', { title: 'A b c' }],
          [1, meta],
          ['2401.00002', meta],
          ['y', { ...meta, upvotes: 3 }],
        ],
        'a b',
      ),
    ).toEqual([{ id: '2401.00002', meta }]);
  });
});
