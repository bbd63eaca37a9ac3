import { describe, expect, it } from 'vitest';
import { PromiseCache } from '../../src/lib/promise-cache.ts';

describe('PromiseCache', () => {
  it('makes each key once and shares its promise', async () => {
    const cache = new PromiseCache<string, number>();
    let made = 0;
    const make = () => Promise.resolve(++made);
    const a = cache.get('a', make);
    expect(cache.get('a', make)).toBe(a);
    expect(await a).toBe(1);
    expect(await cache.get('a', make)).toBe(1);
    expect(await cache.get('b', make)).toBe(2);
    expect(cache.peek('a')).toBe(a);
    expect(cache.peek('c')).toBeUndefined();
  });

  it('forgets a rejected promise, so the next call makes it again', async () => {
    const cache = new PromiseCache<string, string>();
    const failed = cache.get('k', () => Promise.reject(new Error('offline')));
    await expect(failed).rejects.toThrow('offline');
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.get('k', () => Promise.resolve('back'))).toBe('back');
  });

  it('keeps at most `limit` entries, dropping the oldest', async () => {
    const cache = new PromiseCache<number, number>(2);
    for (const n of [1, 2, 3]) await cache.get(n, () => Promise.resolve(n));
    expect(cache.peek(1)).toBeUndefined();
    expect(await cache.peek(2)).toBe(2);
    expect(await cache.peek(3)).toBe(3);
  });
});
