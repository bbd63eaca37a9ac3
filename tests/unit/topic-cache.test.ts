// The topic cache (src/lib/build/topic-cache.ts): a paper whose classifier input is unchanged gets the earlier
// build's topics without being classified; anything else is classified; a changed key or a bad file starts afresh.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TopicCache, topicCacheKey } from '../../src/lib/build/topic-cache.ts';
import type { TopicInput } from '../../src/lib/topics.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'topic-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SLUGS = new Set(['agents', 'video-generation', 'code', 'llm']);
const a: TopicInput = { title: 'Agents that browse', abstract: 'We build web agents.', keywords: [] };
const b: TopicInput = { title: 'Video diffusion', abstract: 'We generate videos.', keywords: ['video'] };

function counting(topics: Record<string, string[]>) {
  const calls: string[] = [];
  return {
    calls,
    compute: (input: TopicInput) => {
      calls.push(input.title);
      return topics[input.title] ?? [];
    },
  };
}

describe('TopicCache', () => {
  it('classifies each new input once, and reuses the answers in the next build', () => {
    const file = path.join(dir, 'one.json');
    const first = counting({ [a.title]: ['agents'], [b.title]: ['video-generation'] });
    const c1 = TopicCache.load(file, 'k1', SLUGS);
    expect(c1.assign(a, first.compute)).toEqual(['agents']);
    expect(c1.assign(b, first.compute)).toEqual(['video-generation']);
    c1.save();
    expect(first.calls).toEqual([a.title, b.title]);

    const second = counting({});
    const c2 = TopicCache.load(file, 'k1', SLUGS);
    expect(c2.assign(a, second.compute)).toEqual(['agents']);
    // A changed abstract is another input: classified again.
    const edited = { ...b, abstract: 'We generate long videos.' };
    expect(c2.assign(edited, second.compute)).toEqual([]);
    expect(second.calls).toEqual([edited.title]);
    expect([c2.hits, c2.misses]).toEqual([1, 1]);
    c2.save();
    // Only what this build used is kept: b's old entry is gone.
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { entries: unknown[] };
    expect(kept.entries).toHaveLength(2);
  });

  it('starts afresh when the key changed or the file is not one of its own', () => {
    const file = path.join(dir, 'two.json');
    const c1 = TopicCache.load(file, 'k1', SLUGS);
    c1.assign(a, () => ['agents']);
    c1.save();
    const other = counting({ [a.title]: ['code'] });
    expect(TopicCache.load(file, 'k2', SLUGS).assign(a, other.compute)).toEqual(['code']);
    // Not JSON, entries of the wrong shape, not an object, a topic outside the vocabulary (a poisoned CI cache).
    const id = JSON.parse(readFileSync(file, 'utf8')).entries[0][0] as string;
    for (const text of [
      'not json',
      '{"version":1,"key":"k1","entries":[[1,2]]}',
      '[]',
      JSON.stringify({ version: 1, key: 'k1', entries: [[id, ['<script>', '../x']]] }),
    ]) {
      writeFileSync(file, text);
      const fresh = counting({ [a.title]: ['llm'] });
      expect(TopicCache.load(file, 'k1', SLUGS).assign(a, fresh.compute), text).toEqual(['llm']);
      expect(fresh.calls).toHaveLength(1);
    }
  });

  it('keys on the vocabulary, the model beside it and the code', () => {
    const content = path.join(dir, 'content');
    const lib = path.join(dir, 'lib');
    mkdirSync(content, { recursive: true });
    mkdirSync(lib, { recursive: true });
    writeFileSync(path.join(content, 'topics.yaml'), 'topics: []\n');
    writeFileSync(path.join(lib, 'a.ts'), 'export const a = 1;\n');
    const vocab = path.join(content, 'topics.yaml');
    const k0 = topicCacheKey(vocab, lib);
    expect(k0).toBeDefined();
    expect(topicCacheKey(vocab, lib)).toBe(k0);
    writeFileSync(path.join(content, 'topics-model.json'), '{}');
    const k1 = topicCacheKey(vocab, lib);
    expect(k1).not.toBe(k0);
    writeFileSync(path.join(lib, 'a.ts'), 'export const a = 2;\n');
    expect(topicCacheKey(vocab, lib)).not.toBe(k1);
    expect(topicCacheKey(vocab, path.join(dir, 'missing'))).toBeUndefined();
  });
});
