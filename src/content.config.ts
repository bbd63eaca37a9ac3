// The archive's content collections: papers (Markdown, front matter + abstract) and day manifests (JSON), read by
// the archive's own loaders (src/loaders/archive.ts), which validate with the schema in src/lib/paper.ts.
import { defineCollection } from 'astro:content';
import { loadConfig } from './lib/config.ts';
import { dayLoader, paperLoader } from './loaders/archive.ts';

const { contentDir } = loadConfig();

export const collections = {
  papers: defineCollection({ loader: paperLoader(contentDir) }),
  days: defineCollection({ loader: dayLoader(contentDir) }),
};
