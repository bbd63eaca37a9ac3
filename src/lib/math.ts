// Abstracts and titles as safe HTML: TeX math typeset with KaTeX at build time, light markdown/TeX markup, all else escaped.
import { memoize } from './memo.ts';
import katex from 'katex';
import { safeHref } from './links.ts';

/** A run of an abstract: plain text (may hold markup) or a math expression without its delimiters. */
export type Segment =
  { kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean; source: string };

/** Longest expression we try to typeset; beyond this a `$` pair is almost surely not math. */
const MAX_INLINE_TEX = 400;
const MAX_DISPLAY_TEX = 2000;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Finds the unescaped `close` at or after `from`, within the limit; -1 if none. */
function findClose(s: string, close: string, from: number, limit: number): number {
  let j = s.indexOf(close, from);
  while (j !== -1 && isEscaped(s, j)) j = s.indexOf(close, j + 1);
  return j !== -1 && j - from <= limit ? j : -1;
}

/** True when the character at `i` is preceded by an odd number of backslashes. */
function isEscaped(s: string, i: number): boolean {
  let n = 0;
  for (let k = i - 1; k >= 0 && s[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/**
 * Can the `$` at `i` open inline math? Money is the common false positive in abstracts
 * (`$25`, `US$44`, `<$10`, `costs $10 and $20`): an opener is not glued to a preceding letter or digit
 * and is not followed by white space; the closer (checked in `isInlineClose`) rules out the rest. A super- or
 * subscript is the exception (`256$^2$`, `x$_i$`, as HF's keywords write them): no amount of money starts so.
 */
function isInlineOpen(s: string, i: number): boolean {
  const next = s[i + 1];
  if (next === undefined || /\s/.test(next)) return false;
  const prev = s[i - 1];
  if (prev !== undefined && /[A-Za-z0-9]/.test(prev) && next !== '^' && next !== '_') return false;
  return true;
}

/** A closing `$` is not preceded by white space and not followed by a digit (`$5-$10`). */
function isInlineClose(s: string, j: number): boolean {
  const prev = s[j - 1];
  const next = s[j + 1];
  if (prev === undefined || /\s/.test(prev)) return false;
  if (next !== undefined && /[0-9]/.test(next)) return false;
  return true;
}

/**
 * Money-looking content between two `$`: an amount followed by words (`$5 per month and $`), which the
 * closer test usually catches, but `$1M budget vs.$` would slip through.
 */
function looksLikeMoney(tex: string): boolean {
  const bare = tex.replace(/\\\$/g, '');
  return /^\d[\d,.]*\s*(?:[kKMBT]|million|billion|USD)?\b[\s\S]*\s/.test(bare) && !/[\\^_{}=]/.test(bare);
}

/** Splits one paragraph into text and math segments. `\$` stays text (unescaped later). */
export function splitMath(s: string): Segment[] {
  const out: Segment[] = [];
  let text = '';
  const pushMath = (tex: string, display: boolean, source: string) => {
    if (text) out.push({ kind: 'text', text });
    text = '';
    out.push({ kind: 'math', tex, display, source });
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    const c2 = s.slice(i, i + 2);
    if (c === '\\' && (c2 === '\\(' || c2 === '\\[')) {
      const close = c2 === '\\(' ? '\\)' : '\\]';
      const j = findClose(s, close, i + 2, c2 === '\\(' ? MAX_INLINE_TEX : MAX_DISPLAY_TEX);
      if (j !== -1) {
        pushMath(s.slice(i + 2, j), c2 === '\\[', s.slice(i, j + 2));
        i = j + 2;
        continue;
      }
    }
    if (c === '\\') {
      // Keep escapes (`\$`, `\\`) together so the escaped char is never read as a delimiter.
      text += s.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c2 === '$$') {
      const j = findClose(s, '$$', i + 2, MAX_DISPLAY_TEX);
      if (j !== -1 && s.slice(i + 2, j).trim()) {
        pushMath(s.slice(i + 2, j), true, s.slice(i, j + 2));
        i = j + 2;
        continue;
      }
    }
    if (c === '$' && isInlineOpen(s, i)) {
      const j = findClose(s, '$', i + 1, MAX_INLINE_TEX);
      if (j !== -1 && isInlineClose(s, j) && !looksLikeMoney(s.slice(i + 1, j))) {
        pushMath(s.slice(i + 1, j), false, s.slice(i, j + 1));
        i = j + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}

/**
 * Typesets one expression, or shows its escaped source in `<code class="tex-source">` when KaTeX
 * cannot parse it or it uses a command needing trust (`\href`, `\url`, `\htmlClass`...): the reader
 * always sees something, and a bad abstract never breaks the build.
 */
export function renderMath(tex: string, display: boolean, source: string): string {
  let untrusted = false;
  try {
    const html = katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      strict: 'ignore',
      // Same as `trust: false`, but tells us an untrusted command was met so we can fall back.
      trust: () => {
        untrusted = true;
        return false;
      },
      maxSize: 20,
      maxExpand: 200,
    });
    if (!untrusted) return html;
  } catch {
    // fall through to the source
  }
  return `<code class="tex-source">${escapeHtml(source)}</code>`;
}

const ACCENTS: Record<string, string> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
};

/** Inline markup we understand, outside math. Order of alternatives = priority at the same position. */
const INLINE =
  /``([^`\n]{1,200}?)``|`([^`'\n]+)`|\\(textbf|textit|emph|texttt|textsuperscript|textsubscript|textsc|underline|text|mbox|url|href|footnote)\{((?:[^{}]|\{[^{}]*\})*)\}(?:\{((?:[^{}]|\{[^{}]*\})*)\})?|\{\\(bf|it|em|tt)\s+((?:[^{}]|\{[^{}]*\})*)\}|\*\*(?=\S)([\s\S]+?)(?<=\S)\*\*|(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w\\])_(?=[^\s_])([^_\n]+?)(?<=\S)_(?!\w)|\\(["'`^~])\{?([A-Za-z])\}?|\\([%&$#_{}~^ ,;!])|``|''|`|\\\\/;

/** Upstream links: `ugc` and `nofollow` because the archive does not vouch for them. */
function link(url: string, textHtml: string): string {
  const href = safeHref(url);
  return href ? `<a href="${escapeHtml(href)}" rel="nofollow ugc noopener">${textHtml}</a>` : textHtml;
}

/**
 * A bare http(s) URL in text: no quotes, brackets, braces or backslashes (TeX escapes `\_ \% \& \# \~` are
 * part of it). `www.x` without a scheme, `javascript:` and `data:` are never matched. No word boundary before
 * it: upstream often glues the URL to the previous word (`available athttps://github.com/...`).
 */
const BARE_URL = /https?:\/\/(?:[^\s<>"'`{}|\\^[\]]|\\[_%&#~])+/i;

/** The first bare URL in `s`, without the sentence's punctuation after it (`see https://x.org/a).` -> `.../a`). */
export function findBareUrl(s: string): { index: number; url: string } | undefined {
  const m = BARE_URL.exec(s);
  if (!m) return undefined;
  let url = m[0];
  const count = (c: string) => url.split(c).length - 1;
  for (;;) {
    const trimmed = url.replace(/[.,;:!?*'"]+$/, '');
    // A closing parenthesis belongs to the URL only when it closes one opened inside it (Wikipedia-style).
    if (trimmed.endsWith(')') && count('(') < count(')')) url = trimmed.slice(0, -1);
    else if (trimmed === url) break;
    else url = trimmed;
  }
  return { index: m.index, url };
}

/** A bare URL as a link showing the URL itself, or as escaped text when it is not a usable http(s) URL. */
function bareLink(url: string): string {
  const unescaped = url.replace(/\\([_%&#~])/g, '$1');
  return link(unescaped, escapeHtml(unescaped));
}

/**
 * Text (no math) to HTML: escapes everything, turning known markup into tags. With `links`, bare URLs and
 * `\url`/`\href` become links; without (titles, shown inside links elsewhere; link text), they stay text.
 */
function inlineHtml(s: string, mode: 'html' | 'plain', links = false): string {
  let out = '';
  let rest = s;
  const esc = mode === 'html' ? escapeHtml : (t: string) => t;
  const wrap = (tag: string, inner: string) => (mode === 'html' ? `<${tag}>${inner}</${tag}>` : inner);
  const linkIf = (url: string, textHtml: string) =>
    links && mode === 'html' ? link(url, textHtml) : textHtml;
  while (rest) {
    const m = INLINE.exec(rest);
    const u = links && mode === 'html' ? findBareUrl(rest) : undefined;
    // Markup wholly before the URL, or around all of it (`**see https://x.org**`, `\url{...}`), goes first;
    // markup starting inside the URL (`https://x.org/a\_b`, `/*`) is part of the URL.
    if (
      u &&
      !(
        m &&
        (m.index + m[0].length <= u.index ||
          (m.index <= u.index && m.index + m[0].length >= u.index + u.url.length))
      )
    ) {
      out += esc(rest.slice(0, u.index)) + bareLink(u.url);
      rest = rest.slice(u.index + u.url.length);
      continue;
    }
    if (!m) {
      out += esc(rest);
      break;
    }
    out += esc(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
    const [
      whole,
      quoted,
      code,
      macro,
      arg1,
      arg2,
      group,
      groupBody,
      bold,
      star,
      under,
      accent,
      letter,
      escaped,
    ] = m;
    // ``x`` in abstracts is TeX-style quoting, not a markdown code span.
    if (quoted !== undefined) out += `\u201c${inlineHtml(quoted, mode, links)}\u201d`;
    else if (code !== undefined) out += wrap('code', esc(code));
    else if (macro !== undefined) {
      const a1 = arg1 ?? '';
      switch (macro) {
        case 'textbf':
          out += wrap('strong', inlineHtml(a1, mode, links));
          break;
        case 'textit':
        case 'emph':
          out += wrap('em', inlineHtml(a1, mode, links));
          break;
        case 'texttt':
          out += wrap('code', esc(a1));
          break;
        case 'textsuperscript':
          out += wrap('sup', inlineHtml(a1, mode, links));
          break;
        case 'textsubscript':
          out += wrap('sub', inlineHtml(a1, mode, links));
          break;
        case 'url':
          out += linkIf(a1, esc(a1));
          break;
        case 'href':
          if (arg2 === undefined) out += esc(whole);
          else out += linkIf(a1, inlineHtml(arg2, mode));
          break;
        case 'footnote':
          out += ` (${inlineHtml(a1, mode, links)})`;
          break;
        default:
          // textsc, underline, text, mbox: keep the words, drop the styling.
          out += inlineHtml(a1, mode, links);
          // A second brace group was not an argument of these macros.
          if (arg2 !== undefined) out += inlineHtml(`{${arg2}}`, mode, links);
      }
    } else if (group !== undefined) {
      const inner = inlineHtml(groupBody ?? '', mode, links);
      out +=
        group === 'bf' ? wrap('strong', inner) : group === 'tt' ? wrap('code', inner) : wrap('em', inner);
    } else if (bold !== undefined) out += wrap('strong', inlineHtml(bold, mode, links));
    else if (star !== undefined) out += wrap('em', inlineHtml(star, mode, links));
    else if (under !== undefined) out += wrap('em', inlineHtml(under, mode, links));
    else if (accent !== undefined && letter !== undefined) {
      out += esc(`${letter}${ACCENTS[accent] ?? ''}`.normalize('NFC'));
    } else if (escaped !== undefined) out += esc(escaped === ' ' || escaped === ',' ? ' ' : escaped);
    else if (whole === '``') out += '\u201c';
    else if (whole === "''") out += '\u201d';
    else if (whole === '`') out += '\u2018';
    else out += ' '; // `\\` line break
  }
  return out;
}

/** Paragraphs: blank lines, or arXiv's indented continuation lines (`\n  Next paragraph`). */
function paragraphs(s: string): string[] {
  return s
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n|\n(?=[ \t]{2,}\S)/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
}

function segmentsHtml(segments: Segment[], inlineOnly: boolean): string {
  // Block text (abstracts) links its URLs; inline text may be shown inside a link, so it never does.
  return segments
    .map((seg) =>
      seg.kind === 'text'
        ? inlineHtml(seg.text, 'html', !inlineOnly)
        : renderMath(seg.tex, seg.display && !inlineOnly, seg.source),
    )
    .join('');
}

/** Safe HTML for an abstract: `<p>` per paragraph, math typeset, markup turned into tags, text escaped. */
export function renderAbstractHtml(abstract: string): string {
  return paragraphs(abstract)
    .map((p) => {
      const segments = splitMath(p);
      const only = segments.length === 1 ? segments[0] : undefined;
      // A paragraph that is one display expression gets a block of its own, not a <p> around a <span>.
      if (only?.kind === 'math' && only.display) return renderMath(only.tex, true, only.source);
      return `<p>${segmentsHtml(segments, false)}</p>`;
    })
    .join('\n');
}

/**
 * Safe inline HTML for a short text (a title, a keyword, an AI summary): like the abstract, without paragraphs,
 * display math or links (titles are shown inside links on listings).
 */
export function renderInlineHtml(text: string): string {
  return segmentsHtml(splitMath(text.replace(/\s+/g, ' ').trim()), true);
}

/** Safe inline HTML for a title (see renderInlineHtml). */
export const renderTitleHtml = renderInlineHtml;

const TEX_SYMBOLS: Record<string, string> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
  times: '×',
  cdot: '·',
  pm: '±',
  mp: '∓',
  le: '≤',
  leq: '≤',
  ge: '≥',
  geq: '≥',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '∼',
  propto: '∝',
  infty: '∞',
  to: '→',
  rightarrow: '→',
  leftarrow: '←',
  Rightarrow: '⇒',
  in: '∈',
  notin: '∉',
  subset: '⊂',
  subseteq: '⊆',
  cup: '∪',
  cap: '∩',
  sum: '∑',
  prod: '∏',
  int: '∫',
  partial: '∂',
  nabla: '∇',
  forall: '∀',
  exists: '∃',
  ell: 'ℓ',
  deg: '°',
  ldots: '…',
  dots: '…',
  cdots: '⋯',
  sqrt: '√',
  circ: '∘',
  star: '⋆',
  mid: '|',
  vert: '|',
};

/** A readable text form of TeX math: `O(n^3)`, `α_j`, `9.6×`. */
function plainMath(tex: string): string {
  // Broken TeX (unbalanced braces) reads better as its source than as half-simplified fragments.
  let depth = 0;
  for (const c of tex.replace(/\\[{}]/g, '')) if ((depth += c === '{' ? 1 : c === '}' ? -1 : 0) < 0) break;
  if (depth !== 0) return tex.replace(/\s+/g, ' ').trim();
  return tex
    .replace(
      /\\(?:mathrm|mathbf|mathit|mathcal|mathbb|text|textbf|textit|operatorname|boldsymbol)\s*\{([^{}]*)\}/g,
      '$1',
    )
    .replace(/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, '($1)/($2)')
    .replace(
      /\\([A-Za-z]+)/g,
      (_w, name: string) =>
        TEX_SYMBOLS[name] ??
        (/^(left|right|big|Big|bigg|Bigg|displaystyle|,|;|quad|qquad)$/.test(name) ? '' : name),
    )
    .replace(/\\([%&$#_{}])/g, '$1')
    .replace(/\\[,;:! ]/g, ' ')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text for descriptions, excerpts and feeds: delimiters and markup removed, macros simplified. */
// Every title and abstract of a 10k archive fits, so a paper's text is reduced once however many pages show it.
export const plainText: (s: string) => string = memoize(plainTextOf, 50_000);

function plainTextOf(s: string): string {
  return paragraphs(s)
    .map((p) =>
      splitMath(p)
        .map((seg) => (seg.kind === 'text' ? inlineHtml(seg.text, 'plain') : plainMath(seg.tex)))
        .join(''),
    )
    .join('\n\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
