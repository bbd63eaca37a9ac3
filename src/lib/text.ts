// Text clean-up for upstream strings: folding arXiv's hard line breaks without touching LaTeX or markdown.

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

/** One-line, length-capped rendering of an untrusted string for an error message. */
export function quoteForError(s: string, max = 80): string {
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine);
}
