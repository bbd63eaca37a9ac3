import { describe, expect, it } from 'vitest';
import type { Author } from '../../src/lib/paper.ts';
import {
  countOf,
  excerpt,
  formatCount,
  formatDate,
  formatMonth,
  shortAuthors,
} from '../../src/lib/format.ts';

describe('shortAuthors', () => {
  const a = (...names: string[]) => names.map((name) => ({ name }));
  it('lists up to max authors, then et al.', () => {
    expect(shortAuthors(a('Ada'))).toBe('Ada');
    expect(shortAuthors(a('Ada', 'Bob', 'Cy'))).toBe('Ada, Bob, Cy');
    expect(shortAuthors(a('Ada', 'Bob', 'Cy', 'Di'))).toBe('Ada, Bob, Cy et al.');
    expect(shortAuthors(a('Ada', 'Bob', 'Cy'), 2)).toBe('Ada, Bob et al.');
    expect(shortAuthors([])).toBe('');
  });
  it('names hidden authors too', () => {
    const authors: Author[] = [{ name: 'Ada', hidden: true }, { name: 'Bob' }];
    expect(shortAuthors(authors)).toBe('Ada, Bob');
  });
});

describe('excerpt', () => {
  const text = 'We present a new method for typesetting mathematics in static archives quickly.';
  it('keeps short text whole and folds whitespace', () => {
    expect(excerpt('Short\n  text.', 50)).toBe('Short text.');
  });
  it('cuts on a word boundary with an ellipsis and never exceeds the limit', () => {
    const e = excerpt(text, 30);
    expect(e).toBe('We present a new method for…');
    expect(e.length).toBeLessThanOrEqual(30);
    for (let n = 10; n < text.length; n += 7) expect(excerpt(text, n).length).toBeLessThanOrEqual(n);
  });
  it('drops trailing punctuation before the ellipsis', () => {
    expect(excerpt('Alpha beta, gamma delta epsilon', 14)).toBe('Alpha beta…');
  });
});

describe('formatDate', () => {
  it('formats UTC calendar days', () => {
    expect(formatDate('2026-08-21')).toBe('21 Aug 2026');
    expect(formatDate('2026-08-21', 'long')).toBe('Friday, 21 August 2026');
    expect(formatDate('2026-08-21T23:59:59Z')).toBe('21 Aug 2026');
    expect(formatDate('2026-08-21T23:30:00-05:00')).toBe('22 Aug 2026');
    expect(formatDate(new Date(Date.UTC(2024, 11, 30)))).toBe('30 Dec 2024');
  });
  it('throws on nonsense', () => {
    expect(() => formatDate('yesterday')).toThrow(/invalid date/);
  });
  it('formats month keys', () => {
    expect(formatMonth('2026-08')).toBe('August 2026');
    expect(formatMonth('2026-08', 'short')).toBe('Aug 2026');
  });
  it('names every month as the typed-out names did (date-fns English: `Sep`, not `Sept`)', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    expect(keys.map((k) => formatMonth(k, 'short').slice(0, 3)).join(' ')).toBe(
      'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec',
    );
    expect(keys.map((k) => formatMonth(k).replace(' 2026', '')).join(' ')).toBe(
      'January February March April May June July August September October November December',
    );
    expect(() => formatMonth('2026-13')).toThrow(/invalid month/);
  });
  it('rejects a day that does not exist instead of rolling it over (2026-02-30 was `2 Mar 2026`)', () => {
    expect(() => formatDate('2026-02-30')).toThrow(/invalid date "2026-02-30"/);
  });
});

describe('formatCount', () => {
  it('groups thousands and shortens big counts', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(987)).toBe('987');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(12_345)).toBe('12.3k');
    expect(formatCount(250_000)).toBe('250k');
    expect(formatCount(1_250_000)).toBe('1.3M');
  });
});

describe('countOf', () => {
  it('puts the noun in the right number', () => {
    expect(countOf(1, 'comment')).toBe('1 comment');
    expect(countOf(0, 'comment')).toBe('0 comments');
    expect(countOf(2, 'paper')).toBe('2 papers');
    expect(countOf(1500, 'upvote')).toBe('1,500 upvotes');
  });
});
