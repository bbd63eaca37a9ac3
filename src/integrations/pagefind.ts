// Astro integration: after the build, index the paper pages with Pagefind's Node API so every build is searchable.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/**
 * Only paper pages carry `data-pagefind-body`, so Pagefind skips every other page (listings, calendars) even though
 * the glob visits them. Titles, authors, abstract, id, organization and keywords are inside that body; filters,
 * sort keys and result metadata come from `data-pagefind-filter|sort|meta` attributes on the paper page.
 */
export default function pagefindIntegration(): AstroIntegration {
  return {
    name: 'daily-papers:pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const started = performance.now();
        logger.info('indexing paper pages for search...');
        const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
        if (!index) throw new Error(`pagefind: could not create an index: ${errors.join('; ')}`);
        try {
          const added = await index.addDirectory({ path: outDir, glob: 'papers/**/*.html' });
          if (added.errors.length > 0) throw new Error(`pagefind: indexing ${outDir} failed: ${added.errors.join('; ')}`);
          if (added.page_count === 0) logger.warn('pagefind: no paper pages found to index');
          const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
          if (written.errors.length > 0) throw new Error(`pagefind: writing the index failed: ${written.errors.join('; ')}`);
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          logger.info(`indexed ${added.page_count} pages in ${seconds}s -> ${path.relative(process.cwd(), written.outputPath)}`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
