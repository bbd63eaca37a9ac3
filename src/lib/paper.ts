// The paper and day model: one zod schema shared by the ingest (scripts/) and the site (src/content.config.ts).
import { z } from 'astro/zod';

import { isHttpUrl, isIsoDate, isPaperId, ARXIV_NEW_ID, ARXIV_OLD_ID, NO_ID } from './ids.ts';

export { ARXIV_NEW_ID, ARXIV_OLD_ID, NO_ID, isArxivId, isHttpUrl, isIsoDate, isPaperId } from './ids.ts';

export const paperIdSchema = z.string().refine(isPaperId, { message: 'not a valid arXiv id or noid id' });
export const isoDateSchema = z.string().refine(isIsoDate, { message: 'not a real YYYY-MM-DD date' });
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
export const httpUrlSchema = z.string().refine(isHttpUrl, { message: 'not an http(s) URL' });

export const authorSchema = z.object({
  name: z.string().min(1),
  /** HF user handle, when the author claimed the paper. */
  user: z.string().min(1).optional(),
  /** Author hidden on HF (kept, flagged, so a page can decide how to show it). */
  hidden: z.literal(true).optional(),
});

export const organizationSchema = z.object({
  /** HF organization handle (`snu`). */
  name: z.string().min(1),
  /** Display name (`Seoul National University`). */
  fullname: z.string().min(1).optional(),
});

export const submitterSchema = z.object({
  user: z.string().min(1),
  fullname: z.string().min(1).optional(),
});

/** One reading of the paper's counters. */
export const readingSchema = z.object({
  at: isoDateTimeSchema,
  upvotes: z.number().int().nonnegative(),
  comments: z.number().int().nonnegative().optional(),
});

export const sourceKinds = ['hf-api', 'hf-html', 'api-file', 'html-file', 'text-file'] as const;
export const sourceKindSchema = z.enum(sourceKinds);

/** Where and when data was read: a URL for network sources, a file path for saved files. */
export const sourceSchema = z.object({
  kind: sourceKindSchema,
  url: httpUrlSchema.optional(),
  file: z.string().min(1).optional(),
  fetchedAt: isoDateTimeSchema,
});

/**
 * Hand corrections. The ingest never writes or changes this block; the site applies it over the
 * upstream fields (see `applyOverrides`). `topics` replaces the computed topics.
 */
export const overridesSchema = z
  .object({
    title: z.string().min(1),
    authors: z.array(authorSchema),
    publishedAt: isoDateTimeSchema,
    organization: organizationSchema,
    githubRepo: httpUrlSchema,
    projectPage: httpUrlSchema,
    keywords: z.array(z.string().min(1)),
    topics: z.array(z.string().min(1)).min(1).max(4),
  })
  .partial();

/** Optional upstream fields that a listed paper and a stored paper share, in stored key order. */
const upstreamExtras = {
  organization: organizationSchema.optional(),
  githubRepo: httpUrlSchema.optional(),
  githubStars: z.number().int().nonnegative().optional(),
  projectPage: httpUrlSchema.optional(),
  /** HF's machine-generated keywords. */
  keywords: z.array(z.string().min(1)).optional(),
  /** HF's machine-generated summary; never mixed with the abstract. */
  aiSummary: z.string().min(1).optional(),
  aiSummaryModel: z.string().min(1).optional(),
  thumbnail: httpUrlSchema.optional(),
  submittedBy: submitterSchema.optional(),
};

/**
 * What a source yields for one paper on one listed day: the upstream view, normalised, before merging
 * with what the archive already holds. `abstract` has arXiv's hard line breaks folded.
 */
export const listedPaperSchema = z.object({
  id: paperIdSchema,
  title: z.string().min(1),
  authors: z.array(authorSchema),
  abstract: z.string(),
  publishedAt: isoDateTimeSchema.optional(),
  upvotes: z.number().int().nonnegative().optional(),
  comments: z.number().int().nonnegative().optional(),
  ...upstreamExtras,
});

/** The front matter of `content/papers/<YYMM>/<id>.md`. The Markdown body is the abstract. */
export const paperSchema = z.object({
  id: paperIdSchema,
  title: z.string().min(1),
  authors: z.array(authorSchema),
  /** arXiv publication time. */
  publishedAt: isoDateTimeSchema.optional(),
  /** Every day the paper was featured, sorted ascending, unique. */
  featured: z.array(isoDateSchema).min(1),
  /** Latest counters seen, and when they were read. */
  upvotes: z.number().int().nonnegative(),
  comments: z.number().int().nonnegative().optional(),
  statsAt: isoDateTimeSchema,
  /** Short history of readings (first one kept, then the latest few), oldest first. */
  history: z.array(readingSchema).default([]),
  ...upstreamExtras,
  /** Provenance of the latest data merged into this file. */
  source: sourceSchema,
  /**
   * sha256 (first 16 hex) of the abstract the ingest last wrote as the body. If the body no longer
   * matches it, a person edited it and the ingest leaves it alone.
   */
  abstractHash: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
  overrides: overridesSchema.optional(),
});

/**
 * An item of a day's listing that the ingest could not use (no id, an invalid id, no title, not an object...).
 * `index` is its position in the day's listing (across pages), `id` is there when it was a valid id, `reason`
 * is one line. The day's other papers are archived; the next run fetches the day again.
 */
export const skippedItemSchema = z.object({
  index: z.number().int().nonnegative(),
  id: paperIdSchema.optional(),
  reason: z.string().min(1).max(300),
});

/** `content/days/<YYYY>/<YYYY-MM-DD>.json`. No file = not archived; `empty` = upstream listed no papers. */
export const dayManifestSchema = z
  .object({
    date: isoDateSchema,
    /** By the papers kept: skipped items do not count. */
    status: z.enum(['ok', 'empty']),
    count: z.number().int().nonnegative(),
    /** Paper ids in the order the day listed them. */
    ids: z.array(paperIdSchema),
    source: sourceSchema,
    /** Items of the latest listing that were skipped, and why; absent when none was. */
    skipped: z.array(skippedItemSchema).min(1).optional(),
  })
  .refine((d) => d.count === d.ids.length, { message: 'count must equal ids.length' })
  .refine((d) => (d.status === 'empty') === (d.ids.length === 0), {
    message: 'status is "empty" exactly when ids is empty',
  });

export type Author = z.infer<typeof authorSchema>;
export type Organization = z.infer<typeof organizationSchema>;
export type Reading = z.infer<typeof readingSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type SourceKind = z.infer<typeof sourceKindSchema>;
export type Overrides = z.infer<typeof overridesSchema>;
export type ListedPaper = z.infer<typeof listedPaperSchema>;
export type Paper = z.infer<typeof paperSchema>;
export type PaperInput = z.input<typeof paperSchema>;
export type DayManifest = z.infer<typeof dayManifestSchema>;
export type SkippedItemRecord = z.infer<typeof skippedItemSchema>;

/** A paper with its hand corrections applied: what pages, feeds and search show. */
export function applyOverrides(paper: Paper): Paper {
  const o = paper.overrides;
  if (!o) return paper;
  const { topics: _topics, ...fields } = o;
  return { ...paper, ...fields };
}

/**
 * Repository-relative path of a paper's file, from a validated id. Throws on anything else, so no
 * upstream string ever becomes a path unchecked.
 *   2405.15738      -> papers/2405/2405.15738.md
 *   hep-th/9901001  -> papers/9901/hep-th_9901001.md
 *   noid-foo-1a2b3c4d -> papers/noid/noid-foo-1a2b3c4d.md
 */
export function paperPath(id: string): string {
  if (ARXIV_NEW_ID.test(id)) return `papers/${id.slice(0, 4)}/${id}.md`;
  if (ARXIV_OLD_ID.test(id)) {
    const [archive, num] = id.split('/') as [string, string];
    return `papers/${num.slice(0, 4)}/${archive}_${num}.md`;
  }
  if (NO_ID.test(id)) return `papers/noid/${id}.md`;
  throw new Error(`invalid paper id ${JSON.stringify(id)}: not an arXiv id`);
}

/** Repository-relative path of a day's manifest. */
export function dayPath(date: string): string {
  if (!isIsoDate(date)) throw new Error(`invalid date ${JSON.stringify(date)}: expected a real YYYY-MM-DD`);
  return `days/${date.slice(0, 4)}/${date}.json`;
}

/** URL-safe slug of a paper id for permalinks: old-style ids keep their slash (`/papers/hep-th/9901001/`). */
export function paperSlug(id: string): string {
  if (!isPaperId(id)) throw new Error(`invalid paper id ${JSON.stringify(id)}`);
  return id;
}
