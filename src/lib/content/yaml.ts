// The archive's one YAML dialect: YAML 1.2, core schema, through the `yaml` library; strings always double-quoted.
//
// Every string value is written double-quoted (JSON-compatible escapes), so any YAML reader, 1.2 or 1.1, reads a
// string: `09`, `0o17`, `+.5`, `yes`, `null`, `~`, `1e3` or `2024-05-27` can never turn into a number, boolean,
// null or date. Keys are the schema's plain identifiers. Lines are never folded, so a diff is one line per field.
import { parseDocument, stringify, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { parseCanonicalYaml } from './fast-yaml.ts';

const dialect: DocumentOptions & SchemaOptions = { version: '1.2', schema: 'core', merge: false };

const writeOptions = {
  ...dialect,
  lineWidth: 0,
  minContentWidth: 0,
  indent: 2,
  indentSeq: true,
  defaultStringType: 'QUOTE_DOUBLE',
  defaultKeyType: 'PLAIN',
  doubleQuotedAsJSON: true,
} as const;

const readOptions: ParseOptions & DocumentOptions & SchemaOptions = {
  ...dialect,
  uniqueKeys: true,
  prettyErrors: false,
  strict: true,
};

/** A mapping as canonical YAML text (ends with a newline). Values must be plain JSON-like data. */
export function writeYaml(data: Record<string, unknown>): string {
  return stringify(data, writeOptions);
}

/**
 * Read YAML front matter. What the writer produces takes the fast path (fast-yaml.ts); anything else (a hand
 * edit: plain scalars, comments, literals) is read by the `yaml` library with the same dialect. Anchors, aliases,
 * merge keys and tags other than the core schema's are refused: front matter is data, never a program.
 */
export function readYaml(text: string): unknown {
  const fast = parseCanonicalYaml(text);
  if (fast !== undefined) return fast;
  const doc = parseDocument(text, readOptions);
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw new Error(problem.message.split('\n')[0]);
  // maxAliasCount 0: an alias is an error, so a file cannot expand into a "billion laughs".
  return doc.toJS({ maxAliasCount: 0 });
}
