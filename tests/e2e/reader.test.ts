// What a reader sees in Chromium: a paper page and a day page at desktop and phone widths, light and dark.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, ROOT } from '../helpers/build-site.ts';
import { serveSite, type RunningServer } from '../helpers/serve.ts';
import { horizontalOverflow, launchChromium } from '../helpers/browser.ts';

const SHOTS = path.join(ROOT, 'tests/.tmp/screenshots');
let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  // A sub-path build, so the browser also proves that assets and links honour `base`.
  const site = await buildFixtureSite('/sub/path/');
  server = await serveSite(site);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(
  urlPath: string,
  width: number,
  scheme: 'light' | 'dark',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  const response = await page.goto(`${server.url}${urlPath}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return { context, page };
}

const bodyBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

const views = [
  { width: 1280, scheme: 'light' },
  { width: 1280, scheme: 'dark' },
  { width: 360, scheme: 'light' },
  { width: 360, scheme: 'dark' },
] as const;

describe.each(views)('at $width px, $scheme', ({ width, scheme }) => {
  it('shows a paper page: visible title, typeset math, no horizontal scroll', async () => {
    const { context, page } = await open('papers/2401.00002/', width, scheme);
    try {
      const h1 = page.locator('h1');
      await expect.poll(() => h1.isVisible()).toBe(true);
      expect(await h1.innerText()).toMatch(/^Typesetting/);
      // KaTeX's CSS hides the MathML copy and shows the HTML rendering: typeset, not raw TeX.
      const katex = page.locator('section.abstract .katex-html').first();
      expect(await katex.isVisible()).toBe(true);
      expect(
        await page
          .locator('section.abstract .katex-mathml')
          .first()
          .evaluate((e) => getComputedStyle(e).position),
      ).toBe('absolute');
      expect(await page.locator('section.abstract').innerText()).not.toContain('\\mathcal');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      const bg = await bodyBackground(page);
      expect(bg).toBe(scheme === 'dark' ? 'rgb(15, 20, 25)' : 'rgb(255, 255, 255)');
      await page.screenshot({ path: path.join(SHOTS, `paper-${width}-${scheme}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('shows a day page: ranked papers, visible titles, no horizontal scroll', async () => {
    const { context, page } = await open('papers/date/2026-08-21/', width, scheme);
    try {
      expect(await page.locator('h1').innerText()).toBe('Daily papers of Friday, 21 August 2026');
      const titles = page.locator('.paper-title a');
      expect(await titles.count()).toBe(17);
      expect(await titles.first().isVisible()).toBe(true);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SHOTS, `day-${width}-${scheme}.png`), fullPage: false });
    } finally {
      await context.close();
    }
  });
});

describe('scripts', () => {
  it('copies the BibTeX with the copy button', async () => {
    const { context, page } = await open('papers/2401.00003/', 1280, 'light');
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: new URL(server.url).origin,
      });
      const button = page.locator('copy-button button');
      expect(await button.isVisible()).toBe(true);
      await button.click();
      await expect.poll(() => page.locator('copy-button .copy-status').innerText()).toBe('Copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.locator('#bibtex').innerText());
      expect(copied).toMatch(/^@misc\{twice2024paperfeaturedtwice,\n/);
      expect(copied).toContain('author = {Erin Twice and Frank Again}');
    } finally {
      await context.close();
    }
  });

  it('toggles the theme, and the choice persists across pages without a flash', async () => {
    const { context, page } = await open('papers/2401.00002/', 1280, 'light');
    try {
      const toggle = page.locator('theme-toggle button');
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await bodyBackground(page)).toBe('rgb(15, 20, 25)');
      // Next page: the inline head script applies the stored theme before first paint.
      await page.goto(`${server.url}archive/`, { waitUntil: 'commit' });
      await page.waitForLoadState('domcontentloaded');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await bodyBackground(page)).toBe('rgb(15, 20, 25)');
      await page.locator('theme-toggle button').click();
      await page.reload();
      expect(await bodyBackground(page)).toBe('rgb(255, 255, 255)');
    } finally {
      await context.close();
    }
  });

  it('expands the collapsed author list without JavaScript', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 800 },
    });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}papers/hep-th/9901001/`);
      const last = page.getByText('Author Number 40', { exact: true });
      expect(await last.isVisible()).toBe(false);
      await page.getByText('Show all 40 authors').click();
      expect(await last.isVisible()).toBe(true);
      // Without JavaScript the copy and theme buttons stay hidden rather than dead.
      expect(await page.locator('copy-button button').isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('shows the skip link on the first Tab and moves focus to the content; logs no errors', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    // An injected alert() would open a dialog.
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    try {
      await page.goto(`${server.url}papers/2401.00001/`);
      await page.keyboard.press('Tab');
      const skip = page.locator('a.skip-link');
      expect(await skip.evaluate((e) => e === document.activeElement)).toBe(true);
      const box = await skip.boundingBox();
      expect(box !== null && box.y >= 0).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(errors).toEqual([]);
      // The hostile title is shown as text, and no injected script ran.
      expect(await page.locator('h1').innerText()).toContain('<script>alert(1)</script>');
    } finally {
      await context.close();
    }
  });
});
