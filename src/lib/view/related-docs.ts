// What related papers are computed from, for both places that compute them (the build and the search indexer).
import type { RelatedDoc } from '../related.ts';

export function relatedDocs(
  papers: readonly {
    id: string;
    title: string;
    abstract: string;
    keywords?: readonly string[] | undefined;
    featured: readonly string[];
  }[],
): RelatedDoc[] {
  return papers.map((p) => ({
    id: p.id,
    title: p.title,
    abstract: p.abstract,
    keywords: p.keywords,
    date: p.featured[0],
  }));
}
