// Related papers for every paper, computed once per build from the whole archive (see src/lib/related.ts).
import { computeRelated, type RelatedPaper } from '../lib/related.ts';
import { getArchive } from './archive.ts';

let cached: Promise<Map<string, RelatedPaper[]>> | undefined;

export function getRelated(): Promise<Map<string, RelatedPaper[]>> {
  cached ??= getArchive().then((archive) =>
    computeRelated(
      archive.papers.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract, keywords: p.keywords })),
      8,
    ),
  );
  return cached;
}
