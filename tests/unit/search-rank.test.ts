// Ranking tiers and the upvote boost (src/scripts/search/rank.ts), and result snippets from the abstract only
// (src/scripts/search/snippet.ts).
import { describe, expect, it } from 'vitest';
import {
  MAX_UPVOTE_BOOST,
  rankQuery,
  textKey,
  Tier,
  tierOf,
  upvoteBoost,
  type Candidate,
} from '../../src/scripts/search/rank.ts';
import { snippet } from '../../src/scripts/search/snippet.ts';
import { shownAuthors } from '../../src/scripts/search/render.ts';
import { searchDocument, searchMeta } from '../../src/lib/search-record.ts';

const c = (over: Partial<Candidate>): Candidate => ({
  score: 1,
  phrase: false,
  title: 'Something else entirely',
  authors: '',
  upvotes: 0,
  ...over,
});

describe('tierOf', () => {
  it('knows exact titles, short names, prefixes, authors, phrases and scattered words apart', () => {
    const q = rankQuery('Yang Liu');
    expect(tierOf(q, c({ title: 'Yang Liu' }))).toBe(Tier.exactTitle);
    expect(tierOf(q, c({ authors: 'Mei Yang; Yang Liu' }))).toBe(Tier.author);
    expect(tierOf(q, c({ authors: 'Yang Liuwei; Liu Yang' }))).toBe(Tier.words);
    expect(tierOf(q, c({ phrase: true, authors: 'Zhou Yang; Liu Bo' }))).toBe(Tier.phrase);
    expect(
      tierOf(rankQuery('LongSplat'), c({ title: 'LongSplat: Robust Unposed 3D Gaussian Splatting' })),
    ).toBe(Tier.exactTitle);
    expect(tierOf(rankQuery('DeepSeek-R1'), c({ title: 'DeepSeek-R1 Thoughtology: Let’s think' }))).toBe(
      Tier.titlePrefix,
    );
    // A word's start is no title prefix: "SAM" is not "SAMURAI".
    expect(tierOf(rankQuery('SAM'), c({ title: 'SAMURAI: Adapting Segment Anything' }))).toBe(Tier.words);
    expect(tierOf(rankQuery('world model'), c({ title: 'Cognitively Inspired World Model Learning' }))).toBe(
      Tier.titlePhrase,
    );
    expect(
      tierOf(
        rankQuery('for Languages via Mixture'),
        c({ title: 'Medical LLMs for 50 Languages via a Mixture of Experts' }),
      ),
    ).toBe(Tier.titleWords);
  });
});

describe('upvoteBoost', () => {
  it('rises with upvotes and is bounded', () => {
    expect(upvoteBoost(0)).toBe(1);
    expect(upvoteBoost(10)).toBeGreaterThan(1);
    expect(upvoteBoost(100)).toBeGreaterThan(upvoteBoost(10));
    expect(upvoteBoost(1_000_000)).toBe(MAX_UPVOTE_BOOST);
    expect(upvoteBoost(Number.NaN)).toBe(1);
  });
});

describe('snippets', () => {
  const paper = {
    id: '2507.15595',
    title: 'SegDT: A Diffusion Transformer-Based Segmentation Model for Medical Imaging',
    abstract:
      'Medical image segmentation is crucial. We propose SegDT, a diffusion transformer for segmentation. Code at https://github.com/x/SegDT.',
    authors: [{ name: 'Salah Eddine Bekhouche' }],
    keywords: ['diffusion transformer', 'segmentation'],
    featured: ['2025-07-22'],
    upvotes: 0,
    topics: [],
  };

  it('come from the abstract only: no title, id or keywords from the rest of the indexed text', () => {
    // What Pagefind's content is: the record's text in order, elements apart.
    const text = searchDocument(paper)
      .html.replace(/<span[^>]*><\/span>/g, '')
      .replace(/<[^>]+>/g, ' ');
    const words = Number(searchMeta(paper).words);
    const all = text.trim().split(/\s+/);
    // Every position of "diffusion", in the abstract and in the title and keywords after it.
    const locations = all.flatMap((w, i) => (/^diffusion/i.test(w) ? [i] : []));
    expect(locations.some((l) => l >= words)).toBe(true);
    const s = snippet(all.join(' '), locations, words);
    const shown = s.words.map((w) => w.text).join(' ');
    expect(shown).toContain('We propose SegDT, a diffusion transformer');
    expect(shown).not.toMatch(/Keywords|2507\.15595|Bekhouche|Medical Imaging$/);
    expect(s.words.filter((w) => w.match).map((w) => w.text)).toEqual(['diffusion']);
  });

  it('show a window around the densest matches of a long abstract, marked as cut', () => {
    const content = Array.from({ length: 100 }, (_, i) => (i === 70 || i === 72 ? 'hit' : `w${i}`)).join(' ');
    const s = snippet(content, [70, 72], 100, 10);
    expect(s.words[0]!.text).toBe('w67');
    expect(s.words.filter((w) => w.match)).toHaveLength(2);
    expect(s).toMatchObject({ before: true, after: true });
    expect(snippet(content, [], 0).words).toEqual([]);
    expect(snippet(content, [], 100, 5).words.map((w) => w.text)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4']);
  });
});

describe('shownAuthors', () => {
  const names = ['A One', 'B Two', 'C Three', 'D Four', 'Yang Liu', 'F Six'];
  it('names the first three, or for an author query the first two and that author', () => {
    expect(shownAuthors(names)).toEqual(['A One', 'B Two', 'C Three']);
    expect(shownAuthors(names, textKey('yang liu'))).toEqual(['A One', 'B Two', 'Yang Liu']);
    expect(shownAuthors(names, textKey('B Two'))).toEqual(['A One', 'B Two', 'C Three']);
    expect(shownAuthors(names, textKey('Nobody Here'))).toEqual(['A One', 'B Two', 'C Three']);
  });
});
