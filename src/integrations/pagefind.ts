// Astro integration: after the build, index the paper pages with Pagefind's Node API so every build is searchable.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/** Listing folders under papers/ (day, week, month pages): no `data-pagefind-body`, nothing to index. */
const LISTINGS = new Set(['date', 'week', 'month']);

/** `papers/<id>/index.html` for every paper, old-style ids (`hep-th/9901001`) one level deeper. */
async function paperPages(papersDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(papersDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || LISTINGS.has(entry.name)) continue;
    const dir = path.join(papersDir, entry.name);
    const inner = await readdir(dir, { withFileTypes: true });
    if (inner.some((e) => e.name === 'index.html')) out.push(path.join(dir, 'index.html'));
    for (const e of inner) {
      if (e.isDirectory()) {
        const nested = path.join(dir, e.name, 'index.html');
        if ((await readdir(path.join(dir, e.name))).includes('index.html')) out.push(nested);
      }
    }
  }
  return out.sort();
}

/**
 * What Pagefind needs of a paper page: its `<article data-pagefind-body>` (text, weights, filters, sort keys and
 * meta all live inside it) in a minimal document with the page's language. Pagefind then parses ~6 KB instead of
 * ~20 KB of head metadata, scripts and navigation per paper, and its process holds less (see bench/README.md).
 */
export function searchDocument(html: string): string | undefined {
  const start = html.search(/<article\b[^>]*\bdata-pagefind-body\b/);
  if (start < 0) return undefined;
  const end = html.lastIndexOf('</article>');
  if (end < start) return undefined;
  const lang = /<html\b[^>]*\blang="([^"]+)"/.exec(html)?.[1] ?? 'en';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body>${html.slice(start, end + 10)}</body></html>`;
}

/**
 * Only paper pages carry `data-pagefind-body`; listings and calendars are never read. Titles, authors, abstract, id,
 * organization and keywords are inside that body; filters, sort keys and result metadata come from
 * `data-pagefind-filter|sort|meta` attributes on the paper page.
 */
export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'daily-papers:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const started = performance.now();
        logger.info('indexing paper pages for search...');
        const files = await paperPages(path.join(outDir, 'papers'));
        // KaTeX writes each formula three times (MathML, TeX annotation, HTML); index the visible HTML once.
        const { index, errors } = await pagefind.createIndex({
          forceLanguage: 'en',
          excludeSelectors: ['.katex-mathml'],
        });
        if (!index) throw new Error(`pagefind: could not create an index: ${errors.join('; ')}`);
        try {
          let added = 0;
          for (const file of files) {
            const doc = searchDocument(await readFile(file, 'utf8'));
            if (!doc) continue;
            const rel = path.relative(outDir, path.dirname(file)).split(path.sep).join('/');
            // Root-relative, as addDirectory gave them: the search client applies the base path (baseUrl).
            const result = await index.addHTMLFile({ url: `/${rel}/`, content: doc });
            if (result.errors.length > 0)
              throw new Error(`pagefind: indexing ${file} failed: ${result.errors.join('; ')}`);
            added++;
            if (added % 2000 === 0) logger.info(`indexed ${added} of ${files.length} paper pages...`);
          }
          if (added === 0) logger.warn('pagefind: no paper pages found to index');
          const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
          if (written.errors.length > 0)
            throw new Error(`pagefind: writing the index failed: ${written.errors.join('; ')}`);
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          logger.info(
            `indexed ${added} pages in ${seconds}s -> ${path.relative(process.cwd(), written.outputPath)}`,
          );
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
