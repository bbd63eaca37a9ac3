// A fast reader for the YAML subset the ingest itself writes (js-yaml dump output); anything else -> undefined.
//
// Why: a no-change re-run reads all ~10,000 paper files, and js-yaml's general parser was the largest cost.
// This reader accepts only block maps/sequences with plain keys, quoted or unambiguous plain scalars and `|`
// literals; on any other construct (comments, anchors, flow collections, folded scalars, plain scalars that
// could be numbers, nulls, dates...) it gives up and the caller uses js-yaml. A test checks it agrees with
// js-yaml on every file of the real archive.

interface Line {
  indent: number;
  text: string;
  raw: string;
}

class Unsupported extends Error {}

const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
const INT = /^(?:0|[1-9][0-9]{0,14})$/;
// Plain scalars that YAML 1.1 (js-yaml 3) might read as something other than a string: indicators,
// numbers in any base or sexagesimal, .inf/.nan, timestamps, null and booleans. Those go to js-yaml.
const INDICATOR_START = /^[~!&*{}[\]|>'"%@`#,?:=<]/;
const NUMBER_START = /^(?:[-+]?\.?[0-9]|[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$)/;
const NUMERIC =
  /^[-+]?(?:0[bxoBXO]|[0-9_]*\.?[0-9_]*(?::[0-5]?[0-9])*(?:[eE][-+]?[0-9]+)?$|\.(?:inf|Inf|INF)$)|^\.(?:nan|NaN|NAN)$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;
const RESERVED =
  /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

function plain(s: string): unknown {
  if (INT.test(s)) return Number(s);
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === '' || s === '-' || s.startsWith('- ') || INDICATOR_START.test(s) || RESERVED.test(s))
    throw new Unsupported();
  if (NUMBER_START.test(s) && (NUMERIC.test(s) || TIMESTAMP.test(s))) throw new Unsupported();
  if (/\s#|:\s|:$|\s$/.test(s)) throw new Unsupported();
  return s;
}

function singleQuoted(s: string): string {
  const inner = s.slice(1, -1);
  if (s.length >= 2 && s.endsWith("'") && !inner.includes("'")) return inner;
  if (s.length < 2 || !s.endsWith("'") || /'(?!')/.test(inner.replace(/''/g, ''))) throw new Unsupported();
  return inner.replace(/''/g, "'");
}

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  ' ': ' ',
};

function doubleQuoted(s: string): string {
  if (s.length < 2 || !s.endsWith('"')) throw new Unsupported();
  const inner = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string;
    if (c === '"') throw new Unsupported();
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = inner[++i];
    if (e === undefined) throw new Unsupported();
    if (e in ESCAPES) out += ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = inner.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Unsupported();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else throw new Unsupported();
  }
  return out;
}

function scalar(s: string): unknown {
  if (s.startsWith("'")) return singleQuoted(s);
  if (s.startsWith('"')) return doubleQuoted(s);
  if (s === '[]') return [];
  if (s === '{}') return {};
  return plain(s);
}

class Reader {
  private i = 0;
  private readonly lines: Line[];
  constructor(lines: Line[]) {
    this.lines = lines;
  }

  document(): Record<string, unknown> {
    const value = this.mapping(0);
    if (this.i !== this.lines.length) throw new Unsupported();
    return value;
  }

  private peek(): Line | undefined {
    return this.lines[this.i];
  }

  /** The value after `key:` or `- `: inline scalar, a `|` literal, or a nested block on the next lines. */
  private value(inline: string | undefined, parentIndent: number): unknown {
    if (inline === undefined || inline === '') {
      const next = this.peek();
      if (!next || next.indent <= parentIndent) {
        // `key:` with nothing under it is null in YAML: leave that to js-yaml.
        if (!(next && next.indent === parentIndent && next.text.startsWith('- '))) throw new Unsupported();
      }
      return (next as Line).text.startsWith('- ')
        ? this.sequence((next as Line).indent)
        : this.mapping((next as Line).indent);
    }
    if (inline === '|' || inline === '|-' || inline === '|+') return this.literal(inline, parentIndent);
    return scalar(inline);
  }

  private literal(header: string, parentIndent: number): string {
    const body: string[] = [];
    let blockIndent = -1;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] as Line;
      if (line.text === '') {
        body.push('');
        this.i++;
        continue;
      }
      if (line.indent <= parentIndent) break;
      if (blockIndent === -1) blockIndent = line.indent;
      if (line.indent < blockIndent) throw new Unsupported();
      body.push(line.raw.slice(blockIndent));
      this.i++;
    }
    if (blockIndent === -1) throw new Unsupported();
    let trailing = 0;
    while (body.length > trailing && body[body.length - 1 - trailing] === '') trailing++;
    const content = body.slice(0, body.length - trailing).join('\n');
    if (header === '|-') return content;
    if (header === '|') return `${content}\n`;
    return `${content}\n${'\n'.repeat(trailing)}`;
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] as Line;
      if (line.text === '') throw new Unsupported();
      if (line.indent < indent) break;
      if (line.indent > indent || line.text.startsWith('- ')) throw new Unsupported();
      const m = KEY.exec(line.text);
      if (!m) throw new Unsupported();
      const key = m[1] as string;
      if (Object.hasOwn(out, key) || key === '__proto__') throw new Unsupported();
      this.i++;
      out[key] = this.value(m[2], indent);
    }
    return out;
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] as Line;
      if (line.text === '') throw new Unsupported();
      if (line.indent < indent) break;
      if (line.indent > indent || !line.text.startsWith('- ')) {
        if (line.indent === indent) break;
        throw new Unsupported();
      }
      const rest = line.text.slice(2);
      if (KEY.test(rest)) {
        // `- key: v` opens a map whose keys sit two columns in.
        this.lines[this.i] = { indent: indent + 2, text: rest, raw: `${' '.repeat(indent + 2)}${rest}` };
        out.push(this.mapping(indent + 2));
      } else {
        if (rest.startsWith('- ') || rest === '-') throw new Unsupported();
        this.i++;
        out.push(this.value(rest, indent));
      }
    }
    return out;
  }
}

/** Parse front matter written by the ingest; undefined when the text uses anything outside the subset. */
export function parseCanonicalYaml(text: string): Record<string, unknown> | undefined {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const trimmed = raw.trimStart();
    if (trimmed.startsWith('#') || trimmed.startsWith('---') || trimmed.startsWith('...')) return undefined;
    lines.push({ indent: trimmed === '' ? 0 : raw.length - trimmed.length, text: trimmed.trimEnd(), raw });
  }
  while (lines.length > 0 && lines[lines.length - 1]?.text === '') lines.pop();
  try {
    return new Reader(lines).document();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
