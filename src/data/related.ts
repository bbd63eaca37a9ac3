// Related papers for every paper, computed once per build from the whole archive (see src/lib/related.ts).
//
// In `npm run build` the search indexer computes them in its own process, started when the build starts, and hands
// them over (src/lib/build/handoff.ts): this process only reads the result, keeping the work (minutes and ~1 GB at
// 100k papers) off the thread that renders pages. Otherwise (dev, or SEARCH_INDEX=0) they are computed here.
import { receive } from '../lib/build/handoff.ts';
import { computeRelated, type RelatedPaper } from '../lib/related.ts';
import { getArchive } from './archive.ts';
import { relatedDocs } from '../lib/view/related-docs.ts';

let cached: Promise<Map<string, RelatedPaper[]>> | undefined;

export function getRelated(): Promise<Map<string, RelatedPaper[]>> {
  cached ??=
    receive('related')?.then((pairs) => new Map(pairs)) ??
    getArchive().then((archive) => computeRelated(relatedDocs(archive.papers), 8));
  return cached;
}
