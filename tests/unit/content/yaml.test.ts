// The archive's YAML dialect: the fast reader agrees with the `yaml` library (YAML 1.2 core) on every file and on
// random data, every string is read back as a string by any YAML reader, and front matter is never a program.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { parse as yaml12 } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseCanonicalYaml } from '../../../src/lib/content/fast-yaml.ts';
import { readYaml, writeYaml } from '../../../src/lib/content/yaml.ts';

const CONTENT = path.resolve(import.meta.dirname, '../../../content/papers');
const library = (text: string): unknown => yaml12(text, { version: '1.2', schema: 'core' });

/** Strings a YAML reader is tempted to read as something else, or that carry structure. */
const tricky = [
  '---',
  '---js\nprocess.exit(1)\n---',
  '...',
  ': ',
  'a: b',
  '#',
  'a #b',
  '&a',
  '*a',
  '<<: *a',
  '!!js/function "x"',
  '!!binary aGk=',
  'yes',
  'no',
  'on',
  'null',
  'Null',
  '~',
  'true',
  '1e3',
  '+.5',
  '0o17',
  '09',
  '0123.5',
  '0x1F',
  '.inf',
  '-.inf',
  '.nan',
  '12:30:00',
  '2024-05-27',
  '2024-05-27T07:45:00Z',
  '\ttab',
  'crlf\r\nline',
  'line\u2028sep',
  'para\u2029sep',
  '\uFEFFbom',
  '"quoted"',
  "'single'",
  '\\back\\slash\\',
  '{a: 1}',
  '[1, 2]',
  '|',
  '>',
  '- item',
  '%YAML 1.1',
  ' leading and trailing ',
  '😀 𝔸 é',
  '',
];

const stringArb = fc.oneof(
  fc.constantFrom(...tricky),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...'-:#&*!|>{}[],\'"%@`\\ \t\n\r\u2028~.0123456789eoxyn'.split('')) }),
);
const keyArb = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}$/).filter((k) => k !== '__proto__');
const valueArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    stringArb,
    fc.nat({ max: 1e9 }),
    fc.boolean(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;
const docArb = fc.dictionary(keyArb, valueArb, { minKeys: 1, maxKeys: 6, noNullPrototype: true });

describe('writeYaml / readYaml', () => {
  it('round-trips random documents exactly, and the fast reader answers nearly always, always rightly', () => {
    let answered = 0;
    fc.assert(
      fc.property(docArb, (doc) => {
        const text = writeYaml(doc);
        expect(readYaml(text)).toStrictEqual(doc);
        expect(library(text)).toStrictEqual(doc);
        // The fast reader gives up on shapes the archive never writes (a list of lists); else it must agree.
        const fast = parseCanonicalYaml(text);
        if (fast !== undefined) answered++;
        if (fast !== undefined) expect(fast).toStrictEqual(doc);
      }),
      { numRuns: 2000 },
    );
    expect(answered).toBeGreaterThan(1000);
  });

  it.each(tricky)('writes %j so that a YAML 1.2 reader and a YAML 1.1 reader both read the same string', (s) => {
    const text = writeYaml({ title: s, authors: [{ name: s }] });
    expect(library(text)).toStrictEqual({ title: s, authors: [{ name: s }] });
    // YAML 1.1 (where `yes` is true, `09` a number and `2024-05-27` a date) reads the same strings.
    expect(yaml12(text, { version: '1.1' })).toStrictEqual({ title: s, authors: [{ name: s }] });
    expect(text.split('\n').filter((l) => l.startsWith('---'))).toEqual([]);
  });

  it('reads hand-edited YAML (plain and single-quoted strings, comments, literals) with the library', () => {
    const text = [
      '# a note',
      "id: '2405.15738'",
      'title: Plain: no, that is a mapping',
    ].join('\n');
    expect(() => readYaml(text)).toThrow();
    const ok = ["id: '2405.15738' # a note", 'title: A plain title', 'summary: |-', '  one', '', '  two', ''].join('\n');
    expect(parseCanonicalYaml(ok)).toBeUndefined();
    expect(readYaml(ok)).toStrictEqual({ id: '2405.15738', title: 'A plain title', summary: 'one\n\ntwo' });
  });

  it('reads YAML 1.2, not 1.1: `yes` is a string, `09` the integer 9, no dates', () => {
    expect(readYaml('a: yes\nb: 09\nc: 2024-05-27\nd: 0o17\n')).toStrictEqual({
      a: 'yes',
      b: 9,
      c: '2024-05-27',
      d: 15,
    });
  });

  it.each([
    ['an alias', 'a: &x [1, 2]\nb: *x\n'],
    ['a merge key', 'base: &b {x: 1}\nc:\n  <<: *b\n'],
    ['an unknown tag', 'a: !!js/function "function(){}"\n'],
    ['a JavaScript tag', 'a: !<tag:yaml.org,2002:js/undefined> ""\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
  ])('refuses %s', (_name, text) => {
    expect(() => readYaml(text)).toThrow();
  });

  it('never lets a __proto__ key reach an object prototype', () => {
    const data = readYaml('__proto__:\n  polluted: true\n') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(parseCanonicalYaml('__proto__:\n  polluted: true\n')).toBeUndefined();
  });

  it.each([
    ['a comment', 'title: "x" # note\n'],
    ['a plain string', 'title: x\n'],
    ['a single-quoted string', "title: 'x'\n"],
    ['a float', 'x: 1.5\n'],
    ['a literal block', 'x: |-\n  a\n'],
    ['a blank line', 'x: 1\n\ny: 2\n'],
    ['a flow map', 'x: {a: 1}\n'],
    ['a YAML-only escape', 'x: "\\x41"\n'],
    ['a tab', 'x:\n\t- 1\n'],
    ['a key without value', 'x:\ny: 1\n'],
    ['trailing text after a string', 'x: "a" b\n'],
  ])('the fast reader gives up on %s', (_name, text) => {
    expect(parseCanonicalYaml(text)).toBeUndefined();
  });
});

describe('the archive as committed', () => {
  // content/ is the real archive (9,877 papers) in a clone; `npm run ci:local` puts the fixture archive there.
  it('is written in the canonical form: the fast reader answers for every file and agrees with the library', async () => {
    const files = (await readdir(CONTENT, { recursive: true })).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const text = await readFile(path.join(CONTENT, f), 'utf8');
      const yaml = text.slice(4, text.indexOf('\n---\n') + 1);
      const fast = parseCanonicalYaml(yaml);
      expect(fast, f).toBeDefined();
      expect(fast, f).toStrictEqual(library(yaml));
    }
  });
});
