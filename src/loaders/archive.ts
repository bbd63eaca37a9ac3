// Astro content loaders for the archive: paper files and day manifests, read by src/lib/content (the one reader).
//
// Built on the documented loader API (store, digest, watcher): each file is parsed by `parsePaperFile` /
// `parseDayFile`, the same functions the ingest, the indexer and the CLIs use, so the site reads exactly what the
// ingest wrote (one YAML dialect, one schema). A file whose text has not changed since the last build keeps its
// entry without being parsed again; a file whose name does not match the id inside it is an error.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { z } from 'astro/zod';
import { parseDayFile, parsePaperFile } from '../lib/content/format.ts';
import { filesUnder } from '../lib/content/read.ts';
import { dayManifestSchema, dayPath, paperPath, paperSchema } from '../lib/paper.ts';

interface Parsed {
  id: string;
  data: Record<string, unknown>;
  body?: string;
}

interface Kind<S extends z.ZodType> {
  name: string;
  /** Folder under the content directory, and the file extension. */
  folder: string;
  ext: string;
  schema: S;
  parse(text: string, file: string): Parsed;
  /** Where the entry's file must be, relative to the content directory. */
  pathOf(id: string): string;
}

function archiveLoader<S extends z.ZodType>(contentDir: string, kind: Kind<S>): Loader & { schema: S } {
  const root = path.resolve(contentDir);
  const dir = path.join(root, kind.folder);
  // Entry file paths are relative to the project root, as Astro's own loaders write them.
  const display = (abs: string): string => path.relative(process.cwd(), abs).split(path.sep).join('/');

  async function loadFile(
    abs: string,
    store: LoaderContext['store'],
    digest: string,
    text: string,
  ): Promise<string> {
    const file = display(abs);
    const { id, data, body } = kind.parse(text, file);
    const expected = path.join(root, kind.pathOf(id));
    if (path.resolve(abs) !== expected)
      throw new Error(`${file}: holds ${JSON.stringify(id)}, whose file is ${display(expected)}`);
    store.set({ id, data, body, filePath: file, digest });
    return id;
  }

  return {
    name: kind.name,
    schema: kind.schema,
    async load({ store, generateDigest, watcher, logger }) {
      const files = await filesUnder(dir, kind.ext);
      const byFile = new Map(store.values().map((e) => [e.filePath, e]));
      const kept = new Set<string>();
      // Read synchronously, as src/lib/content/read.ts does: ~10x faster than fs/promises for many small files,
      // and nothing else runs while the content is synced.
      for (const rel of files) {
        const abs = path.join(dir, rel);
        const text = readFileSync(abs, 'utf8');
        const digest = generateDigest(text);
        const old = byFile.get(display(abs));
        if (old && old.digest === digest) kept.add(old.id);
        else kept.add(await loadFile(abs, store, digest, text));
      }
      for (const id of store.keys()) if (!kept.has(id)) store.delete(id);

      if (!watcher) return;
      // Dev server: follow edits to the archive's files.
      watcher.add(dir);
      const inside = (abs: string): boolean =>
        abs.startsWith(`${dir}${path.sep}`) && abs.endsWith(kind.ext) && !path.basename(abs).startsWith('.');
      const reload = async (abs: string): Promise<void> => {
        if (!inside(abs)) return;
        try {
          const text = await readFile(abs, 'utf8');
          await loadFile(abs, store, generateDigest(text), text);
          logger.info(`reloaded ${display(abs)}`);
        } catch (e) {
          logger.error((e as Error).message);
        }
      };
      watcher.on('add', reload);
      watcher.on('change', reload);
      watcher.on('unlink', (abs) => {
        if (!inside(abs)) return;
        const entry = store.values().find((e) => e.filePath === display(abs));
        if (entry) store.delete(entry.id);
      });
    },
  };
}

/** `content/papers/<YYMM>/<id>.md`: front matter + abstract. */
export function paperLoader(contentDir: string) {
  return archiveLoader(contentDir, {
    name: 'dpa:papers',
    folder: 'papers',
    ext: '.md',
    schema: paperSchema,
    parse: (text, file) => {
      const p = parsePaperFile(text, file);
      return { id: p.data.id, data: p.data, body: p.body };
    },
    pathOf: paperPath,
  });
}

/** `content/days/<YYYY>/<date>.json`: the day's manifest. */
export function dayLoader(contentDir: string) {
  return archiveLoader(contentDir, {
    name: 'dpa:days',
    folder: 'days',
    ext: '.json',
    schema: dayManifestSchema,
    parse: (text, file) => {
      const d = parseDayFile(text, file);
      return { id: d.date, data: d };
    },
    pathOf: dayPath,
  });
}
