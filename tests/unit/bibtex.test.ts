import { describe, expect, it } from 'vitest';
import { bibtexKey, escapeBibtex, protectTitle, toBibtex } from '../../src/lib/bibtex.ts';
import { hostilePaper, noidPaper, realPaper } from './site-libs.sample.ts';

/** Braces in a BibTeX value balance when escaped ones (`\{`) are ignored. */
function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s.replace(/\\[{}]/g, '')) {
    if (c === '{') depth++;
    if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('bibtexKey', () => {
  it('is surname + year + first significant title word, lower-case ASCII', () => {
    expect(bibtexKey(realPaper)).toBe('li2024large');
    expect(bibtexKey({ ...realPaper, title: 'The Attention Is All' })).toBe('li2024attention');
    expect(bibtexKey(hostilePaper)).toBe('mullersmigly2026owning');
    expect(bibtexKey({ ...realPaper, authors: [{ name: 'Gödel, Kurt' }] })).toBe('godel2024large');
  });
  it('falls back for papers without authors or date', () => {
    expect(bibtexKey(noidPaper)).toBe('anon2026quiet');
  });
  it('is stable', () => {
    expect(bibtexKey({ ...realPaper })).toBe(bibtexKey(realPaper));
  });
});

describe('toBibtex', () => {
  it('writes an arXiv @misc entry', () => {
    expect(toBibtex(realPaper)).toBe(
      [
        '@misc{li2024large,',
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
  it('escapes special characters and keeps braces balanced', () => {
    const bib = toBibtex(hostilePaper);
    expect(bib).toContain(
      '\\& x\\_1 the 100\\% {\\{Braces\\}} \\#1 \\textasciitilde{} \\textasciicircum{} {LLaMA}}',
    );
    expect(bib).toContain("author = {Łukasz Müller-Śmigły and José O'Neil \\& Co}");
    expect(bib).not.toMatch(/(?<!\\)[$%#_&]/);
    expect(balanced(bib)).toBe(true);
  });
  it('gives noid papers no eprint or url', () => {
    const bib = toBibtex(noidPaper);
    expect(bib).not.toMatch(/eprint|archivePrefix|url/);
    expect(bib).toContain('title = {{The} {Quiet} {Paper}}');
    expect(bib).not.toContain('author');
  });
  it('escapes and protects pieces', () => {
    expect(escapeBibtex('a_b {c} 5% \\x')).toBe('a\\_b \\{c\\} 5\\% \\textbackslash{}x');
    expect(protectTitle('BERT for the $\\alpha$ task')).toBe('{BERT} for the α task');
  });
});

describe('bibtexKey edge cases', () => {
  it('skips words without letters in the surname and old-style ids keep their year', () => {
    const old = {
      id: 'hep-th/9901001',
      title: 'An Old-Style Identifier',
      authors: [{ name: 'Author Number 1' }],
    };
    expect(bibtexKey({ ...old, publishedAt: '1999-01-04T00:00:00Z', featured: ['2024-06-04'] })).toBe(
      'number1999old',
    );
    expect(toBibtex({ ...old, featured: ['2024-06-04'] })).toContain('eprint = {hep-th/9901001}');
  });
});
