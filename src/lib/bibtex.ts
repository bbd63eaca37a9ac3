// BibTeX for a paper: a stable citation key and an @misc entry (arXiv eprint fields when the id is arXiv's).
import { plainText } from './math.ts';
import { arxivAbsUrl } from './links.ts';
import type { Paper } from './paper.ts';

/** What a citation needs from a paper. */
export type CitablePaper = Pick<Paper, 'id' | 'title' | 'authors' | 'publishedAt' | 'featured'>;

const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'for',
  'to',
  'and',
  'with',
  'is',
  'are',
  'do',
  'does',
]);
const FOLD: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  ı: 'i',
};

/** Lower-case ASCII letters and digits only: `Łukasz Müller` -> `lukaszmuller`. */
function asciiFold(s: string): string {
  return s
    .replace(/[ßæÆœŒøØłŁđı]/g, (c) => FOLD[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The year of the paper: arXiv publication, else the first day it was featured. */
export function paperYear(paper: Pick<Paper, 'publishedAt' | 'featured'>): string {
  return (paper.publishedAt ?? paper.featured[0] ?? '').slice(0, 4);
}

/** `vaswani2017attention`: first author's surname, year, first significant title word; ASCII, lower case. */
export function bibtexKey(paper: CitablePaper): string {
  const first = paper.authors[0]?.name.trim() ?? '';
  // "Surname, Given" or "Given Surname".
  // "Surname, Given" or "Given Surname"; the last word holding a letter (not "Jr." digits or initials' dots).
  const surname = first.includes(',')
    ? (first.split(',')[0] ?? '')
    : (first
        .split(/\s+/)
        .filter((w) => /\p{L}/u.test(w))
        .at(-1) ?? '');
  const words = plainText(paper.title)
    .split(/[\s\-–—:;,./]+/)
    .map(asciiFold)
    .filter((w) => w.length > 0);
  const word = words.find((w) => !STOP_WORDS.has(w)) ?? words[0] ?? '';
  return `${asciiFold(surname) || 'anon'}${paperYear(paper)}${word}`;
}

const BIBTEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Escapes the characters BibTeX/LaTeX treat specially, so upstream text cannot open groups or math. */
export function escapeBibtex(s: string): string {
  return s.replace(/[\\{}%&$#_~^]/g, (c) => BIBTEX_SPECIALS[c] ?? c);
}

/** Escapes a title and wraps each word holding a capital in braces, so styles do not lower-case `LLaMA`. */
export function protectTitle(title: string): string {
  return plainText(title)
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => {
      const e = escapeBibtex(w);
      return /[A-Z]/.test(w) ? `{${e}}` : e;
    })
    .join(' ');
}

/** An `@misc` entry; `noid-` papers get no eprint or arXiv URL. */
export function toBibtex(paper: CitablePaper): string {
  const fields: [string, string][] = [
    ['title', protectTitle(paper.title)],
    ['author', paper.authors.map((a) => escapeBibtex(a.name.replace(/\s+/g, ' ').trim())).join(' and ')],
    ['year', paperYear(paper)],
  ];
  const url = arxivAbsUrl(paper.id);
  if (url) {
    fields.push(['eprint', paper.id], ['archivePrefix', 'arXiv'], ['url', url]);
  }
  const body = fields
    .filter(([, v]) => v.length > 0)
    .map(([k, v]) => `  ${k} = {${v}}`)
    .join(',\n');
  return `@misc{${bibtexKey(paper)},\n${body}\n}\n`;
}
