// Astro integration: in a production build, the prerendering code reads the content layer's data store from the file
// Astro has just written, instead of carrying it inlined in the server bundle.
//
// Astro bundles its data store (`astro:data-layer-content`) as one module, `export default JSON.parse("<the whole
// store>")`: 28 MB of string literal for the real archive, 225 MB at 100k papers. The bundler parses and prints
// that literal, the prerender step loads it as script source and parses it again; at 30k papers the build's memory
// peaked at 2.4 GB while bundling it (bench/README.md). Read from disk at prerender time, the same data costs one
// read and one JSON.parse. The page data and output are unchanged; dev keeps Astro's own module (and its updates).
//
// The module ids are Astro internals (astro/dist/content/consts.js). Should they change, this plugin no longer
// matches and Astro's inlined module is used again: correct, only heavier, and the build says so in a warning.
// tests/unit/data-store.test.ts checks the module; every site and browser test builds through it.
//
// Once the build starts, the store the content sync filled is released too. Astro's content layer keeps it in a
// module-level singleton (astro/dist/content/instance.js) for the dev server's reloads, so in a build it stays
// alive beside the copy the pages read: a second copy of every entry (a heap snapshot at 10k papers found 21,176
// entries for 10,000 papers, and, before parsePaperFile copied bodies, each file's whole text; bench/README.md,
// eighth round). A build never syncs again after its start (astro/dist/core/build/index.js syncs
// before `astro:build:start`), and the pages read the written file, so nothing reads the released store.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { astroInternal } from './astro-internal.ts';

const RESOLVED_DATA_STORE_ID = '\0astro:data-layer-content';
/** Marks the module as content data, so incremental builds leave it out of a page's code hash (as Astro's own). */
const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } };

export default function dataStoreFromDisk(): AstroIntegration {
  let storeFile: string | undefined;
  let served = false;
  let root: URL | undefined;
  return {
    name: 'dpa:data-store-from-disk',
    hooks: {
      'astro:build:start': async ({ logger }) => {
        if (!storeFile || !root || !existsSync(storeFile)) return;
        const layer = (
          await astroInternal<{ globalContentLayer: { dispose?: () => void; get?: () => unknown } }>(
            root,
            'content/instance.js',
          )
        )?.globalContentLayer;
        // The sync has just filled it (astro/dist/core/sync/index.js, init): empty means another copy of the module
        // (another Astro than the one running), whose dispose would release nothing.
        if (typeof layer?.dispose === 'function' && layer.get?.()) layer.dispose();
        else
          logger.warn(
            `Astro's content layer is not where this expects it: its synced store stays in memory (${import.meta.url})`,
          );
      },
      'astro:build:done': ({ logger }) => {
        // Say so when Astro's own module was used (its internal ids changed): the build is right, but heavier.
        if (storeFile && !served && existsSync(storeFile))
          logger.warn(
            `the content data store was bundled inline, not read from ${storeFile}: see ${import.meta.url}`,
          );
      },
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build') return;
        // Where a build writes the store (astro/dist/content/paths.js, getDataStoreFile): cacheDir/data-store.json.
        const file = fileURLToPath(new URL('data-store.json', config.cacheDir));
        storeFile = file;
        root = config.root;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'dpa:data-store-from-disk',
                load: {
                  // Before Astro's own loader for the same id.
                  order: 'pre',
                  handler(id) {
                    if (id !== RESOLVED_DATA_STORE_ID || !existsSync(file)) return null;
                    served = true;
                    return {
                      code: [
                        "import { readFileSync } from 'node:fs';",
                        `const file = ${JSON.stringify(file)};`,
                        'let store;',
                        "try { store = JSON.parse(readFileSync(file, 'utf8')); }",
                        'catch (error) { throw new Error(`${file}: cannot read the content data store: ${error.message}`); }',
                        'export default store;',
                      ].join('\n'),
                      meta: CONTENT_DATA_META,
                    };
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}
