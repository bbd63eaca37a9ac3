// Related papers for every paper, computed once per build from the whole archive (see src/lib/related.ts).
//
// In `npm run build` the search indexer computes them in its own process, started when the build starts
// (src/integrations/pagefind.ts), and says where through DPA_RELATED_FILE: this process then only reads the result,
// keeping the work (minutes and ~1 GB at 100k papers) off the thread that renders pages. Otherwise (dev, or
// SEARCH_INDEX=0) they are computed here.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { computeRelated, type RelatedPaper } from '../lib/related.ts';
import { getArchive } from './archive.ts';
import { relatedDocs } from './related-docs.ts';

let cached: Promise<Map<string, RelatedPaper[]>> | undefined;

/** Polls for the indexer's result (or the error the integration writes beside it when the indexer failed). */
async function fromIndexer(file: string): Promise<Map<string, RelatedPaper[]>> {
  for (;;) {
    if (existsSync(file))
      return new Map(JSON.parse(await readFile(file, 'utf8')) as [string, RelatedPaper[]][]);
    if (existsSync(`${file}.error`))
      throw new Error(`related papers: ${(await readFile(`${file}.error`, 'utf8')).trim()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function getRelated(): Promise<Map<string, RelatedPaper[]>> {
  const file = process.env.DPA_RELATED_FILE;
  cached ??= file
    ? fromIndexer(file)
    : getArchive().then((archive) => computeRelated(relatedDocs(archive.papers), 8));
  return cached;
}
