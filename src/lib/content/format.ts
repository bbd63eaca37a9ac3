// Deterministic text for archive files: paper Markdown (YAML front matter + abstract) and day manifests (JSON).
import { createRequire } from 'node:module';
import matter from 'gray-matter';
import { z } from 'astro/zod';
import { dayManifestSchema, paperSchema, type DayManifest } from '../paper.ts';
import { parseCanonicalYaml } from './fast-yaml.ts';
import type { StoredPaper } from '../ingest/merge.ts';

/** Why a file could not be read: names the file and the first bad field. */
export class ArchiveFileError extends Error {
  readonly file: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ArchiveFileError';
    this.file = file;
  }
}

type Shape = Record<string, z.ZodType>;

/** Unwrap optional/default wrappers to reach the object or array schema underneath. */
function inner(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) {
      s = s.unwrap() as z.ZodType;
    } else return s;
  }
}

/**
 * A plain copy of `value` with object keys in the schema's order and undefined/null dropped, so the same
 * data always serialises to the same bytes whatever order it was built in. Unknown keys go last, sorted.
 */
function ordered(schema: z.ZodType | undefined, value: unknown): unknown {
  const s = schema ? inner(schema) : undefined;
  if (Array.isArray(value)) {
    const el = s instanceof z.ZodArray ? (s.element as z.ZodType) : undefined;
    return value.map((v) => ordered(el, v));
  }
  if (value !== null && typeof value === 'object') {
    const shape: Shape = s instanceof z.ZodObject ? (s.shape as Shape) : {};
    const obj = value as Record<string, unknown>;
    const keys = [
      ...Object.keys(shape),
      ...Object.keys(obj)
        .filter((k) => !(k in shape))
        .sort(),
    ];
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = obj[k];
      if (v === undefined || v === null) continue;
      out[k] = ordered(shape[k], v);
    }
    return out;
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
  return `field ${path}: ${issue.message}`;
}

// lineWidth -1: never fold long strings (titles, summaries), so diffs stay one line per field.
const yamlOptions = { lineWidth: -1, noRefs: true } as const;

export function serializePaper(p: StoredPaper): string {
  const data = ordered(paperSchema, p.data) as Record<string, unknown>;
  const body = p.body.trim();
  const text = matter.stringify(
    body === '' ? '' : `${body}\n`,
    data,
    yamlOptions as unknown as matter.GrayMatterOption<string, never>,
  );
  // js-yaml 3 leaves `id: 0704.0001` (arXiv 2007-2009) plain, since to it a leading zero is no float; YAML 1.2
  // readers such as Astro's js-yaml 4 then read the number 704.0001. Ids are the one field whose values look
  // numeric by construction, so they are always quoted, as js-yaml 3 already does for every later id.
  return text.replace(/^id: (\d[\d.]*(?:v\d+)?)$/m, "id: '$1'");
}

// Parsing uses the very js-yaml (3.x) gray-matter writes with, but without gray-matter's per-call Buffer
// copy and content-keyed cache, which cost more than the YAML itself on a 10,000-file re-run.
const requireFromGrayMatter = createRequire(createRequire(import.meta.url).resolve('gray-matter'));
const jsYaml = requireFromGrayMatter('js-yaml') as { safeLoad(text: string): unknown };

/** YAML 1.1 turns unquoted dates into Date objects; a hand-edited file may have them. */
function dateString(v: unknown): unknown {
  if (!(v instanceof Date)) return v;
  const iso = v.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

function fixDates(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const d = data as Record<string, unknown>;
  for (const k of ['publishedAt', 'statsAt']) if (d[k] instanceof Date) d[k] = dateString(d[k]);
  if (Array.isArray(d.featured)) d.featured = d.featured.map(dateString);
  if (Array.isArray(d.history)) {
    for (const r of d.history)
      if (r && typeof r === 'object')
        (r as Record<string, unknown>).at = dateString((r as Record<string, unknown>).at);
  }
  for (const k of ['source', 'overrides']) {
    const o = d[k];
    if (o && typeof o === 'object') {
      const rec = o as Record<string, unknown>;
      for (const f of ['fetchedAt', 'publishedAt']) if (rec[f] instanceof Date) rec[f] = dateString(rec[f]);
    }
  }
  return d;
}

/** Split `---\n<yaml>\n---\n<body>`; a file without front matter is reported as such. */
function splitFrontMatter(text: string, file: string): { yaml: string; body: string } {
  const t = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!t.startsWith('---\n'))
    throw new ArchiveFileError(file, 'no front matter (the file must start with ---)');
  const close = /\n---[ \t]*(?:\n|$)/g;
  close.lastIndex = 3;
  const m = close.exec(t);
  if (!m) throw new ArchiveFileError(file, 'front matter is not closed by a --- line');
  return { yaml: t.slice(4, m.index + 1), body: t.slice(m.index + m[0].length) };
}

export function parsePaperFile(text: string, file: string): StoredPaper {
  const { yaml, body } = splitFrontMatter(text, file);
  let data: unknown;
  try {
    data = parseCanonicalYaml(yaml) ?? jsYaml.safeLoad(yaml);
  } catch (e) {
    throw new ArchiveFileError(
      file,
      `front matter is not valid YAML (${(e as Error).message.split('\n')[0]})`,
    );
  }
  const result = paperSchema.safeParse(fixDates(data));
  if (!result.success)
    throw new ArchiveFileError(file, describeIssue(result.error.issues[0] as z.core.$ZodIssue));
  return { data: result.data, body: body.trim() };
}

export function serializeDay(day: DayManifest): string {
  return `${JSON.stringify(ordered(dayManifestSchema, day), null, 2)}\n`;
}

export function parseDayFile(text: string, file: string): DayManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ArchiveFileError(file, `not valid JSON (${(e as Error).message})`);
  }
  const result = dayManifestSchema.safeParse(json);
  if (!result.success)
    throw new ArchiveFileError(file, describeIssue(result.error.issues[0] as z.core.$ZodIssue));
  return result.data;
}

/** The js-yaml reader gray-matter uses (exported for tests that compare readers). */
export const safeLoadYaml = (text: string): unknown => jsYaml.safeLoad(text);
