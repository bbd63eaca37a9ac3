// Large JSON files written in pieces (src/lib/json-pieces.ts): the same text as JSON.stringify, to the byte.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/lib/content/store.ts';
import { jsonPieces } from '../../src/lib/json-pieces.ts';

const values: [string, unknown][] = [
  [
    'related papers as the hand-off holds them',
    [
      ['2401.00001', [{ id: '2402.00002', score: 0.5, shared: ['a “b”', 'c\nd'] }]],
      ['2401.00003', []],
    ],
  ],
  [
    'stable answers',
    { key: 'k', answers: [{ walked: [[1, 0.25, { w: 'x' }]], related: [] }], note: undefined },
  ],
  ['holes an array writes as null', [undefined, () => 1, Symbol('s'), null, 1]],
  ['keys an object leaves out', { a: undefined, b: () => 1, c: 2, 'd"e': [] }],
  ['empty containers', [[], {}, [[]], { x: {} }]],
  [
    'values with their own JSON',
    [new Date(0), { toJSON: () => 'own' }, new Map([[1, 2]]), new String('boxed')],
  ],
  ['scalars', 'a\u2028b'],
  ['a number', 1.5e300],
  ['null', null],
  ['an object without prototype', Object.assign(Object.create(null) as object, { z: 1, a: [2] })],
];

describe('jsonPieces', () => {
  it.each(values)('joins to JSON.stringify’s text: %s', (_what, value) => {
    for (const depth of [0, 1, 2, 3])
      expect([...jsonPieces(value, depth)].join('')).toBe(JSON.stringify(value));
  });

  it('yields each element of the opened levels as a piece of its own', () => {
    const pieces = [...jsonPieces({ key: 'k', answers: [{ a: 1 }, { b: [2] }] })];
    expect(pieces).toEqual(['{', '"key":', '"k"', ',"answers":', '[', '{"a":1}', ',', '{"b":[2]}', ']', '}']);
  });
});

describe('writeFileAtomic with pieces', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('writes what the string would, across the megabyte writes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dpa-pieces-'));
    dirs.push(dir);
    // ~3.5 MB of elements, some non-ASCII: several batched writes and a remainder.
    const value = Array.from({ length: 40_000 }, (_, i) => ({ i, text: `é ${'x'.repeat(i % 150)} “${i}”` }));
    const file = path.join(dir, 'big.json');
    await writeFileAtomic(file, jsonPieces(value), false);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(value));
    await writeFileAtomic(file, jsonPieces([]), false);
    expect(readFileSync(file, 'utf8')).toBe('[]');
  });
});
