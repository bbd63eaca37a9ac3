import { describe, expect, it } from 'vitest';
import { highwireTags, jsonLdScript, scholarlyArticleJsonLd } from '../../src/lib/citation.ts';
import { hostilePaper, noidPaper, realPaper } from './site-libs.sample.ts';

const pageUrl = 'https://u.github.io/repo/papers/2410.10672/';

describe('highwireTags', () => {
  it('lists title, every author in order (hidden too), dates, arXiv id and URLs', () => {
    const tags = highwireTags(realPaper, { pageUrl });
    const get = (name: string) => tags.filter((t) => t.name === name).map((t) => t.content);
    expect(get('citation_title')).toEqual(['Large Language Model Evaluation via Matrix Nuclear-Norm']);
    expect(get('citation_author')).toEqual(['Yahan Li', 'Tingyu Xia', 'Yi Chang', 'Yuan Wu']);
    expect(get('citation_publication_date')).toEqual(['2024/10/14']);
    expect(get('citation_online_date')).toEqual(['2024/10/15']);
    expect(get('citation_arxiv_id')).toEqual(['2410.10672']);
    expect(get('citation_pdf_url')).toEqual(['https://arxiv.org/pdf/2410.10672']);
    expect(get('citation_abstract_html_url')).toEqual([pageUrl]);
    // Authors come right after the title, in order, as Scholar expects.
    expect(tags.slice(0, 5).map((t) => t.name)).toEqual([
      'citation_title',
      ...Array(4).fill('citation_author'),
    ]);
  });
  it('omits arXiv tags for noid papers and uses the featured day as date', () => {
    const tags = highwireTags(noidPaper, { pageUrl });
    expect(tags.map((t) => t.name)).toEqual([
      'citation_title',
      'citation_publication_date',
      'citation_online_date',
      'citation_abstract_html_url',
    ]);
    expect(tags[1]?.content).toBe('2026/08/21');
    expect(highwireTags(noidPaper, { pageUrl, pdfUrl: 'https://x.org/p.pdf' }).at(-2)).toEqual({
      name: 'citation_pdf_url',
      content: 'https://x.org/p.pdf',
    });
  });
});

describe('scholarlyArticleJsonLd', () => {
  it('describes the paper with plain-text fields', () => {
    const ld = scholarlyArticleJsonLd(realPaper, { pageUrl });
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ScholarlyArticle',
      headline: 'Large Language Model Evaluation via Matrix Nuclear-Norm',
      datePublished: '2024-10-14T16:15:57.000Z',
      identifier: { '@type': 'PropertyValue', propertyID: 'arXiv', value: '2410.10672' },
      url: pageUrl,
      sameAs: 'https://arxiv.org/abs/2410.10672',
      keywords: ['evaluation', 'llm', 'nuclear norm', 'LLM evaluation'],
    });
    expect(ld.author).toEqual(
      ['Yahan Li', 'Tingyu Xia', 'Yi Chang', 'Yuan Wu'].map((name) => ({ '@type': 'Person', name })),
    );
    expect(ld.abstract).toContain('due to their O(n^3) time complexity');
    expect(ld.abstract).not.toMatch(/\\\(|<|katex/);
  });
  it('has no sameAs for noid papers', () => {
    const ld = scholarlyArticleJsonLd(noidPaper, { pageUrl });
    expect(ld.sameAs).toBeUndefined();
    expect(ld.identifier).toBe('noid-the-quiet-paper-1a2b3c4d');
    expect(ld.abstract).toBeUndefined();
  });
});

describe('jsonLdScript', () => {
  it('cannot close the script element and round-trips', () => {
    const ld = scholarlyArticleJsonLd(hostilePaper, { pageUrl });
    const body = jsonLdScript(ld);
    expect(body).not.toMatch(/[<>&\u2028\u2029]/);
    expect(body).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(body)).toEqual(ld);
  });
});
