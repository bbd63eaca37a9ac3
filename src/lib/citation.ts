// Machine-readable citation metadata for paper pages: Highwire `citation_*` meta tags and schema.org JSON-LD.
import { plainText } from './math.ts';
import { arxivAbsUrl, arxivPdfUrl } from './links.ts';
import { isArxivId, type Paper } from './paper.ts';

export interface MetaTag {
  name: string;
  content: string;
}

/** `2026-08-21...` -> `2026/08/21`, the date form Google Scholar documents. */
function slashDate(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '/');
}

/**
 * The tags Zotero and Google Scholar read: one `citation_author` per author, in order, hidden authors
 * included (they are authors of the paper whatever HF shows).
 */
export function highwireTags(
  paper: Pick<Paper, 'id' | 'title' | 'authors' | 'publishedAt' | 'featured' | 'keywords'>,
  opts: { pdfUrl?: string; pageUrl: string },
): MetaTag[] {
  const tags: MetaTag[] = [{ name: 'citation_title', content: plainText(paper.title) }];
  for (const a of paper.authors) tags.push({ name: 'citation_author', content: a.name.trim() });
  const published = paper.publishedAt ?? paper.featured[0];
  if (published) tags.push({ name: 'citation_publication_date', content: slashDate(published) });
  // The day it appeared online here: the first day it was featured.
  const online = paper.featured[0];
  if (online) tags.push({ name: 'citation_online_date', content: slashDate(online) });
  if (isArxivId(paper.id)) {
    tags.push({ name: 'citation_arxiv_id', content: paper.id });
    tags.push({ name: 'citation_publisher', content: 'arXiv' });
  }
  const pdf = opts.pdfUrl ?? arxivPdfUrl(paper.id);
  if (pdf) tags.push({ name: 'citation_pdf_url', content: pdf });
  tags.push({ name: 'citation_abstract_html_url', content: opts.pageUrl });
  if (paper.keywords?.length) tags.push({ name: 'citation_keywords', content: paper.keywords.join('; ') });
  return tags;
}

/** schema.org `ScholarlyArticle` for the paper page (plain-text abstract, topics and keywords). */
export function scholarlyArticleJsonLd(
  paper: Pick<Paper, 'id' | 'title' | 'authors' | 'publishedAt' | 'featured' | 'keywords'> & {
    abstract: string;
    topics?: readonly string[];
  },
  opts: { pageUrl: string },
): Record<string, unknown> {
  const arxiv = arxivAbsUrl(paper.id);
  const keywords = [...(paper.topics ?? []), ...(paper.keywords ?? [])];
  const published = paper.publishedAt ?? paper.featured[0];
  return {
    '@context': 'https://schema.org',
    '@type': 'ScholarlyArticle',
    headline: plainText(paper.title),
    name: plainText(paper.title),
    author: paper.authors.map((a) => ({ '@type': 'Person', name: a.name.trim() })),
    ...(published ? { datePublished: published } : {}),
    identifier: isArxivId(paper.id)
      ? { '@type': 'PropertyValue', propertyID: 'arXiv', value: paper.id }
      : paper.id,
    url: opts.pageUrl,
    ...(arxiv ? { sameAs: arxiv } : {}),
    ...(paper.abstract.trim() ? { abstract: plainText(paper.abstract) } : {}),
    ...(keywords.length ? { keywords } : {}),
  };
}

/**
 * JSON for a `<script type="application/ld+json">` body. `<`, `>` and `&` become \u escapes so upstream
 * text can never close the script element; U+2028/2029 too, for old JavaScript parsers.
 */
export function jsonLdScript(obj: unknown): string {
  return JSON.stringify(obj).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
