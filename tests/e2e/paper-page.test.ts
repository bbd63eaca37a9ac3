// Paper pages in Chromium, on the fixture archive plus the archive's most-authored paper (664 authors), a paper with
// TeX in its HF keywords, and a hand-made hostile one: the BibTeX box, math outside the abstract, links in abstracts,
// the code link, the submitter, the theme control; and the 404 page's way out for a paper the archive lacks.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, FIXTURE_CONTENT, FIXTURE_SITE_URL, ROOT } from '../helpers/build-site.ts';
import { serveSite, type RunningServer } from '../helpers/serve.ts';
import { horizontalOverflow, launchChromium } from '../helpers/browser.ts';
import { parsePaperFile, serializePaper } from '../../src/lib/content/format.ts';

const DIR = path.join(ROOT, 'tests/.tmp/e2e-paper-page');
/** Humanity's Last Exam: the archive's paper with the most authors. */
const MANY_AUTHORS = '2501.14249';
/** π-Flow: `$\pi$-Flow` and `ImageNet 256$^2$` among its HF keywords. */
const TEX_KEYWORDS = '2510.14974';
/** Hand-made: URLs of every kind in the abstract, TeX and markup in HF's fields, a hostile submitter. */
const HOSTILE = '2607.00001';

const hostileAbstract = [
  'Code and data: https://github.com/example-org/linked-repo. Project page (https://example.org/a_(b)).',
  'Not links: javascript:alert(1), data:text/html,<b>x</b>, www.example.com and <script>alert(1)</script>.',
  'Math $x_1$ stays math; "https://quoted.example.org/"! and https://example.net/path?a=1&b=2;',
].join(' ');

function writeHostilePaper(contentDir: string): void {
  const text = serializePaper({
    data: {
      id: HOSTILE,
      title: 'A Hostile $\\pi$ Paper <script>alert(1)</script>',
      authors: [{ name: 'Eve Example' }],
      featured: ['2026-07-01'],
      upvotes: 1,
      statsAt: '2026-07-01T07:45:00.000Z',
      history: [],
      keywords: ['$\\pi$-Flow', 'ImageNet 256$^2$', '<b>bold</b>'],
      aiSummary: '$\\pi$-Flow reaches ImageNet 256$^2$ <img src=x onerror=alert(1)>.',
      submittedBy: { user: 'javascript:alert(1)', fullname: 'Eve <script>' },
      source: {
        kind: 'api-file',
        file: 'tests/e2e/paper-page.test.ts',
        fetchedAt: '2026-07-01T07:45:00.000Z',
      },
    },
    body: hostileAbstract,
  });
  parsePaperFile(text, HOSTILE); // The build would reject an invalid file; fail here, clearly, instead.
  mkdirSync(path.join(contentDir, 'papers/2607'), { recursive: true });
  writeFileSync(path.join(contentDir, `papers/2607/${HOSTILE}.md`), text);
}

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  const content = path.join(DIR, 'content');
  cpSync(path.join(ROOT, FIXTURE_CONTENT), content, { recursive: true });
  for (const id of [MANY_AUTHORS, TEX_KEYWORDS]) {
    const rel = `papers/${id.slice(0, 4)}/${id}.md`;
    mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
    cpSync(path.join(ROOT, 'content', rel), path.join(content, rel));
  }
  writeHostilePaper(content);
  const outDir = path.join(DIR, 'dist');
  // Concurrent Astro builds of this project share its .astro/ directory; one may lose a chunk: build again.
  for (let attempt = 1; ; attempt++) {
    try {
      await astroBuild(outDir, {
        CONTENT_DIR: content,
        ASTRO_CACHE_DIR: path.join(DIR, 'cache'),
        BASE_PATH: '/',
      });
      break;
    } catch (e) {
      if (attempt >= 3 || !/\.astro\/\.prerender/.test(String(e))) throw e;
    }
  }
  server = await serveSite({ outDir, basePath: '/', siteUrl: FIXTURE_SITE_URL, log: '' });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(
  urlPath: string,
  width = 1280,
  scheme: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page; status: number | undefined }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  const response = await page.goto(`${server.url}${urlPath}`, { waitUntil: 'load' });
  return { context, page, status: response?.status() };
}

describe('the BibTeX of a 664-author paper', () => {
  it.each([1280, 360])(
    'sits in a bounded, scrollable box at %i px; copy and download keep every author',
    async (width) => {
      const { context, page } = await open(`papers/${MANY_AUTHORS}/`, width);
      try {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
          origin: new URL(server.url).origin,
        });
        const box = page.locator('#bibtex');
        const size = await box.evaluate((e) => ({
          height: e.getBoundingClientRect().height,
          scrollHeight: e.scrollHeight,
          clientHeight: e.clientHeight,
          tabIndex: (e as HTMLElement).tabIndex,
        }));
        expect(size.height).toBeLessThan(800);
        expect(size.scrollHeight).toBeGreaterThan(size.clientHeight * 3);
        expect(size.tabIndex).toBe(0); // Scrollable with the keyboard.
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

        const download = await page.request.get(`${server.url}papers/${MANY_AUTHORS}/cite.bib`);
        expect(download.status()).toBe(200);
        const bib = await download.text();
        const authors = /author = \{(.*)\},\n/.exec(bib)?.[1]?.split(' and ') ?? [];
        expect(authors).toHaveLength(664);
        expect(authors[0]).toBe('Long Phan');
        expect(authors[663]).toBe('Dan Hendrycks');

        await page.locator('.cite copy-button button').click();
        await expect.poll(() => page.locator('.cite .copy-status').innerText()).toBe('Copied');
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied.trim()).toBe(bib.trim());
      } finally {
        await context.close();
      }
    },
  );
});

describe('math outside the abstract', () => {
  it('typesets TeX in HF keywords (real: $\\pi$-Flow, ImageNet 256$^2$) and AI summaries', async () => {
    const { context, page } = await open(`papers/${TEX_KEYWORDS}/`);
    try {
      const keywords = page.locator('aside.ai .keywords');
      expect(await keywords.locator('.katex').count()).toBeGreaterThanOrEqual(3);
      const text = await keywords.innerText();
      expect(text).not.toContain('$');
      expect(await keywords.locator('annotation').evaluateAll((as) => as.map((a) => a.textContent))).toEqual([
        '\\pi',
        '\\ell_2',
        '^2',
      ]);
      expect(await keywords.locator('.katex-html').first().innerText()).toBe('π');
      expect(await page.locator('h1').innerText()).toMatch(/^pi-Flow/);
    } finally {
      await context.close();
    }
    const hostile = await open(`papers/${HOSTILE}/`);
    try {
      const summary = hostile.page.locator('aside.ai p').first();
      expect(await summary.locator('.katex').count()).toBe(2);
      expect(await summary.innerText()).toContain('<img src=x onerror=alert(1)>');
      expect(await hostile.page.locator('aside.ai img, aside.ai b, main script:not([type])').count()).toBe(0);
    } finally {
      await hostile.context.close();
    }
  });
});

describe('links in abstracts', () => {
  it('links http(s) URLs, and nothing else, without the sentence punctuation, marked as user content', async () => {
    const { context, page } = await open(`papers/${HOSTILE}/`);
    try {
      const links = await page
        .locator('section.abstract a')
        .evaluateAll((as) =>
          as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent, rel: a.getAttribute('rel') })),
        );
      const rel = 'nofollow ugc noopener';
      expect(links).toEqual([
        {
          href: 'https://github.com/example-org/linked-repo',
          text: 'https://github.com/example-org/linked-repo',
          rel,
        },
        { href: 'https://example.org/a_(b)', text: 'https://example.org/a_(b)', rel },
        { href: 'https://quoted.example.org/', text: 'https://quoted.example.org/', rel },
        { href: 'https://example.net/path?a=1&b=2', text: 'https://example.net/path?a=1&b=2', rel },
      ]);
      const abstract = page.locator('section.abstract');
      expect(await abstract.locator('.katex').count()).toBe(1);
      expect(await abstract.innerText()).toContain(
        'javascript:alert(1), data:text/html,<b>x</b>, www.example.com',
      );
      expect(await abstract.locator('script, b').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('offers the abstract’s GitHub repository as the code link when HF gives none', async () => {
    for (const [id, label, href] of [
      [HOSTILE, 'GitHub: example-org/linked-repo', 'https://github.com/example-org/linked-repo'],
      ['2405.15738', 'GitHub: alibaba/conv-llava', 'https://github.com/alibaba/conv-llava'],
      [TEX_KEYWORDS, 'GitHub: Lakonik/piFlow (★ 13)', 'https://github.com/Lakonik/piFlow'],
    ] as const) {
      const { context, page } = await open(`papers/${id}/`);
      try {
        const link = page.locator('ul.links a', { hasText: /^(GitHub|Code):/ });
        expect(await link.count(), id).toBe(1);
        expect(await link.innerText(), id).toBe(label);
        expect(await link.getAttribute('href'), id).toBe(href);
      } finally {
        await context.close();
      }
    }
  });
});

describe('submitted by', () => {
  it('names the submitter, linking a handle-shaped user to their HF profile only', async () => {
    const real = await open(`papers/${TEX_KEYWORDS}/`);
    try {
      const dd = real.page.locator('dd.submitter');
      expect(await dd.innerText()).toBe('Hansheng Chen (@Lakonik)');
      expect(await dd.locator('a').getAttribute('href')).toBe('https://huggingface.co/Lakonik');
    } finally {
      await real.context.close();
    }
    const hostile = await open(`papers/${HOSTILE}/`);
    try {
      const dd = hostile.page.locator('dd.submitter');
      expect(await dd.innerText()).toBe('Eve <script> (@javascript:alert(1))');
      expect(await dd.locator('a').count()).toBe(0);
    } finally {
      await hostile.context.close();
    }
  });
});

describe('the theme control', () => {
  it.each(['light', 'dark'] as const)(
    'says which theme is on and exposes aria-pressed (system %s)',
    async (scheme) => {
      const { context, page } = await open('papers/2405.15738/', 1280, scheme);
      try {
        // One name whatever the state: the state is aria-pressed, and the visible on/off beside the name.
        const button = page.getByRole('button', { name: 'Dark theme', exact: true });
        const on = scheme === 'dark';
        expect(await button.getAttribute('aria-pressed')).toBe(String(on));
        expect(await button.innerText()).toMatch(on ? /^Dark theme\s+on$/i : /^Dark theme\s+off$/i);
        await button.click();
        expect(await button.getAttribute('aria-pressed')).toBe(String(!on));
        expect(await button.innerText()).toMatch(on ? /^Dark theme\s+off$/i : /^Dark theme\s+on$/i);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(on ? 'light' : 'dark');
      } finally {
        await context.close();
      }
    },
  );
});

describe('the 404 page', () => {
  const section = (page: Page) => page.locator('[data-missing-paper]');
  it.each([
    [
      'a new-style id',
      'papers/2609.01234/',
      '2609.01234',
      'https://arxiv.org/abs/2609.01234',
      'https://huggingface.co/papers/2609.01234',
    ],
    [
      'an id without the slash',
      'papers/2609.01234v2',
      '2609.01234v2',
      'https://arxiv.org/abs/2609.01234v2',
      'https://huggingface.co/papers/2609.01234',
    ],
    [
      'an old-style id',
      'papers/math.GT/0309136/',
      'math.GT/0309136',
      'https://arxiv.org/abs/math.GT/0309136',
      undefined,
    ],
  ])('for %s the archive lacks, links to arXiv and Hugging Face', async (_, urlPath, id, arxiv, hf) => {
    const { context, page, status } = await open(urlPath, 390);
    try {
      expect(status).toBe(404);
      await expect.poll(() => section(page).isVisible()).toBe(true);
      expect(await section(page).locator('h2').innerText()).toBe(`Paper ${id} is not in the archive`);
      const visibleLinks = await section(page)
        .locator('li:not([hidden]) a')
        .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
      expect(visibleLinks).toEqual([
        ...(arxiv ? [['Its abstract on arXiv', arxiv]] : []),
        ...(hf ? [['Its page on Hugging Face', hf]] : []),
        ['Search the archive for it', `/search/?q=${encodeURIComponent(id)}`],
      ]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it.each([
    'papers/%3Cimg%20src=x%20onerror=alert(1)%3E/',
    'papers/javascript:alert(1)/',
    'papers/2613.01234/',
    'nothing/here/',
  ])('offers nothing for %s, and runs nothing', async (urlPath) => {
    const { context, page, status } = await open(urlPath);
    try {
      expect(status).toBe(404);
      expect(await page.locator('h1').innerText()).toBe('Page not found');
      expect(await section(page).isVisible()).toBe(false);
      expect(await page.locator('main img').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
