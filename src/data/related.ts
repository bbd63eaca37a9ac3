// Related papers for every paper, computed once per build from the whole archive (see src/lib/related.ts).
//
// In `npm run build` the search indexer computes them in its own process, started when the build starts, and hands
// them over (src/lib/build/handoff.ts): this process only reads the result, keeping the work (minutes and ~1 GB at
// 100k papers) off the thread that renders pages. Otherwise (dev, or SEARCH_INDEX=0) they are computed here.
import { receive } from '../lib/build/handoff.ts';
import type { RelatedPaper } from '../lib/related.ts';
import { relateArchive } from '../lib/related-stable.ts';
import { getArchive, type Archive } from './archive.ts';
import { toBibtex } from '../lib/bibtex.ts';
import { plainText } from '../lib/math.ts';
import { cardSummary, titleHtml } from '../lib/view/paper-text.ts';
import { relatedDocs } from '../lib/view/related-docs.ts';

let cached: Promise<Map<string, RelatedPaper[]>> | undefined;

export function getRelated(): Promise<Map<string, RelatedPaper[]>> {
  cached ??= (() => {
    const handed = receive('related');
    if (!handed) return getArchive().then((archive) => relateArchive(relatedDocs(archive.papers), 8).related);
    // No page is generated until the paper route has these (its cache keys): the wait is spent on text every page
    // kind needs anyway, which would otherwise be made while pages render; no longer than the wait lasts.
    return Promise.all([handed, getArchive().then((archive) => warmUp(archive, handed))]).then(
      ([pairs]) => new Map(pairs),
    );
  })();
  return cached;
}

/** Papers warmed between two looks at whether the wait is over. */
const WARM_SLICE = 200;

/**
 * Typeset titles, card lines, plain text and BibTeX of the papers, newest first, made once and kept by their memos,
 * until `until` settles (a daily update renders a few hundred pages: what is not made now is made when needed).
 */
async function warmUp(archive: Archive, until: Promise<unknown>): Promise<void> {
  let over = false;
  const end = () => (over = true);
  until.then(end, end);
  for (let i = 0; i < archive.papers.length && !over; i++) {
    const p = archive.papers[i]!;
    titleHtml(p);
    cardSummary(p);
    plainText(p.title);
    plainText(p.abstract);
    toBibtex(p);
    if (i % WARM_SLICE === WARM_SLICE - 1) await new Promise((resolve) => setImmediate(resolve));
  }
}
