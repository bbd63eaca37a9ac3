// Text clean-up for upstream strings: invalid characters out, NFC, one-line and paragraph forms, and length caps.

/**
 * Characters no output format of the archive can carry: C0 and C1 controls other than tab and newline (XML 1.0
 * forbids most C0, and C1 and DEL break HTML and BibTeX), lone surrogates (not encodable as UTF-8: a writer
 * turns them into U+FFFD, so the stored text never equals the input and every re-run rewrites it), and the
 * Unicode noncharacters (U+FFFE/U+FFFF are not XML 1.0 `Char`s; the other 64 are not for interchange).
 * Under the `u` flag a surrogate class matches only surrogates that are not half of a pair.
 */
const INVALID = /[\0-\x08\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\p{Noncharacter_Code_Point}]/gu;
/** Line breaks in all their forms (CR LF, CR, VT, FF, NEL, LINE SEPARATOR), before the controls among them go. */
const LINE_BREAK = /\r\n?|[\v\f\x85\u2028]/g;
const PARAGRAPH_SEPARATOR = /\u2029/g;
/** Fast path: most upstream text is printable ASCII, and then only the whitespace rules apply. */
const PLAIN_ASCII = /^[\x20-\x7E\n]*$/;
/** Fast path of oneLine: printable ASCII words with single spaces between them is already in one-line form. */
const ONE_LINE_ASCII = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;

/**
 * Any string made safe for every output (HTML, RSS/Atom XML 1.0, JSON, YAML, BibTeX, the search index): line
 * breaks become `\n`, the characters in INVALID are removed, and the text is put in NFC. NFC only joins
 * canonically equivalent sequences (`e` + U+0301 -> `é`): what a reader sees does not change, search and
 * de-duplication see one spelling, and it is the form the W3C asks of web content. NFKC is not used: it
 * rewrites what is shown (`ﬁ` -> `fi`, `²` -> `2`, full-width forms), which the archive must keep as written.
 */
export function cleanText(s: string): string {
  if (PLAIN_ASCII.test(s)) return s;
  return s
    .replace(LINE_BREAK, '\n')
    .replace(PARAGRAPH_SEPARATOR, '\n\n')
    .replace(INVALID, '')
    .normalize('NFC');
}

/** One-line form (titles, names, keywords): cleaned, every run of whitespace (tabs, newlines too) one space, trimmed. */
export function oneLine(s: string): string {
  if (ONE_LINE_ASCII.test(s)) return s;
  return cleanText(s).replace(/\s+/g, ' ').trim();
}

/**
 * Fold arXiv hard line breaks: inside a paragraph, a newline plus surrounding spaces becomes one space;
 * blank-line paragraph breaks stay as "\n\n"; trims; leaves LaTeX ($...$, \textbf), markdown and `$` as written.
 */
export function foldLines(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.replace(/[ \t]*\n[ \t]*/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

/** Paragraph form (abstracts, summaries): cleaned and folded. Tabs inside a line are kept, as written. */
export function paragraphs(s: string): string {
  return foldLines(cleanText(s));
}

const ELLIPSIS = '…';
let wordSegmenter: Intl.Segmenter | undefined;
let graphemeSegmenter: Intl.Segmenter | undefined;

/** End of the last segment that fits in `budget` code units (0 when none does). */
function lastBoundary(s: string, budget: number, segmenter: Intl.Segmenter): number {
  let end = 0;
  // Only the head matters; segmenting a 250 KB string whole would cost for nothing.
  for (const { index, segment } of segmenter.segment(s.slice(0, budget + 64))) {
    if (index + segment.length > budget) break;
    end = index + segment.length;
  }
  return end;
}

/**
 * `s` if it has at most `max` UTF-16 code units (String length, what the schema counts), else cut to fit
 * with "…" appended: at the last word boundary (Intl.Segmenter, so CJK text without spaces cuts between
 * words too), or when that would drop more than a fifth of the room, at the last whole grapheme (never
 * inside a surrogate pair or before a combining mark). Trailing spaces and commas before the "…" go.
 * Idempotent: the result is within `max`, so capping it again changes nothing.
 */
export function capText(s: string, max: number): string {
  if (s.length <= max) return s;
  const budget = max - ELLIPSIS.length;
  wordSegmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  let end = lastBoundary(s, budget, wordSegmenter);
  if (end < budget * 0.8) {
    graphemeSegmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
    end = lastBoundary(s, budget, graphemeSegmenter);
  }
  return `${s.slice(0, end).replace(/[\s,;:]+$/u, '')}${ELLIPSIS}`;
}

/** One-line, length-capped rendering of an untrusted string for an error message (JSON-quoted, so escapes show). */
export function quoteForError(s: string, max = 80): string {
  const oneLineText = s
    .slice(0, max * 4)
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(oneLineText);
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : oneLineText);
}
