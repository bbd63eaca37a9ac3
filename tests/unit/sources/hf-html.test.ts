import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/lib/errors.ts';
import type { ListedPaper } from '../../../src/lib/paper.ts';
import { parseApiDay } from '../../../src/lib/sources/hf-api.ts';
import { parseHtmlDay } from '../../../src/lib/sources/hf-html.ts';
import { FIXTURES_DIR, readCorpusDay, readFixture } from '../../helpers/shared.ts';

const FILE = `${FIXTURES_DIR}hf-html/papers-date-2024-08-01.html`;
const html = readFixture('hf-html/papers-date-2024-08-01.html');
const ctx = { date: '2024-08-01', where: FILE };
const EXPECTED_IDS = [
  '2407.21783',
  '2407.21705',
  '2407.21770',
  '2407.21646',
  '2407.21772',
  '2407.21630',
  '2407.21721',
  '2407.21530',
  '2407.20229',
  '2407.21781',
  '2407.21686',
  '2407.21475',
  '2404.01300',
];
/** The page with its JSON island renamed away, so only the <article> cards are left. */
const cardsOnly = html.replace('data-target="DailyPapers"', 'data-target="SomethingElse"');

describe('parseHtmlDay on the real 2024-08-01 page (data-props)', () => {
  const { papers, skipped } = parseHtmlDay(html, ctx);

  it('skips nothing', () => {
    expect(skipped).toEqual([]);
  });

  it('finds the 13 papers in page order', () => {
    expect(papers.map((p) => p.id)).toEqual(EXPECTED_IDS);
  });

  it('agrees with the API snapshot of the same day on the 11 shared ids (title, authors, abstract)', () => {
    const api = parseApiDay(readCorpusDay('2024-08-01'), { date: '2024-08-01', where: 'api' }).papers;
    expect(api).toHaveLength(11);
    const fromHtml = new Map(papers.map((p) => [p.id, p]));
    for (const a of api) {
      const h = fromHtml.get(a.id) as ListedPaper;
      expect(h, a.id).toBeDefined();
      expect(h.title).toBe(a.title);
      // Same people in the same order; the page was saved weeks later, when more authors had claimed it.
      expect(h.authors.map((x) => x.name)).toEqual(a.authors.map((x) => x.name));
      for (const [i, author] of a.authors.entries()) {
        if (author.user) expect(h.authors[i]?.user).toBe(author.user);
      }
      expect(h.abstract).toBe(a.abstract);
    }
    expect(papers.filter((p) => !api.some((a) => a.id === p.id)).map((p) => p.id)).toEqual([
      '2407.20229',
      '2404.01300',
    ]);
  });

  it('decodes the entity-escaped JSON into exact values', () => {
    const llama = papers[0] as ListedPaper;
    expect(llama.title).toBe('The Llama 3 Herd of Models');
    expect(llama.upvotes).toBe(94);
    expect(llama.comments).toBe(5);
    expect(llama.authors).toHaveLength(533);
    expect(llama.authors[0]).toEqual({ name: 'Abhimanyu Dubey', user: 'dubeya' });
    expect(llama.submittedBy?.user).toBe('akhaliq');
    expect(llama.thumbnail).toBe(
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.21783.png',
    );
    const nerf = papers.find((p) => p.id === '2404.01300');
    expect(nerf?.title).toBe(
      'NeRF-MAE: Masked AutoEncoders for Self-Supervised 3D Representation Learning for Neural Radiance Fields',
    );
  });
});

describe('parseHtmlDay fallback on the <article> cards', () => {
  const { papers } = parseHtmlDay(cardsOnly, ctx);

  it('reads the same 13 ids and titles from the cards', () => {
    const full = parseHtmlDay(html, ctx).papers;
    expect(papers.map((p) => p.id)).toEqual(EXPECTED_IDS);
    expect(papers.map((p) => p.title)).toEqual(full.map((p) => p.title));
  });

  it('reads upvotes, comments, thumbnail and submitter from a card; no author names or abstract', () => {
    expect(papers[0]).toEqual({
      id: '2407.21783',
      title: 'The Llama 3 Herd of Models',
      authors: [],
      abstract: '',
      upvotes: 94,
      comments: 5,
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2407.21783.png',
      submittedBy: { user: 'akhaliq' },
    });
    expect(papers[1]?.upvotes).toBe(24);
    expect(papers[1]?.comments).toBe(2);
  });

  it('skips a card linking to a non-arXiv path and keeps the other 12', () => {
    const evil = cardsOnly.replaceAll('/papers/2407.21705', '/papers/..%2F..%2Fetc%2Fpasswd');
    const { papers, skipped } = parseHtmlDay(evil, ctx);
    expect(papers.map((p) => p.id)).toEqual(EXPECTED_IDS.filter((id) => id !== '2407.21705'));
    expect(skipped).toEqual([
      {
        where: `${FILE} <article> cards`,
        index: 1,
        reason: 'invalid paper link "/papers/..%2F..%2Fetc%2Fpasswd": not an arXiv id',
      },
    ]);
  });
});

describe('parseHtmlDay errors', () => {
  it('throws an InputError naming the date, file and page title when neither data-props nor cards exist', () => {
    expect(() =>
      parseHtmlDay('<html><head><title>Hugging Face – Error 500</title></head><body>oops</body></html>', ctx),
    ).toThrow(
      new InputError(
        FILE,
        'not a daily papers page: no div[data-target="DailyPapers"] data-props and no <article> cards (title "Hugging Face – Error 500")',
        '2024-08-01',
      ),
    );
  });

  it('throws on an empty body', () => {
    expect(() => parseHtmlDay('', ctx)).toThrow(`2024-08-01 ${FILE}: empty body`);
  });

  it('skips a bad data-props item with its index, keeping the other papers', () => {
    const broken = html.replace('&quot;id&quot;:&quot;2407.21783&quot;', '&quot;id&quot;:&quot;../x&quot;');
    expect(broken).not.toBe(html);
    const { papers, skipped } = parseHtmlDay(broken, ctx);
    expect(papers.map((p) => p.id)).toEqual(EXPECTED_IDS.slice(1));
    expect(skipped).toEqual([
      { where: `${FILE} data-props`, index: 0, reason: 'invalid paper.id "../x": not an arXiv id' },
    ]);
  });

  it('fails the page when no data-props item is usable', () => {
    const props = JSON.stringify({ dailyPapers: ['a', 'b'] }).replace(/"/g, '&quot;');
    const page = `<html><body><div data-target="DailyPapers" data-props="${props}"></div></body></html>`;
    expect(() => parseHtmlDay(page, ctx)).toThrow(
      `2024-08-01 ${FILE} data-props: expected paper objects, got 2 strings (Python reprs?)`,
    );
  });
});
