// The only reader and writer of archive files: paper Markdown (YAML 1.2 front matter + abstract) and day manifests
// (JSON). The ingest, the site's content loader, the search indexer, the CLIs and the tests all go through here.
import { z } from 'astro/zod';
import { describeIssue } from '../errors.ts';
import { dayManifestSchema, paperSchema, type DayManifest, type Paper } from '../paper.ts';
import { readYaml, writeYaml } from './yaml.ts';

/** A paper file in memory: validated front matter plus the Markdown body (the abstract, trimmed). */
export interface StoredPaper {
  data: Paper;
  body: string;
}

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
    } else if (s instanceof z.ZodPipe) {
      s = s.in as z.ZodType;
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

/**
 * `---`, the front matter, `---`, then the abstract as written. The body is never parsed on the way out (it is
 * text, not a document), and the front matter cannot hold a `---` line: every string in it is one quoted line.
 */
export function serializePaper(p: StoredPaper): string {
  const data = ordered(paperSchema, p.data) as Record<string, unknown>;
  const body = p.body.trim();
  return `---\n${writeYaml(data)}---\n${body === '' ? '' : `${body}\n`}`;
}

/** Split `---\n<yaml>\n---\n<body>` at the first closing line; a file without front matter is reported as such. */
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

/** The front matter as plain data, unvalidated (for tools that compare readers). */
export function readFrontMatter(text: string, file: string): { data: unknown; body: string } {
  const { yaml, body } = splitFrontMatter(text, file);
  try {
    return { data: readYaml(yaml), body };
  } catch (e) {
    throw new ArchiveFileError(file, `front matter is not valid YAML (${(e as Error).message})`);
  }
}

export function parsePaperFile(text: string, file: string): StoredPaper {
  const { data, body } = readFrontMatter(text, file);
  const result = paperSchema.safeParse(data);
  if (!result.success)
    throw new ArchiveFileError(file, describeIssue(result.error.issues[0]));
  return { data: result.data, body: ownCopy(body.trim()) };
}

/**
 * The same text, no longer cut from the file's. `slice` and `trim` make V8 share the bytes of the string they cut
 * from, so a kept body (the abstract, ~45% of a paper file) would keep its whole file's text alive: at 10k papers
 * 23.5 MB of file texts in the Astro process (heap snapshot, bench/README.md, eighth round), and the same in the
 * indexer. Slicing a concatenation makes V8 flatten it first, so the result is cut from a private copy one character
 * longer (how V8 works today, not a language guarantee: a change there would only cost memory again). 20k bodies cut
 * from 4 KB files held 81 MB as slices, 23 MB copied; copying the real archive's 9,877 bodies this way took 74 ms
 * on a busy machine (a `Buffer` round trip 94 ms, `TextEncoder`/`TextDecoder` 276 ms).
 */
function ownCopy(s: string): string {
  return ` ${s}`.slice(1);
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
    throw new ArchiveFileError(file, describeIssue(result.error.issues[0]));
  return result.data;
}
