// The bounded memo (src/lib/memo.ts): same answers as the function, each input computed once while it is kept, and
// never more than `limit` entries.
import { describe, expect, it } from 'vitest';
import { memoize } from '../../src/lib/memo.ts';

describe('memoize', () => {
  it('computes an input once while it is kept, and evicts the oldest beyond the limit', () => {
    const calls: string[] = [];
    const upper = memoize((s: string) => (calls.push(s), s.toUpperCase()), 2);
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    upper('c'); // evicts 'a', the oldest
    upper('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps an undefined answer too, and does not keep a throw', () => {
    let n = 0;
    const f = memoize((s: string) => {
      n++;
      if (s === 'bad') throw new Error('bad');
      return undefined;
    }, 4);
    f('x');
    f('x');
    expect(n).toBe(1);
    expect(() => f('bad')).toThrow('bad');
    expect(() => f('bad')).toThrow('bad');
    expect(n).toBe(3);
  });
});
