import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capText, cleanText, foldLines, oneLine, paragraphs, quoteForError } from '../../src/lib/text.ts';
import { corpusPath } from '../helpers/shared.ts';

type RawItem = { paper: { id: string; summary: string; title: string } };
const rawDay = (date: string): RawItem[] => JSON.parse(readFileSync(corpusPath(date), 'utf8')) as RawItem[];
const rawPaper = (date: string, id: string): RawItem['paper'] => {
  const found = rawDay(date).find((i) => i.paper.id === id);
  if (!found) throw new Error(`${id} not in ${date}`);
  return found.paper;
};

describe('foldLines', () => {
  it('folds hard line breaks inside a paragraph into single spaces', () => {
    expect(
      foldLines('High-resolution Large Multimodal Models (LMMs) encounter the challenges of\nexcessive'),
    ).toBe('High-resolution Large Multimodal Models (LMMs) encounter the challenges of excessive');
    expect(foldLines('a  \n   b\r\nc')).toBe('a b c');
  });

  it('keeps blank-line paragraph breaks as exactly one blank line and trims', () => {
    expect(foldLines('  first\nline\n\n\n  second\n \n third  \n')).toBe('first line\n\nsecond\n\nthird');
  });

  it('leaves LaTeX, markdown and dollar signs as written', () => {
    expect(foldLines('costs $5 and\n$\\mathcal{O}(n^2)$ with\n\\textbf{bold} **md** `code`')).toBe(
      'costs $5 and $\\mathcal{O}(n^2)$ with \\textbf{bold} **md** `code`',
    );
  });

  it('keeps a hyphen at a line end as written (arXiv wraps at spaces, "low-\\nand high-quality")', () => {
    expect(foldLines('trade-offs in how low-\nand high-quality')).toBe(
      'trade-offs in how low- and high-quality',
    );
  });

  it('folds a real 2024 abstract: no single newline left, words joined by one space', () => {
    const raw = rawPaper('2024-05-27', '2405.15738').summary;
    const folded = foldLines(raw);
    expect(raw).toContain('\n');
    expect(folded).not.toContain('\n');
    expect(
      folded.startsWith(
        'High-resolution Large Multimodal Models (LMMs) encounter the challenges of excessive',
      ),
    ).toBe(true);
    expect(folded.endsWith('publicly available at https://github.com/alibaba/conv-llava.')).toBe(true);
    expect(folded.split(/\s+/)).toEqual(raw.trim().split(/\s+/));
  });

  it('keeps real LaTeX intact while folding (2410.06373 \\textbf across a line break)', () => {
    const raw = rawPaper('2024-10-10', '2410.06373').summary;
    const folded = foldLines(raw);
    expect(folded).toContain('termed \\textbf{backbone-optimizer coupling bias} (BOCB');
    expect(folded).not.toMatch(/\n/);
  });

  it('keeps real markdown bold (2407.03203 **TheoremLlama**)', () => {
    const folded = foldLines(rawPaper('2024-07-10', '2407.03203').summary);
    expect(folded).toContain('**TheoremLlama**');
    expect(folded).not.toMatch(/\n/);
  });

  it('folds titles with "\\n  " breaks', () => {
    expect(foldLines(rawPaper('2024-05-27', '2405.15738').title)).toBe(
      'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models',
    );
  });
});

/** Any UTF-16 string: lone surrogates, controls and noncharacters included, with words, pairs and marks mixed in. */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\u{1FFFF}', '😀', 'e\u0301', '\r\n', ' ', '\t', 'word', '日本語'),
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

/** What no output (HTML, XML 1.0, JSON, YAML, BibTeX) may receive. */
const FORBIDDEN = /[\0-\x08\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\p{Noncharacter_Code_Point}]/u;

describe('cleanText', () => {
  it('removes lone surrogates but keeps surrogate pairs (emoji, math alphanumerics)', () => {
    expect(cleanText('a\uD83Db \uDE00c')).toBe('ab c');
    expect(cleanText('😀 𝒜')).toBe('😀 𝒜');
    expect(cleanText('x\uDE00\uD83D')).toBe('x');
  });

  it('removes NUL, C0 (but tab and newline) and C1 controls, DEL, U+FFFE/U+FFFF and the other noncharacters', () => {
    expect(cleanText('a\u0000b\u0007c\u001Bd\u007Fe\u0080f\u009Fg')).toBe('abcdefg');
    expect(cleanText('a\tb\nc')).toBe('a\tb\nc');
    expect(cleanText('a\uFFFEb\uFFFFc\uFDD0d\u{1FFFF}e\u{10FFFE}f')).toBe('abcdef');
  });

  it('turns every line break form into a newline before removing controls, so words stay apart', () => {
    expect(cleanText('a\r\nb\rc\vd\fe\u0085f\u2028g')).toBe('a\nb\nc\nd\ne\nf\ng');
    expect(cleanText('one\u2029two')).toBe('one\n\ntwo');
  });

  it('puts text in NFC (combining sequences composed), and leaves compatibility forms alone (not NFKC)', () => {
    expect(cleanText('Schu\u0308tze')).toBe('Schütze');
    expect(cleanText('ﬁne ² Ｆ')).toBe('ﬁne ² Ｆ');
  });

  it('keeps what is valid: LaTeX, markdown, $, quotes, CJK, RTL text, zero-width joiners', () => {
    const s = 'costs $5: $\\alpha$ **b** `c` “q” 日本語 العربية 👩\u200D💻';
    expect(cleanText(s)).toBe(s);
  });

  it('leaves nothing forbidden and is idempotent, for any string', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = cleanText(s);
        expect(once).not.toMatch(FORBIDDEN);
        expect(cleanText(once)).toBe(once);
      }),
    );
  });
});

describe('oneLine and paragraphs', () => {
  it('oneLine: tabs, newlines and runs of spaces become one space, trimmed', () => {
    expect(oneLine('  A\ttitle\n  on\r\ntwo   lines\u2028x ')).toBe('A title on two lines x');
    expect(oneLine('\u0000\u0007 ')).toBe('');
  });

  it('paragraphs: cleans, then folds (a tab inside a line is kept)', () => {
    expect(paragraphs('First\u0000 line\r\nwraps.\r\n\r\nSecond\tpart\uD800.')).toBe(
      'First line wraps.\n\nSecond\tpart.',
    );
  });
});

describe('capText', () => {
  it('leaves text within the cap alone', () => {
    expect(capText('short', 5)).toBe('short');
  });

  it('cuts at the last word boundary and appends "…", within the cap', () => {
    const cut = capText('The quick brown fox jumps over the lazy dog', 20);
    expect(cut).toBe('The quick brown fox…');
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(capText('alpha, beta, gamma, delta', 20)).toBe('alpha, beta, gamma…');
  });

  it('cuts CJK text between words, and one long token at a grapheme, never inside a pair or before a mark', () => {
    const cjk = capText('日本語のタイトルです日本語のタイトルです', 12);
    expect(cjk.length).toBeLessThanOrEqual(12);
    expect(cjk.endsWith('…')).toBe(true);
    const emoji = capText('😀'.repeat(20), 10);
    expect(emoji).toBe(`${'😀'.repeat(4)}…`);
    expect(emoji.isWellFormed()).toBe(true);
    const marks = capText('e\u0301'.repeat(20), 10);
    expect(marks.normalize('NFD')).toBe(marks);
    expect(marks.length).toBeLessThanOrEqual(10);
    expect(marks.at(-2)).toBe('\u0301');
  });

  it('cuts a 250 KB abstract fast and to the cap', () => {
    const huge = 'word '.repeat(50_000);
    const t0 = performance.now();
    const cut = capText(huge, 5_000);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(cut.length).toBeLessThanOrEqual(5_000);
    expect(cut.length).toBeGreaterThan(4_900);
    expect(cut.endsWith('word…')).toBe(true);
  });

  it('is bounded, well-formed and idempotent on cleaned text, for any string and cap', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 2, max: 200 }), (s, max) => {
        const cleaned = cleanText(s);
        const once = capText(cleaned, max);
        expect(once.length).toBeLessThanOrEqual(max);
        expect(once.isWellFormed()).toBe(true);
        expect(capText(once, max)).toBe(once);
        expect(cleanText(once)).toBe(once);
      }),
    );
  });
});

describe('quoteForError', () => {
  it('quotes one line, caps by characters without splitting a pair, escapes controls', () => {
    expect(quoteForError('a\n b')).toBe('"a b"');
    expect(quoteForError('😀'.repeat(100), 5)).toBe(`"${'😀'.repeat(4)}…"`);
    expect(quoteForError('x\u0000\uD800')).toBe('"x\\u0000\\ud800"');
  });
});
