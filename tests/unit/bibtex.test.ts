// BibTeX entries: exact output for sample papers, and every entry read back by a published BibTeX parser
// (@retorquere/bibtex-parser, Better BibTeX for Zotero's) with the title and authors it was given.
import { parse, type Creator, type Library } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bibtexKey,
  bibtexName,
  escapeBibtex,
  protectTitle,
  toBibtex,
  type CitablePaper,
} from '../../src/lib/bibtex.ts';
import { readContentDir } from '../../src/lib/content/read.ts';
import { plainText } from '../../src/lib/math.ts';
import { applyOverrides } from '../../src/lib/paper.ts';
import { hostilePaper, noidPaper, realPaper } from './site-libs.sample.ts';

/**
 * The text a reader of the .bib must get back, the spec for both fields: the upstream string with lone
 * surrogates replaced by U+FFFD (UTF-8 cannot carry them), control characters dropped (TeX rejects them;
 * tab, newline and the like count as white space), white space collapsed. Titles go through `plainText`
 * first, the same text the page shows.
 */
function expectedText(s: string): string {
  return s
    .toWellFormed()
    .replace(/\p{Cc}/gu, (c) => (/\s/.test(c) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
}
const expectedTitle = (title: string): string => expectedText(plainText(title));
/** Blank names are left out: BibTeX parsers drop an empty name from the list, so they cannot be counted. */
const expectedAuthors = (p: CitablePaper): string[] =>
  p.authors.map((a) => expectedText(a.name)).filter((n) => n !== '');

/** A parsed name back as one string: braced names come back whole, others as given, von and family parts. */
function creatorText(c: Creator): string {
  if (c.name !== undefined) return c.name;
  return [c.firstName, c.prefix, c.lastName, c.suffix].filter((p) => p !== undefined && p !== '').join(' ');
}

/** Reads a .bib as a reader does: LaTeX decoded to Unicode, no sentence-casing (`english: false`). */
function readBack(bib: string): { lib: Library; key: string; title: string; authors: string[] } {
  const lib = parse(bib, { english: false });
  const entry = lib.entries[0];
  return {
    lib,
    key: entry?.key ?? '',
    title: entry?.fields.title ?? '',
    authors: (entry?.fields.author ?? []).map(creatorText),
  };
}

/** Asserts the parser reads `paper`'s entry cleanly: one entry, nothing else, the exact title and authors. */
function expectRoundTrip(paper: CitablePaper): void {
  const bib = toBibtex(paper);
  const { lib, key, title, authors } = readBack(bib);
  const context = `${paper.id}:\n${bib}`;
  expect(lib.errors, context).toEqual([]);
  expect(lib.entries.length, context).toBe(1);
  // Anything leaking out of a field would show up as a comment, @string or @preamble.
  expect([lib.comments, lib.strings, lib.preamble], context).toEqual([[], {}, []]);
  expect(key, context).toBe(bibtexKey(paper));
  expect(key, context).toMatch(/^[a-z][a-z0-9]*$/);
  expect(title, context).toBe(expectedTitle(paper.title));
  expect(authors, context).toEqual(expectedAuthors(paper));
}

const base: CitablePaper = {
  id: '2401.00001',
  title: 'A Title',
  authors: [{ name: 'Ann Author' }],
  featured: ['2024-01-01'],
};
const withTitle = (title: string): CitablePaper => ({ ...base, title });
const withAuthors = (...names: string[]): CitablePaper => ({
  ...base,
  authors: names.map((name) => ({ name })),
});

describe('bibtexKey', () => {
  it('is surname + year + first three significant title words, lower-case ASCII', () => {
    expect(bibtexKey(realPaper)).toBe('li2024largelanguagemodel');
    expect(bibtexKey({ ...realPaper, title: 'The Attention Is All' })).toBe('li2024attentionall');
    expect(bibtexKey(hostilePaper)).toBe('mullersmigly2026owningscriptalert1script');
    expect(bibtexKey({ ...realPaper, authors: [{ name: 'Gödel, Kurt' }] })).toBe(
      'godel2024largelanguagemodel',
    );
  });
  it('falls back for papers without authors or date', () => {
    expect(bibtexKey(noidPaper)).toBe('anon2026quietpaper');
  });
  it('is stable', () => {
    expect(bibtexKey({ ...realPaper })).toBe(bibtexKey(realPaper));
  });
  it('always starts with a letter and holds only ASCII letters and digits', () => {
    expect(bibtexKey({ ...base, authors: [{ name: '李 1α' }], title: '日本語 😀' })).toBe('anon2024');
    expect(bibtexKey({ ...base, authors: [{ name: '{}' }], title: '@misc{x,' })).toBe('anon2024miscx');
    const long = bibtexKey({ ...base, authors: [{ name: `A ${'B'.repeat(500)}` }], title: 'C'.repeat(500) });
    expect(long).toBe(`${'b'.repeat(24)}2024${'c'.repeat(40)}`);
  });
  it('skips words without letters in the surname and old-style ids keep their year', () => {
    const old = {
      id: 'hep-th/9901001',
      title: 'An Old-Style Identifier',
      authors: [{ name: 'Author Number 1' }],
    };
    expect(bibtexKey({ ...old, publishedAt: '1999-01-04T00:00:00Z', featured: ['2024-06-04'] })).toBe(
      'number1999oldstyleidentifier',
    );
    expect(toBibtex({ ...old, featured: ['2024-06-04'] })).toContain('eprint = {hep-th/9901001}');
  });
});

describe('toBibtex', () => {
  it('writes an arXiv @misc entry', () => {
    expect(toBibtex(realPaper)).toBe(
      [
        '@misc{li2024largelanguagemodel,',
        '  title = {{Large} {Language} {Model} {Evaluation} via {Matrix} {Nuclear-Norm}},',
        '  author = {Yahan Li and Tingyu Xia and Yi Chang and Yuan Wu},',
        '  year = {2024},',
        '  eprint = {2410.10672},',
        '  archivePrefix = {arXiv},',
        '  url = {https://arxiv.org/abs/2410.10672}',
        '}',
        '',
      ].join('\n'),
    );
  });
  it('escapes special characters', () => {
    const bib = toBibtex(hostilePaper);
    expect(bib).toContain(
      'title = {{Owning} \\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{} \\& x\\_1 ' +
        'the 100\\% {{\\{Braces\\}}} \\#1 \\textasciitilde{} \\textasciicircum{} {LLaMA}}',
    );
    expect(bib).toContain("author = {Łukasz Müller-Śmigły and {José O'Neil \\& Co}}");
    expectRoundTrip(hostilePaper);
  });
  it('gives noid papers no eprint or url', () => {
    const bib = toBibtex(noidPaper);
    expect(bib).not.toMatch(/eprint|archivePrefix|url/);
    expect(bib).toContain('title = {{The} {Quiet} {Paper}}');
    expect(bib).not.toContain('author');
  });
  it('escapes and protects pieces', () => {
    expect(escapeBibtex('a_b {c} 5% \\x')).toBe('a\\_b \\{c\\} 5\\% \\textbackslash{}x');
    expect(escapeBibtex('a--b --- ,, `` ?` !`')).toBe('a-{}-b -{}-{}- ,{}, `{}` ?{}` !{}`');
    expect(protectTitle('BERT for the $\\alpha$ task')).toBe('{BERT} for the α task');
    expect(protectTitle('&Co Über <A|B>')).toBe(
      '{{\\&Co}} {Über} {{\\textless{}A\\textbar{}B\\textgreater{}}}',
    );
  });
  it('leaves plain names bare, so styles can abbreviate and sort them, and braces the rest', () => {
    expect(bibtexName('Yahan Li')).toBe('Yahan Li');
    expect(bibtexName('Jean-Pierre de la Fontaine')).toBe('Jean-Pierre de la Fontaine');
    expect(bibtexName('Ann and Bob')).toBe('{Ann and Bob}');
    expect(bibtexName('Smith, Jr., John')).toBe('{Smith, Jr., John}');
    expect(bibtexName('others')).toBe('{others}');
    expect(bibtexName('\\Ann')).toBe('{{\\textbackslash{}Ann}}');
    expect(bibtexName(' \t\n')).toBeUndefined();
  });
});

// Each title, as upstream might send it, and what a reader of the .bib must get back.
const hostileTitles: [string, string][] = [
  ['A } ends the field', 'A } ends the field'],
  ['Closing @misc{evil, title = {x}} early', 'Closing @misc{evil, title = {x}} early'],
  ['Unbalanced {{{ open', 'Unbalanced {{{ open'],
  ['Unbalanced }}} close', 'Unbalanced }}} close'],
  ['{Braced} {LLaMA}', '{Braced} {LLaMA}'],
  ['Backslash at the end \\', 'Backslash at the end \\'],
  ['\\', '\\'],
  ['Comment % 100% #1 & a_b ~ ^ $5', 'Comment % 100% #1 & a_b ~ ^ $5'],
  ['Quotes "x" and \'y\'', 'Quotes "x" and \'y\''],
  ['Dashes A -- B --- C, ,, low quotes', 'Dashes A -- B --- C, ,, low quotes'],
  ['<script>alert(1)</script> | pipes', '<script>alert(1)</script> | pipes'],
  ['&Co <A|B> Über', '&Co <A|B> Über'],
  // TeX that plainText leaves as it is: an unknown macro, an unclosed `$` and `\[`.
  ['Unknown \\foo{bar} and \\textbf{bold}', 'Unknown \\foo{bar} and bold'],
  ['Math $x_1^{2}$ and $unclosed \\[b', 'Math x_1^2 and $unclosed \\[b'],
  ['\\textbackslash{} \\& \\{ \\textasciitilde', '\\textbackslash{} & { \\textasciitilde'],
  ['Control\u0007 NUL\u0000 escape\u001b DEL\u007f NEL\u0085 here', 'Control NUL escape DEL NEL here'],
  ['Tabs\tand\nnew\r\nlines\u00a0nbsp\u2028end', 'Tabs and new lines nbsp end'],
  ['Über naïve 日本語 😀 Ærø — “quotes” ǅ', 'Über naïve 日本語 😀 Ærø — “quotes” ǅ'],
  ['Broken \ud800 surrogate', 'Broken \ufffd surrogate'],
  ['Long '.repeat(5000), `${'Long '.repeat(5000).trim()}`],
];

// Each author list and the names a reader must get back, one per input name (blank ones left out).
const hostileAuthors: [string[], string[]][] = [
  [['Ann and Bob'], ['Ann and Bob']],
  [
    ['ANN AND BOB', 'Ann aNd Bob'],
    ['ANN AND BOB', 'Ann aNd Bob'],
  ],
  // A real author name in the archive (content/papers/2410/2410.13925.md).
  [
    ['Xiangchao Yan', 'and Lei Bai', 'Lei Bai and'],
    ['Xiangchao Yan', 'and Lei Bai', 'Lei Bai and'],
  ],
  [
    ['and', 'others', 'Others'],
    ['and', 'others', 'Others'],
  ],
  [
    ['Smith, Jr., John', 'A, B, C, D', 'Gödel, Kurt'],
    ['Smith, Jr., John', 'A, B, C, D', 'Gödel, Kurt'],
  ],
  [
    ['X {Y', 'Y}', '{Braced} Name', '\\', 'ends in \\'],
    ['X {Y', 'Y}', '{Braced} Name', '\\', 'ends in \\'],
  ],
  [
    ["José O'Neil & Co", '%comment', '@misc{x,', '#1 $ _ ~ ^'],
    ["José O'Neil & Co", '%comment', '@misc{x,', '#1 $ _ ~ ^'],
  ],
  [
    ['Łukasz Müller-Śmigły', 'Jean-Pierre de la Fontaine', 'van der Berg'],
    ['Łukasz Müller-Śmigły', 'Jean-Pierre de la Fontaine', 'van der Berg'],
  ],
  [
    ['Name -- Dash', 'A. B.-', 'Author Number 1', '李 小龙 😀'],
    ['Name -- Dash', 'A. B.-', 'Author Number 1', '李 小龙 😀'],
  ],
  [
    ['  Spaced \t Out\n ', ' ', '\u0000', 'Bell\u0007 Name'],
    ['Spaced Out', 'Bell Name'],
  ],
];

describe('a BibTeX parser reads the entries back', () => {
  const short = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);
  it.each(hostileTitles.map(([t, e]) => [short(t), t, e]))('title %j', (_label, title, expected) => {
    expect(expectedTitle(title)).toBe(expected);
    expectRoundTrip(withTitle(title));
  });
  it.each(hostileAuthors)('authors %j', (names, expected) => {
    const paper = withAuthors(...names);
    expect(expectedAuthors(paper)).toEqual(expected);
    expectRoundTrip(paper);
    expect(parse(toBibtex(paper)).entries[0]?.fields.author?.length ?? 0).toBe(expected.length);
  });
  it('keeps capitalised words through a style that sentence-cases titles', () => {
    // Default options: the parser sentence-cases English titles as BibTeX styles do, except protected words.
    const title = (t: string) => parse(toBibtex(withTitle(t))).entries[0]?.fields.title;
    expect(title('Training LLaMA Models For Über Tasks')).toBe('Training LLaMA Models For Über Tasks');
    // `{\&Co}` alone would be a BibTeX special character, whose letters styles still lower-case.
    expect(title('Big &Co Models')).toBe('Big &Co Models');
    expect(title('Big \\Ann')).toBe('Big \\Ann');
  });

  // Pieces that have broken BibTeX writers, mixed with arbitrary text.
  const pieces = [
    ...'{}\\@%$&#_~^<>|"\'`,.-?!:;=\n\t',
    ' and ',
    ' AND ',
    'and',
    'others',
    ', ',
    '--',
    '``',
    "''",
    '$x_1$',
    '\\(',
    '\\emph{',
    '\\textbf{x}',
    '@misc{',
    'LLaMA',
    'Über',
    'ǅ',
    '😀',
    '日本',
    '\u0000',
    '\u0007',
    '\u0085',
    '\u00a0',
    '\u2028',
    '\ud800',
    '\u0301',
  ];
  const hostile = fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 4 })), {
      maxLength: 24,
    })
    .map((parts) => parts.join(''));

  it('round-trips random hostile titles and authors', () => {
    fc.assert(
      fc.property(hostile, fc.array(hostile, { maxLength: 6 }), (title, names) => {
        expectRoundTrip({ ...base, title, authors: names.map((name) => ({ name })) });
      }),
      { numRuns: 600, seed: 20260923 },
    );
  });
  it('keeps the text of bare names, which BibTeX splits into parts', () => {
    // Words as in real names: initials, hyphens, apostrophes, lower-case particles (`van der`), accents.
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿŁłŚś][A-Za-zÀ-ÿŁłŚś.'’-]{0,7}$/);
    const name = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 6 }), (names) => {
        expectRoundTrip(withAuthors(...names));
      }),
      { numRuns: 600, seed: 20260923 },
    );
  });
});

describe('every paper of the archive', () => {
  it('parses with its exact title and author count', { timeout: 60_000 }, async () => {
    const { papers } = await readContentDir('content');
    expect(papers.length).toBeGreaterThan(9000);
    const all = papers.map((p) => applyOverrides(p.data));
    // Parsing all ~10k takes ~11 s; every paper whose text escaping or protection touches, plus every 5th of
    // the rest (a fixed, sorted-by-file choice), keeps it near 3 s.
    const touched = (p: CitablePaper) =>
      /[^A-Za-z0-9 .,:;()?!'-]|--/.test(p.title) ||
      p.authors.some((a) => escapeBibtex(a.name) !== a.name || bibtexName(a.name)?.startsWith('{'));
    const sample = all.filter((p, i) => touched(p) || i % 5 === 0);
    expect(sample.length).toBeGreaterThan(2000);
    for (const paper of sample) {
      expectRoundTrip(paper);
      // No author of the archive has a blank name, so the count is the paper's own.
      expect(readBack(toBibtex(paper)).authors.length).toBe(paper.authors.length);
    }
  });
});
