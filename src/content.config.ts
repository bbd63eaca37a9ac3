// The archive's content collections: papers (Markdown, front matter + abstract) and day manifests (JSON).
import { defineCollection } from 'astro:content';
import type { ContentEntryType } from 'astro';
import { glob, type Loader } from 'astro/loaders';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from './lib/config.ts';
import { dayManifestSchema, isIsoDate, isPaperId, paperSchema } from './lib/paper.ts';

const config = loadConfig();
// A trailing slash makes the URL a directory, so the glob's pattern resolves inside it.
const contentBase = pathToFileURL(`${path.resolve(config.contentDir)}${path.sep}`);

/** Entry ids come from the data, not the file name, so a page's URL is the paper's own id. */
function idFromData(field: 'id' | 'date', valid: (s: string) => boolean) {
  return ({ entry, data }: { entry: string; data: Record<string, unknown> }): string => {
    const value = data[field];
    if (typeof value !== 'string' || !valid(value)) {
      throw new Error(
        `${config.contentDir}/${entry}: field ${field}: missing or invalid (${JSON.stringify(value)})`,
      );
    }
    return value;
  };
}

/**
 * The glob loader, reading Markdown as data: front matter + raw body, no rendering. Pages typeset abstracts
 * with src/lib/math.ts from the body, so Astro's Markdown pipeline (at sync) or one module per paper in the
 * bundle (`deferRender`) would be pure cost at tens of thousands of papers. Entry types stripped of their
 * render hooks make the glob loader store plain entries.
 */
type LoadContext = Parameters<Loader['load']>[0];
/** The content layer hands the glob loader the entry types too, though its public type does not say so. */
type GlobLoadContext = LoadContext & { entryTypes: Map<string, ContentEntryType> };

function dataOnly(loader: Loader): Loader {
  return {
    ...loader,
    load: (context) => {
      const { entryTypes } = context as GlobLoadContext;
      const withoutRender = new Map<string, ContentEntryType>(
        [...entryTypes].map(([ext, type]) => [
          ext,
          { extensions: type.extensions, getEntryInfo: type.getEntryInfo.bind(type) },
        ]),
      );
      return loader.load({ ...context, entryTypes: withoutRender } as GlobLoadContext);
    },
  };
}

const papers = defineCollection({
  loader: dataOnly(
    glob({ pattern: 'papers/**/*.md', base: contentBase, generateId: idFromData('id', isPaperId) }),
  ),
  schema: paperSchema,
});

const days = defineCollection({
  loader: glob({ pattern: 'days/**/*.json', base: contentBase, generateId: idFromData('date', isIsoDate) }),
  schema: dayManifestSchema,
});

export const collections = { papers, days };
