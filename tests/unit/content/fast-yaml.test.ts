// The fast front-matter reader must agree with js-yaml wherever it answers, and give up on anything unusual.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCanonicalYaml } from '../../../src/lib/content/fast-yaml.ts';
import { safeLoadYaml } from '../../../src/lib/content/format.ts';

const CONTENT = path.resolve(import.meta.dirname, '../../../content/papers');

describe('parseCanonicalYaml', () => {
  // content/ is the real archive (9,877 papers) in a clone; `npm run ci:local` puts the fixture archive there instead.
  it('agrees with js-yaml on every paper file in content/ (and handles nearly all of them)', async () => {
    const files = (await readdir(CONTENT, { recursive: true })).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(50);
    let answered = 0;
    for (const f of files) {
      const text = await readFile(path.join(CONTENT, f), 'utf8');
      const yaml = text.slice(4, text.indexOf('\n---\n') + 1);
      const fast = parseCanonicalYaml(yaml);
      if (fast === undefined) continue;
      answered++;
      expect(fast, f).toStrictEqual(safeLoadYaml(yaml));
    }
    expect(answered / files.length).toBeGreaterThan(0.98);
  });

  it('reads quoted scalars, literals, nested maps and sequences exactly like js-yaml', () => {
    const yaml = [
      "id: '2405.15738'",
      "title: 'It''s a \"test\": yes'",
      'escaped: "tab\\there \\u00e9 \\x41 back\\\\slash"',
      'summary: |-',
      '  line one',
      '',
      '  line three',
      'kept: |',
      '  text',
      'count: 12',
      'flag: true',
      'empty: []',
      'source:',
      '  kind: api-file',
      '  file: ../shared/corpus/x.json',
      'authors:',
      '  - name: A',
      '    hidden: true',
      '  - name: B',
      'overrides:',
      '  authors:',
      '    - name: C',
      '  keywords:',
      '    - k1',
      'hash: 7c52e93a8af5125d',
      '',
    ].join('\n');
    expect(parseCanonicalYaml(yaml)).toStrictEqual(safeLoadYaml(yaml));
    expect(parseCanonicalYaml(yaml)?.summary).toBe('line one\n\nline three');
  });

  it.each([
    ['a comment', 'title: x # note\n'],
    ['a date', 'featured:\n  - 2024-05-27\n'],
    ['a float', 'x: 1.5\n'],
    ['a hex number', 'x: 0x1F\n'],
    ['null', 'x: null\n'],
    ['a YAML 1.1 boolean', 'x: yes\n'],
    ['a key without value', 'x:\ny: 1\n'],
    ['a flow map', 'x: {a: 1}\n'],
    ['an anchor', 'x: &a 1\n'],
    ['a folded scalar', 'x: >-\n  a\n  b\n'],
    ['a multi-line plain scalar', 'x: a\n  b\n'],
    ['a duplicate key', 'x: a\nx: b\n'],
    ['a tab', 'x:\n\t- a\n'],
  ])('gives up on %s', (_name, yaml) => {
    expect(parseCanonicalYaml(yaml)).toBeUndefined();
  });
});
