// Property: random upstream strings (YAML-significant, control characters, lone surrogates, RTL, U+2028, BOM...) as
// title, abstract, author and organisation survive ingest -> paper file -> site collection -> page text exactly, after
// the documented normalisation (src/lib/text.ts); a second ingest changes no byte; every output stays valid.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContentDir } from '../../src/lib/content/read.ts';
import { oneLine, paragraphs } from '../../src/lib/text.ts';
import { astroBuild, ROOT } from '../helpers/build-site.ts';
import { hashTree, runCli } from '../integration/helpers.ts';

const DATE = '2026-09-01';

/** Strings YAML, HTML, XML, JSON or BibTeX would read as something else, plus characters the normaliser removes. */
const tricky = [
  '---',
  '---js\nglobalThis.pwned = 1\n---',
  ': ',
  '#',
  '&a',
  '*a',
  '<<:',
  '!!js/function',
  'yes',
  'null',
  '~',
  '1e3',
  '+.5',
  '0o17',
  '09',
  '0123.5',
  '.inf',
  '\ttab',
  'crlf\r\nline',
  'line\u2028sep',
  '\uFEFFbom',
  '<script>alert(1)</script>',
  '&amp; &lt;',
  ']]>',
  '{} and @misc{x,',
  'a\u0000nul\u0007bel\u001besc',
  'lone \uD800 surrogate',
  '\u202Eright-to-left',
  '"quoted" \'single\'',
  'é vs e\u0301',
];

/** Text safe to compare as page text: no TeX or markdown markers, which the pages typeset on purpose. */
const plainUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...tricky) },
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }) },
);
const text = (max: number) =>
  fc
    .array(plainUnit, { minLength: 1, maxLength: max })
    .map((parts) => parts.join(' ').replace(/[$\\*_`~^[\]]/g, ''))
    // A title needs something left once normalised; the word keeps every string findable on the page.
    .map((s) => `W${s}`);

const paperArb = fc.record({
  title: text(4),
  abstract: text(8),
  authors: fc.array(text(2), { minLength: 1, maxLength: 3 }),
  orgName: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/),
  orgFullname: text(2),
});
type Generated = fc.Arbitrary<typeof paperArb extends fc.Arbitrary<infer T> ? T : never>;
const papers = fc.sample(paperArb as Generated, { seed: 20261201, numRuns: 16 });

/** The items in the real API format (the 2025-10 field set). */
const items = papers.map((p, i) => {
  const id = `2609.${String(10001 + i).padStart(5, '0')}`;
  return {
    paper: {
      id,
      authors: p.authors.map((name, j) => ({ _id: `a${i}${j}`, name, hidden: false })),
      publishedAt: '2026-08-31T00:00:00.000Z',
      title: p.title,
      summary: p.abstract,
      upvotes: i,
      organization: { _id: `o${i}`, name: p.orgName, fullname: p.orgFullname },
    },
    publishedAt: '2026-09-01T00:00:00.000Z',
    title: p.title,
    summary: p.abstract,
    numComments: 0,
    organization: { _id: `o${i}`, name: p.orgName, fullname: p.orgFullname },
  };
});

/** What the archive keeps of each string: the normalisation src/lib/text.ts documents. */
const expected = papers.map((p, i) => ({
  id: items[i]?.paper.id as string,
  title: oneLine(p.title),
  abstract: paragraphs(p.abstract),
  authors: p.authors.map(oneLine),
  org: oneLine(p.orgFullname),
}));
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

let dir: string;
let content: string;
let dist: string;
const runs: { code: number | null; stdout: string; stderr: string }[] = [];
let before: Map<string, string>;
let after: Map<string, string>;

beforeAll(async () => {
  // Under the project: Astro writes the prerender chunks of a build whose outDir is outside the project to the
  // project's .astro/.prerender/, which concurrent builds would share.
  await mkdir(path.join(ROOT, 'tests/.tmp'), { recursive: true });
  dir = await mkdtemp(path.join(ROOT, 'tests/.tmp/hostile-'));
  content = path.join(dir, 'content');
  dist = path.join(dir, 'dist');
  await mkdir(content, { recursive: true });
  // The vocabulary is the repository's: topics are computed at build time.
  writeFileSync(path.join(content, 'topics.yaml'), readFileSync('content/topics.yaml'));
  const file = path.join(dir, `${DATE}.json`);
  writeFileSync(file, JSON.stringify(items));
  const args = ['--source', 'files', '--files', file, '--content-dir', content, '--fetched-at-time', '07:45'];
  runs.push(await runCli(args));
  before = await hashTree(content);
  runs.push(await runCli(args));
  after = await hashTree(content);
  await astroBuild(dist, { CONTENT_DIR: content, ASTRO_CACHE_DIR: path.join(dir, 'cache') });
}, 300_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('hostile upstream text', () => {
  it('is ingested whole, and a second ingest of the same input changes no byte', () => {
    expect(runs[0]?.code, runs[0]?.stderr).toBe(0);
    expect(runs[0]?.stdout).toContain(`papers: ${items.length} new, 0 updated`);
    expect(runs[1]?.stdout).toContain(`papers: 0 new, 0 updated, ${items.length} unchanged`);
    expect(after).toEqual(before);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('reads back from the paper files exactly as normalised', async () => {
    const { papers: stored } = await readContentDir(content);
    for (const e of expected) {
      const p = stored.find((s) => s.data.id === e.id);
      expect(p, e.id).toBeDefined();
      expect(p?.data.title).toBe(e.title);
      expect(p?.body).toBe(e.abstract);
      expect(p?.data.authors.map((a) => a.name)).toEqual(e.authors);
      expect(p?.data.organization?.fullname).toBe(e.org);
      expect(p?.data.overrides).toBeUndefined();
    }
  });

  it('shows each string on its paper page as page text', () => {
    const inlineScripts = new Set<string>();
    for (const e of expected) {
      const $ = cheerio.load(readFileSync(path.join(dist, 'papers', e.id, 'index.html'), 'utf8'));
      expect(squash($('h1').first().text()), e.id).toBe(squash(e.title));
      const page = squash($('main').text());
      expect(page).toContain(squash(e.abstract));
      for (const name of e.authors) expect(page).toContain(squash(name));
      expect(page).toContain(squash(e.org));
      // Nothing upstream became markup: scripts are the site's own modules, and inline ones the same on every page.
      $('script:not([src]):not([type="application/ld+json"])').each((_, el) => {
        inlineScripts.add($(el).text());
      });
      $('script[src]').each((_, el) => expect($(el).attr('src')).toMatch(/^\/_astro\/[\w.-]+\.js$/));
      expect($('main [onerror], main [onload]').length).toBe(0);
    }
    expect(inlineScripts.size).toBeLessThanOrEqual(2);
  });

  it('keeps the site collection exact (the JSON export of the day)', () => {
    const day = JSON.parse(readFileSync(path.join(dist, 'data/days', `${DATE}.json`), 'utf8')) as {
      papers: { id: string; title: string; abstract: string; authors: { name: string }[] }[];
    };
    for (const e of expected) {
      const p = day.papers.find((x) => x.id === e.id);
      expect(p?.title).toBe(e.title);
      expect(p?.abstract).toBe(e.abstract);
      expect(p?.authors.map((a) => a.name)).toEqual(e.authors);
    }
  });

  it('writes feeds that are valid XML and JSON', () => {
    for (const f of ['rss.xml', 'sitemap-index.xml']) {
      const xml = readFileSync(path.join(dist, f), 'utf8');
      expect(XMLValidator.validate(xml), f).toBe(true);
    }
    expect(() => JSON.parse(readFileSync(path.join(dist, 'feed.json'), 'utf8'))).not.toThrow();
  });
});
