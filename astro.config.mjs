// @ts-check
// Astro configuration: site and base come from src/lib/config.ts (env), so the same build works at a domain
// root and under a GitHub Pages project sub-path.
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { loadConfig } from './src/lib/config.ts';
import pagefind from './src/integrations/pagefind.ts';
import dataStoreFromDisk from './src/integrations/data-store.ts';
import devTrailingSlash from './src/integrations/dev-trailing-slash.ts';
import restoreByLink from './src/integrations/restore-by-link.ts';

const config = loadConfig();

export default defineConfig({
  site: config.siteUrl,
  base: config.basePath,
  trailingSlash: 'always',
  // Shared CSS and scripts as files, cached once, rather than inlined into each of 10^4-10^5 pages.
  // BUILD_CONCURRENCY (default 4): pages rendered at once, overlapping file writes with rendering (bench/README.md).
  build: {
    format: 'directory',
    inlineStylesheets: 'never',
    concurrency: Math.max(1, Number(process.env.BUILD_CONCURRENCY) || 4),
  },
  vite: { build: { assetsInlineLimit: 0 } },
  // Paper pages whose data (their cache key, src/data/paper-view.ts) and code are unchanged are copied from the
  // previous build's output in cacheDir instead of rendered again: a daily update re-renders the papers it touches.
  // INCREMENTAL_BUILD=0 renders everything.
  experimental: { incrementalBuild: process.env.INCREMENTAL_BUILD !== '0' },
  // Tests build the fixture archive concurrently with other builds; a separate cache keeps their data stores apart.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  integrations: [
    devTrailingSlash(),
    // Unchanged pages restored from the cache as hard links instead of copies (src/integrations/restore-by-link.ts).
    restoreByLink(),
    // DATA_STORE_INLINE=1 keeps Astro's own (inlined) data store module; for comparison in bench/README.md.
    ...(process.env.DATA_STORE_INLINE === '1' ? [] : [dataStoreFromDisk()]),
    sitemap({ entryLimit: 10000 }),
    // SEARCH_INDEX=0 skips Pagefind, e.g. for link-check builds that do not need a search index.
    ...(process.env.SEARCH_INDEX === '0' ? [] : [pagefind()]),
  ],
});
