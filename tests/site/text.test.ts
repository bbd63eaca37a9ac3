// No glued words on any kind of page: template text and the elements beside it ("day by day:9,877", "110papers",
// "on the<a>Hugging Face</a>", "Sort by<select>") always have white space between words.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, FIXTURE_CONTENT, ROOT, type BuiltSite } from '../helpers/build-site.ts';
import { PAGE_KINDS, pagesOfEveryKind } from './page-kinds.ts';
import { readFrontMatter } from '../../src/lib/content/format.ts';
import { plainText } from '../../src/lib/math.ts';

/** Elements that start a new line (or box) of their own: no word can glue across their edges. */
const BLOCK = new Set(
  (
    'address article aside blockquote br caption details dd div dl dt fieldset figcaption figure footer form h1 h2 ' +
    'h3 h4 h5 h6 header hr legend li main nav ol option p pre section summary table tbody td tfoot th thead tr ul ' +
    'html body head title button'
  ).split(' '),
);
/** Form controls: boxes that text next to them touches unless there is white space. */
const CONTROLS = new Set(['input', 'select', 'textarea', 'button']);
/** Never visible as text. */
const SKIP = new Set(['script', 'style', 'template', 'svg', 'head', 'datalist']);

type Item =
  | { kind: 'text'; text: string; parents: Element[] }
  | { kind: 'break' }
  /** A control (touches words) or a typeset formula (neutral: math glued to a word is the author's). */
  | { kind: 'atom'; control: boolean; parents: Element[] };

/** The page's visible content in reading order: text runs, line breaks at block edges, controls and formulas. */
function items(root: AnyNode): Item[] {
  const out: Item[] = [];
  const walk = (node: AnyNode, parents: Element[]) => {
    if (node.type === 'text') {
      const text = (node as unknown as { data: string }).data;
      if (text.length > 0) out.push({ kind: 'text', text, parents });
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style')
      return;
    const el = node as Element;
    const name = el.name?.toLowerCase();
    if (node.type !== 'root') {
      // `hidden` stays in: scripts reveal most of it (the search form, copy and theme buttons).
      if (SKIP.has(name)) return;
      if (name === 'input' && el.attribs.type === 'hidden') return;
      const cls = ` ${el.attribs.class ?? ''} `;
      if (cls.includes(' katex ') || cls.includes(' katex-display ') || cls.includes(' tex-source ')) {
        out.push({ kind: 'atom', control: false, parents });
        return;
      }
      if (CONTROLS.has(name) && name !== 'button') {
        out.push({ kind: 'atom', control: true, parents: [...parents, el] });
        return;
      }
    }
    const block = BLOCK.has(name);
    if (block) out.push({ kind: 'break' });
    const inner = node.type === 'root' ? parents : [...parents, el];
    for (const child of el.children ?? []) walk(child, inner);
    if (block) out.push({ kind: 'break' });
  };
  walk(root, []);
  return out;
}

const WORD = /[\p{L}\p{N}]/u;
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/**
 * Whether two neighbours are judged: not when both sit in different elements side by side (`</a><a>`: often a flex
 * or grid layout, whose gaps a static check cannot see); yes when text meets an element's edge (`the<a>`, `</a>or`)
 * or another text run (split by something invisible).
 */
function judged(a: Element[], b: Element[]): boolean {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return !(a.length > common && b.length > common);
}

interface Glue {
  /** The glued run of characters, e.g. `day:65` or `theHugging`. */
  token: string;
  /** Some context around it. */
  context: string;
}

/** Maximal non-space run around the join of `left` and `right`. */
function tokenAt(left: string, right: string): string {
  return `${/\S*$/.exec(left)?.[0] ?? ''}${/^\S*/.exec(right)?.[0] ?? ''}`;
}

/** Glue inside one run of template text: a number glued to a word, or `:` `;` `,` glued to what follows. */
const INNER_GLUE = [/(?<![\p{L}\p{N}])\d[\d,.]*\p{Ll}{3,}/gu, /\p{L}[:;,][\p{L}\p{N}\p{Pd}]/gu];

function findGlue(html: string): Glue[] {
  const $ = cheerio.load(html, { scriptingEnabled: false });
  const list = items($('body')[0] as AnyNode);
  const found: Glue[] = [];
  // The visible text so far, for context in messages.
  let seen = '';
  let prev: Item | undefined;
  for (const item of list) {
    if (item.kind === 'break') {
      seen += '\n';
      prev = undefined;
      continue;
    }
    if (item.kind === 'text') {
      for (const re of INNER_GLUE) {
        for (const m of item.text.matchAll(re)) {
          found.push({
            token: tokenAt(item.text.slice(0, m.index + 1), item.text.slice(m.index + 1)),
            context: m[0],
          });
        }
      }
    }
    if (
      prev &&
      prev.kind !== 'break' &&
      !(prev.kind === 'atom' && !prev.control) &&
      !(item.kind === 'atom' && !item.control)
    ) {
      const l = prev.kind === 'text' ? prev.text.at(-1) : 'X';
      const r = item.kind === 'text' ? item.text[0] : 'X';
      const glued =
        judged(prev.parents, item.parents) &&
        !isSpace(l) &&
        !isSpace(r) &&
        // A word glued to what starts another (`at<code>/papers/`), or punctuation glued to the next word.
        ((WORD.test(l as string) && /[\p{L}\p{N}/([{"'\u201c\u2018<&#@\p{Pd}]/u.test(r as string)) ||
          (/[:;,!?)]/.test(l as string) && /[\p{L}\p{N}\p{Pd}]/u.test(r as string)));
      if (glued) {
        const left = prev.kind === 'text' ? prev.text : '[control]';
        const right = item.kind === 'text' ? item.text : '[control]';
        found.push({ token: tokenAt(left, right), context: `${seen.slice(-40)}|${right.slice(0, 30)}` });
      }
    }
    if (item.kind === 'text') seen += item.text;
    else if (item.control) seen += '[control]';
    prev = item;
  }
  return found;
}

/** Everything upstream wrote (titles, names, abstracts, keywords, summaries), raw and as plain text. */
function upstreamText(): string {
  const parts: string[] = [];
  const collect = (v: unknown) => {
    if (typeof v === 'string') parts.push(v, plainText(v));
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  const dir = path.join(ROOT, FIXTURE_CONTENT, 'papers');
  for (const sub of readdirSync(dir)) {
    for (const f of readdirSync(path.join(dir, sub))) {
      const { data, body } = readFrontMatter(readFileSync(path.join(dir, sub, f), 'utf8'), f);
      collect(data);
      collect(body);
    }
  }
  return parts.join('\n').replace(/\s+/g, ' ');
}

let site: BuiltSite;
let upstream: string;
beforeAll(async () => {
  site = await buildFixtureSite('/');
  upstream = upstreamText();
}, 600_000);

describe('the glue detector', () => {
  it('finds the known kinds of glue and passes spaced text', () => {
    const tokens = (body: string) =>
      findGlue(`<!doctype html><html><body>${body}</body></html>`).map((g) => g.token);
    expect(tokens('<p>kept day by day:65 papers over 7 days</p>')).toEqual(['day:65']);
    expect(tokens('<p class="muted">110papers, most upvoted first.</p>')).toEqual(['110papers,']);
    expect(tokens('<p>Days:<a href="/d/">17 Aug 2026</a></p>')).toEqual(['Days:17']);
    expect(tokens('<p>no papers;<span aria-hidden="true">–</span> means</p>')).toEqual(['papers;–']);
    expect(tokens('<p>on the<a href="/">Hugging Face</a> list</p>')).toEqual(['theHugging']);
    expect(tokens('<p>the <a href="/a/">archive</a>or the topics</p>')).toEqual(['archiveor']);
    expect(tokens('<label>Sort by<select><option>New</option></select></label>')).toEqual(['by[control]']);
    expect(tokens('<p>a permanent page at<code>/papers/&lt;id&gt;/</code></p>')).toEqual(['at/papers/<id>/']);
    expect(tokens('<p>lists every day;<code>data/days/</code> holds</p>')).toEqual(['day;data/days/']);
    expect(
      tokens(
        '<p>on the <a href="/">Hugging Face</a> list, <strong>0</strong> means; 07:45 UTC, 9,877 papers, 3D and 7B</p>' +
          '<p>(see <a href="/c/">coverage</a>). A <a href="/x/">link</a>, <em>this</em>: and <code>x</code>’s</p>' +
          '<nav><a href="/a/">← May</a><a href="/b/">June →</a></nav><ul><li>a</li><li>b</li></ul>' +
          '<p>O(n<span class="katex">x</span>) and <label><input type="checkbox"> Has code</label></p>' +
          '<script>var a="b:c"</script><style>a{b:c}</style>',
      ),
    ).toEqual([]);
  });
});

describe('no glued words', () => {
  it('covers one page of every kind', () => {
    const found = pagesOfEveryKind(site.outDir);
    for (const { kind, optional } of PAGE_KINDS) if (!optional) expect([...found.keys()]).toContain(kind);
  });

  it.each(PAGE_KINDS.map((k) => k.kind))('%s', (kind) => {
    const file = pagesOfEveryKind(site.outDir).get(kind);
    if (!file) return; // An optional kind this build does not have.
    // Upstream's own spelling is not the template's to fix (text beside a control is always the template's).
    const glue = findGlue(readFileSync(path.join(site.outDir, file), 'utf8')).filter(
      (g) => g.token.includes('[control]') || !upstream.includes(g.token),
    );
    expect(glue, file).toEqual([]);
  });
});
