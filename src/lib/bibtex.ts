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
  'or',
  'with',
  'via',
  'from',
  'by',
  'at',
  'as',
  'into',
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

/** The year of the paper: arXiv publication, else the first day it was featured; '' if neither is a date. */
export function paperYear(paper: Pick<Paper, 'publishedAt' | 'featured'>): string {
  const year = (paper.publishedAt ?? paper.featured[0] ?? '').slice(0, 4);
  return /^\d{4}$/.test(year) ? year : '';
}

/** Title words in the key: three, as arXiv's own BibTeX export does; one collided for ~4% of the archive. */
const KEY_WORDS = 3;

/**
 * `vaswani2017attentionneed`: first author's surname, year, the first three significant title words; ASCII
 * letters and digits only, starting with a letter, so every BibTeX tool accepts it as a key.
 */
export function bibtexKey(paper: CitablePaper): string {
  const first = paper.authors[0]?.name.trim() ?? '';
  // "Surname, Given" or "Given Surname"; the last word holding a letter (not "Jr." digits or initials' dots).
  const surname = first.includes(',')
    ? (first.split(',')[0] ?? '')
    : (first
        .split(/\s+/)
        .filter((w) => /\p{L}/u.test(w))
        .at(-1) ?? '');
  const words = plainText(paper.title)
    .split(/[\s–—:;,./]+/)
    .map(asciiFold)
    .filter((w) => w.length > 0);
  const significant = words.filter((w) => !STOP_WORDS.has(w));
  const picked = (significant.length > 0 ? significant : words).slice(0, KEY_WORDS).join('');
  const name = asciiFold(surname);
  // Caps keep a pathological surname or title word from making a key nobody can type.
  return `${/^[a-z]/.test(name) ? name.slice(0, 24) : 'anon'}${paperYear(paper)}${picked.slice(0, 40)}`;
}

/**
 * Text as it goes into a field, and as a reader of the .bib gets it back: lone surrogates replaced (UTF-8 cannot
 * carry them), control characters dropped (TeX rejects them as invalid input), white space collapsed.
 */
export function bibtexText(s: string): string {
  return s
    .toWellFormed()
    .replace(/[\p{Cc}]/gu, (c) => (/\s/.test(c) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
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
  // In LaTeX's default OT1 encoding these print as `¡`, `¿` and `—`.
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/**
 * Escapes what BibTeX/LaTeX treat specially, so upstream text cannot open groups, math, comments or end the
 * field, and breaks up TeX's ligatures (`--` en dash, ``` `` ``` and `''` quotes, `,,`, `?``, `!``) with `{}` so
 * the text reads back as written.
 */
export function escapeBibtex(s: string): string {
  return s
    .replace(/[\\{}%&$#_~^<>|]/g, (c) => BIBTEX_SPECIALS[c] ?? c)
    .replace(/([-`',])(?=\1)/g, '$1{}')
    .replace(/([?!])(?=`)/g, '$1{}');
}

/**
 * Braces around escaped text. `{\` at the top level would make a BibTeX "special character", whose letters
 * styles still change case, so such text gets a second pair.
 */
function group(escaped: string): string {
  return escaped.startsWith('\\') ? `{{${escaped}}}` : `{${escaped}}`;
}

/** Escapes a title and wraps each word holding a capital in braces, so styles do not lower-case `LLaMA`. */
export function protectTitle(title: string): string {
  return bibtexText(plainText(title))
    .split(' ')
    .map((w) => (/[\p{Lu}\p{Lt}]/u.test(w) ? group(escapeBibtex(w)) : escapeBibtex(w)))
    .join(' ');
}

/** Words BibTeX can split into given and family names: letters first, then letters, digits, `.`, `'`, `-`. */
const PLAIN_NAME = /^[\p{L}\p{M}][\p{L}\p{M}\p{N}.'’-]*(?: [\p{L}\p{M}][\p{L}\p{M}\p{N}.'’-]*)*$/u;

/**
 * One author for the `author` list, or undefined when the name is blank. A plain `Given Family` name stays bare
 * so styles can abbreviate and sort it; anything else (a word `and`, which splits the list, `others`, which means
 * "et al.", commas, which reorder parts, symbols) is braced, so it stays one author with its exact text.
 */
export function bibtexName(name: string): string | undefined {
  const n = bibtexText(name);
  if (n === '') return undefined;
  const bare = PLAIN_NAME.test(n) && !/(?:^| )(?:and|others)(?: |$)/i.test(n) && !/--/.test(n);
  return bare ? escapeBibtex(n) : group(escapeBibtex(n));
}

// By paper object: the paper page and its .bib file both ask for the entry of the same archive paper, whose fields
// do not change during a build.
const entries = new WeakMap<CitablePaper, string>();

/** An `@misc` entry; `noid-` papers get no eprint or arXiv URL; authors with a blank name are left out. */
export function toBibtex(paper: CitablePaper): string {
  let entry = entries.get(paper);
  if (entry === undefined) entries.set(paper, (entry = bibtexEntry(paper)));
  return entry;
}

function bibtexEntry(paper: CitablePaper): string {
  const fields: [string, string][] = [
    ['title', protectTitle(paper.title)],
    [
      'author',
      paper.authors
        .map((a) => bibtexName(a.name))
        .filter((n) => n !== undefined)
        .join(' and '),
    ],
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
