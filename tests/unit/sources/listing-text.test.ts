import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/lib/errors.ts';
import { NO_ID, paperPath, type ListedPaper } from '../../../src/lib/paper.ts';
import { noIdFor, parseListingText } from '../../../src/lib/sources/listing-text.ts';
import { FIXTURES_DIR, readFixture } from '../../helpers/shared.ts';

const LISTINGS = {
  '000_bce038e02205d070.txt': { date: '2025-12-10', count: 38 },
  '003_2cb264255318d449.txt': { date: '2025-12-12', count: 46 },
  '004_0db57e00b4124a01.txt': { date: '2025-11-14', count: 58 },
} as const;
type Name = keyof typeof LISTINGS;
const parse = (name: Name, text = readFixture(`listing-text/${name}`)): ListedPaper[] =>
  parseListingText(text, { date: LISTINGS[name].date, where: `${FIXTURES_DIR}listing-text/${name}` }).papers;
const byTitle = (papers: ListedPaper[], title: string): ListedPaper => {
  const p = papers.find((x) => x.title === title);
  if (!p) throw new Error(`no paper titled ${title}`);
  return p;
};

describe('parseListingText on the three real listings', () => {
  it.each(Object.entries(LISTINGS))(
    '%s: every paper found, each with a title, an abstract and a valid id',
    (name, { count }) => {
      const papers = parse(name as Name);
      expect(papers).toHaveLength(count);
      for (const p of papers) {
        expect(p.id).toMatch(NO_ID);
        expect(paperPath(p.id)).toBe(`papers/noid/${p.id}.md`);
        expect(p.abstract.length).toBeGreaterThan(1000);
        expect(p.title.length).toBeLessThan(200);
        expect(p.authors).toEqual([]);
      }
    },
  );

  it('reads exact titles, dates, upvotes and organizations (000, Dec 10)', () => {
    const papers = parse('000_bce038e02205d070.txt');
    expect(papers[0]).toMatchObject({
      id: 'noid-bias-loss-for-mobile-neural-networks-c60441f2',
      title: 'Bias Loss for Mobile Neural Networks',
      publishedAt: '2021-07-23T00:00:00.000Z',
    });
    expect(
      papers[0]?.abstract.startsWith('Compact convolutional neural networks (CNNs) have witnessed'),
    ).toBe(true);
    expect(papers[0]).not.toHaveProperty('upvotes');
    const skipping = byTitle(
      papers,
      'Accelerating Inference in Large Language Models with a Unified Layer Skipping Strategy',
    );
    expect(skipping.publishedAt).toBe('2024-04-10T00:00:00.000Z');
    expect(skipping.upvotes).toBe(2);
    // "Feb 27" without a year: the listing's year.
    const skipPipe = byTitle(
      papers,
      'SkipPipe: Partial and Reordered Pipelining Framework for Training LLMs in Heterogeneous Networks',
    );
    expect(skipPipe.organization).toEqual({ name: 'Gensyn', fullname: 'Gensyn' });
    expect(skipPipe.publishedAt).toBe('2025-02-27T00:00:00.000Z');
    // An entry with no authors/date block at all, followed directly by the next title.
    const mlp = byTitle(papers, 'Rethinking the shape convention of an MLP');
    expect(mlp).not.toHaveProperty('publishedAt');
    expect(mlp.abstract.startsWith('Multi-layer perceptrons (MLPs) conventionally follow')).toBe(true);
    expect(papers[2]?.title).toBe('The Surprising Effectiveness of Skip-Tuning in Diffusion Sampling');
    expect(papers.at(-1)?.title).toBe(
      'BigNAS: Scaling Up Neural Architecture Search with Big Single-Stage Models',
    );
  });

  it('reads organizations with a multi-word display name and yearless dates with upvotes (003, 004)', () => {
    const p003 = parse('003_2cb264255318d449.txt');
    expect(p003[0]?.title).toBe(
      'MobileDets: Searching for Object Detection Architectures for Mobile Accelerators',
    );
    expect(byTitle(p003, 'What Matters in Transformers? Not All Attention is Needed').upvotes).toBe(3);
    const parameterLab = p003.find((p) => p.organization?.name === 'parameterlab');
    expect(parameterLab?.organization).toEqual({ name: 'parameterlab', fullname: 'Parameter Lab' });
    const p004 = parse('004_0db57e00b4124a01.txt');
    const diffDecompose = byTitle(
      p004,
      'DiffDecompose: Layer-Wise Decomposition of Alpha-Composited Images via Diffusion Transformers',
    );
    expect(diffDecompose.publishedAt).toBe('2025-05-24T00:00:00.000Z');
    expect(diffDecompose.upvotes).toBe(2);
    expect(p004.find((p) => p.organization)?.organization).toEqual({ name: 'openbmb', fullname: 'OpenBMB' });
    expect(p004.at(-1)?.title).toBe('PALBERT: Teaching ALBERT to Ponder');
  });

  it('a yearless date later than the listing day belongs to the year before', () => {
    const text = ['Daily Papers', 'Jan 5', 'A Paper', 'x'.repeat(400), '• 2 authors', '·', 'Dec 30 7'].join(
      '\n',
    );
    const [p] = parseListingText(text, { date: '2026-01-05', where: 'paste.txt' }).papers;
    expect(p?.publishedAt).toBe('2025-12-30T00:00:00.000Z');
    expect(p?.upvotes).toBe(7);
  });

  it('gives the same ids across runs, across files and across whitespace/line-ending changes', () => {
    const a = parse('000_bce038e02205d070.txt').map((p) => p.id);
    const b = parse('000_bce038e02205d070.txt').map((p) => p.id);
    expect(b).toEqual(a);
    const crlf = readFixture('listing-text/000_bce038e02205d070.txt')
      .replace(/\n/g, '\r\n')
      .replace(/^(.+)$/gm, '$1  ');
    expect(parse('000_bce038e02205d070.txt', crlf).map((p) => p.id)).toEqual(a);
    // The same paper listed in two pages gets the same id.
    const shared = 'Rethinking the shape convention of an MLP';
    expect(byTitle(parse('003_2cb264255318d449.txt'), shared).id).toBe(
      byTitle(parse('000_bce038e02205d070.txt'), shared).id,
    );
    expect(new Set(a).size).toBe(a.length);
  });
});

describe('noIdFor', () => {
  it('builds a readable slug cut on a word boundary and a hash of the normalised title', () => {
    const id = noIdFor(
      'FFN-SkipLLM: A Hidden Gem for Autoregressive Decoding with Adaptive Feed Forward Skipping',
    );
    expect(id).toBe('noid-ffn-skipllm-a-hidden-gem-for-autoregressive-decoding-with-d0a88967');
    expect(id.length - 'noid-'.length - 9).toBeLessThanOrEqual(60);
    expect(
      noIdFor(
        '  ffn-skipllm: a hidden gem for autoregressive\n decoding with adaptive feed forward skipping ',
      ),
    ).toBe(id);
  });

  it('keeps ids ASCII and path-safe whatever the title holds', () => {
    for (const title of [
      'Über Straße — ½ “quotes”',
      '../../etc/passwd',
      '日本語のタイトル',
      '$\\alpha$-VAE',
      'a'.repeat(200),
    ]) {
      const id = noIdFor(title);
      expect(id).toMatch(NO_ID);
      expect(paperPath(id)).toMatch(/^papers\/noid\/noid-[a-z0-9-]+\.md$/);
    }
    expect(noIdFor('日本語のタイトル')).toMatch(/^noid-paper-[0-9a-f]{8}$/);
    expect(noIdFor('../../etc/passwd')).toMatch(/^noid-etcpasswd-[0-9a-f]{8}$/);
  });
});

describe('parseListingText errors', () => {
  it('rejects an empty paste and a paste with nothing but page chrome, naming date and file', () => {
    const ctx = { date: '2025-12-10', where: 'listing.txt' };
    expect(() => parseListingText(' \n\n', ctx)).toThrow(
      new InputError('listing.txt', 'empty text listing', '2025-12-10'),
    );
    expect(() => parseListingText('new\nSubscribe\nDaily Papers\nDec 10\n', ctx)).toThrow(
      '2025-12-10 listing.txt: no papers found in the text listing',
    );
  });
});
