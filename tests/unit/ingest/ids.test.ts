// Paper id grammars: real ids of each form pass, and every grammar is bounded before an id becomes a path.
import { describe, expect, it } from 'vitest';
import { ARXIV_NEW_ID, ARXIV_OLD_ID, isPaperId, NO_ID, paperPath } from '../../../src/lib/paper.ts';
import { noIdFor } from '../../../src/lib/sources/listing-text.ts';

describe('paper ids', () => {
  it.each([
    ['2405.15738', 'papers/2405/2405.15738.md'],
    ['0704.0001', 'papers/0704/0704.0001.md'],
    ['2405.15738v2', 'papers/2405/2405.15738v2.md'],
    ['hep-th/9901001', 'papers/9901/hep-th_9901001.md'],
    ['math.AG/0601001', 'papers/0601/math.AG_0601001.md'],
    ['math.GT/0309136v3', 'papers/0309/math.GT_0309136v3.md'],
    ['q-bio/0401001', 'papers/0401/q-bio_0401001.md'],
    ['acc-phys/9411001', 'papers/9411/acc-phys_9411001.md'],
    ['cond-mat/0703001', 'papers/0703/cond-mat_0703001.md'],
    [
      'noid-bias-loss-for-mobile-neural-networks-c60441f2',
      'papers/noid/noid-bias-loss-for-mobile-neural-networks-c60441f2.md',
    ],
  ])('accepts %s -> %s', (id, path) => {
    expect(isPaperId(id)).toBe(true);
    expect(paperPath(id)).toBe(path);
  });

  it.each([
    // Unbounded before: an old-style id this long reached the file system as ENAMETOOLONG.
    ['a 240-character old-style id', `${'a'.repeat(232)}/9901001`],
    ['an archive of 60 hyphenated parts', `${'hep-'.repeat(60)}th/9901001`],
    ['an archive name longer than any real one', 'averylongarchive/9901001'],
    ['an old-style id with month 13', 'hep-th/9913001'],
    ['an old-style id with 8 digits', 'hep-th/99010011'],
    ['version 0', '2405.15738v0'],
    ['a 300-digit version', `2405.15738v${'9'.repeat(300)}`],
    ['month 13', '2413.00001'],
    ['month 00', '2400.00001'],
    ['3 digits after the dot', '2405.157'],
    ['6 digits after the dot', '2405.157381'],
    ['a noid slug of 61 characters', `noid-${'a'.repeat(61)}-c60441f2`],
    ['a noid slug of 300 characters', `noid-${'ab-'.repeat(100)}c60441f2`],
    ['an empty noid slug', 'noid--c60441f2'],
    ['an upper-case noid hash', 'noid-x-C60441F2'],
    ['a path traversal', '../../etc/passwd'],
    ['an id with a path after it', '2405.15738/../x'],
    ['an id with a newline', '2405.15738\n'],
    ['an empty id', ''],
  ])('rejects %s', (_name, id) => {
    expect(isPaperId(id)).toBe(false);
    expect(() => paperPath(id)).toThrow(/invalid paper id/);
  });

  it('bounds every id so its file name stays far below 255 bytes', () => {
    const longest = [
      'acc-phys.AB/9901001v999'.replace('acc-phys', 'abcdefgh-abcdefgh'),
      `noid-${'a'.repeat(60)}-c60441f2`,
      '2405.15738v999',
    ];
    for (const id of longest) {
      expect(isPaperId(id)).toBe(true);
      expect(id.length).toBeLessThanOrEqual(74);
    }
    expect(ARXIV_OLD_ID.test(longest[0] as string)).toBe(true);
    expect(ARXIV_NEW_ID.test('2405.15738v999')).toBe(true);
  });

  it('noIdFor always builds an id within the bounded NO_ID grammar', () => {
    for (const title of ['x'.repeat(5_000), `${'word '.repeat(500)}`, '—', 'a-b-c '.repeat(80)]) {
      expect(noIdFor(title)).toMatch(NO_ID);
    }
  });

  it('checks a hostile 1 MB string in linear time', () => {
    const huge = `${'a-'.repeat(500_000)}/9901001`;
    const t0 = performance.now();
    expect(isPaperId(huge)).toBe(false);
    expect(isPaperId(`noid-${'a-'.repeat(500_000)}`)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(100);
  });
});
