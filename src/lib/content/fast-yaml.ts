// A fast reader for exactly the YAML the archive's writer produces (yaml.ts); on anything else it answers undefined.
//
// Why it exists: a re-run of the ingest and every build read all paper files. On the 9,877 front matters of the
// real archive (3 runs on these 2-core machines) the `yaml` library took 2,327-2,702 ms, this reader 117-176 ms:
// ~20x, the difference between a no-change re-run of ~1 s and of ~4 s (24 s at 100k). It accepts only block maps and block sequences with plain identifier keys,
// double-quoted strings that are valid JSON strings (decoded by JSON.parse: a JSON string reads the same in YAML
// 1.2), decimal integers, true, false, [] and {}. Anything else (a comment, a plain or single-quoted string, a
// float, a literal block, an anchor, a blank line...) makes it give up, and the `yaml` library reads the text.
// tests/unit/content/yaml.test.ts checks it agrees with the library on every file of the archive and on random data.

interface Line {
  indent: number;
  text: string;
}

class Unsupported extends Error {}

const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/s; // s: a string may hold U+2028, which `.` skips
const INT = /^(?:0|[1-9][0-9]{0,14})$/;

function scalar(s: string): unknown {
  if (s.startsWith('"')) {
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch {
      throw new Unsupported();
    }
    if (typeof v !== 'string') throw new Unsupported();
    return v;
  }
  if (INT.test(s)) return Number(s);
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === '[]') return [];
  if (s === '{}') return {};
  throw new Unsupported();
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

  /** The value after `key:`: an inline scalar, or the block on the next lines (a sequence may sit at the key's indent). */
  private value(inline: string | undefined, parentIndent: number): unknown {
    if (inline !== undefined && inline !== '') return scalar(inline);
    const next = this.lines[this.i];
    if (!next) throw new Unsupported();
    if (next.text.startsWith('- ')) {
      if (next.indent < parentIndent) throw new Unsupported();
      return this.sequence(next.indent);
    }
    if (next.indent <= parentIndent) throw new Unsupported();
    return this.mapping(next.indent);
  }

  private mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i] as Line;
      if (line.indent < indent) break;
      if (line.indent > indent || line.text.startsWith('- ')) {
        // A sequence at the parent key's indent ends this mapping only through value(); here it is unexpected.
        if (line.indent === indent) break;
        throw new Unsupported();
      }
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
      if (line.indent < indent || (line.indent === indent && !line.text.startsWith('- '))) break;
      if (line.indent > indent) throw new Unsupported();
      const rest = line.text.slice(2);
      if (KEY.test(rest)) {
        // `- key: v` opens a map whose keys sit two columns in.
        this.lines[this.i] = { indent: indent + 2, text: rest };
        out.push(this.mapping(indent + 2));
      } else {
        this.i++;
        out.push(scalar(rest));
      }
    }
    return out;
  }
}

/** Parse front matter in the writer's own form; undefined when the text uses anything outside it. */
export function parseCanonicalYaml(text: string): Record<string, unknown> | undefined {
  if (text.includes('\t') || text.includes('\r')) return undefined;
  const raw = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (raw === '') return undefined;
  const lines: Line[] = [];
  for (const r of raw.split('\n')) {
    const trimmed = r.trimStart();
    // Blank lines, comments and trailing spaces are never written: a hand edit, for the library to read.
    if (trimmed === '' || trimmed !== trimmed.trimEnd()) return undefined;
    lines.push({ indent: r.length - trimmed.length, text: trimmed });
  }
  try {
    return new Reader(lines).document();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
