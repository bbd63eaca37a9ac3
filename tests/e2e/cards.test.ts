// Paper cards in Chromium: a thumbnail that fails to load shows the placeholder and moves nothing, one that loads
// covers it, and the list pages stay within a 360 px phone (no sideways scroll, targets of 24 px or spaced apart).
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite } from '../helpers/build-site.ts';
import { serveSite, type RunningServer } from '../helpers/serve.ts';
import { horizontalOverflow, launchChromium } from '../helpers/browser.ts';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  server = await serveSite(await buildFixtureSite('/sub/path/'));
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A 1×1 PNG: a thumbnail that loads. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const THUMBNAILS = 'https://cdn-thumbnails.huggingface.co/**';

/** Where every card's parts are, to the pixel. */
const layout = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('article.paper-card')].map((card) =>
      ['.thumb', '.paper-title', '.authors', '.meta', '.summary', '.topics'].map((sel) => {
        const r = card.querySelector(sel)?.getBoundingClientRect();
        return r ? [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10) : null;
      }),
    ),
  );

/** The largest difference of any colour channel (0-255) between two same-sized PNG screenshots, decoded by the page. */
const maxPixelDelta = (page: Page, a: Buffer, b: Buffer) =>
  page.evaluate(
    async ([x, y]) => {
      const pixels = async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const canvas = document.createElement('canvas');
        [canvas.width, canvas.height] = [img.width, img.height];
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, img.width, img.height).data;
      };
      const [pa, pb] = await Promise.all([pixels(x), pixels(y)]);
      if (pa.length !== pb.length) return 255;
      let max = 0;
      for (let i = 0; i < pa.length; i++) max = Math.max(max, Math.abs(pa[i]! - pb[i]!));
      return max;
    },
    [a, b].map((png) => `data:image/png;base64,${png.toString('base64')}`) as [string, string],
  );

const imageState = (page: Page, n: number) =>
  page
    .locator('article.paper-card .thumb img')
    .nth(n)
    .evaluate((img: HTMLImageElement) => ({ complete: img.complete, width: img.naturalWidth }));

describe.each(['light', 'dark'] as const)('thumbnails (%s)', (scheme) => {
  it('a failed thumbnail looks exactly like the placeholder, a loaded one covers it, and nothing shifts', async () => {
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      colorScheme: scheme,
    });
    const held = new Map<string, Route>();
    await context.route(THUMBNAILS, (route) => void held.set(route.request().url(), route));
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}papers/date/2026-08-21/`, { waitUntil: 'domcontentloaded' });
      const imgs = page.locator('article.paper-card .thumb img');
      expect(await imgs.count()).toBeGreaterThan(1);
      const [first, second] = [await imgs.nth(0).getAttribute('src'), await imgs.nth(1).getAttribute('src')];
      await expect.poll(() => held.has(first!) && held.has(second!)).toBe(true);

      // While the images are pending, the placeholder shows.
      const before = await layout(page);
      const thumb = page.locator('article.paper-card .thumb').first();
      const pending = await thumb.screenshot();

      await held.get(first!)!.fulfill({ status: 404, body: 'not found' });
      await held.get(second!)!.fulfill({ status: 200, contentType: 'image/png', body: PNG });
      await expect.poll(() => imageState(page, 0)).toEqual({ complete: true, width: 0 });
      await expect.poll(() => imageState(page, 1)).toEqual({ complete: true, width: 1 });

      expect(await layout(page)).toEqual(before);
      // No broken-image glyph, border or alt text: the placeholder's pixels, but for rounding (the dark theme's
      // double inversion, anti-aliased corners); the glyph alone would differ by more than 100.
      expect(await maxPixelDelta(page, await thumb.screenshot(), pending)).toBeLessThanOrEqual(16);
      // The loaded one is what shows over its placeholder.
      const loaded = page.locator('article.paper-card .thumb').nth(1);
      const hit = await loaded.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.tagName;
      });
      expect(hit).toBe('IMG');
      expect(await maxPixelDelta(page, await loaded.screenshot(), pending)).toBeGreaterThan(100);
    } finally {
      for (const route of held.values()) await route.abort().catch(() => undefined);
      await context.close();
    }
  });
});

/**
 * Links smaller than 24×24 px whose 24 px circle reaches another link: WCAG 2.5.8's spacing test. A link that wraps
 * is its line boxes (getClientRects), not the rectangle around them.
 */
const crampedTargets = (page: Page) =>
  page.evaluate(() => {
    const boxes = [...document.querySelectorAll('main article.paper-card a, main ol.rows a')].flatMap((a) =>
      [...a.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => ({ a, r })),
    );
    const centre = (r: DOMRect) => [r.x + r.width / 2, r.y + r.height / 2] as const;
    const distToRect = ([x, y]: readonly [number, number], r: DOMRect) =>
      Math.hypot(Math.max(r.x - x, 0, x - r.right), Math.max(r.y - y, 0, y - r.bottom));
    const small = (r: DOMRect) => r.width < 24 || r.height < 24;
    const out: string[] = [];
    for (const { a, r } of boxes) {
      if (!small(r)) continue;
      const c = centre(r);
      for (const o of boxes) {
        if (o.a === a || o.a.contains(a) || a.contains(o.a)) continue;
        const [ox, oy] = centre(o.r);
        if (distToRect(c, o.r) < 12 || (small(o.r) && Math.hypot(c[0] - ox, c[1] - oy) < 24)) {
          out.push(`${a.textContent?.trim()} / ${o.a.textContent?.trim()}`);
        }
      }
    }
    return out;
  });

describe('phone width', () => {
  it.each([
    ['home', ''],
    ['day', 'papers/date/2026-08-21/'],
    ['week', 'papers/week/2026-W34/'],
    ['month', 'papers/month/2026-08/'],
  ])('%s page: no horizontal scroll at 360 px, cards in one column, targets apart', async (_, urlPath) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}${urlPath}`, { waitUntil: 'domcontentloaded' });
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // Nothing inside a card is wider than the card.
      expect(
        await page.evaluate(
          () =>
            [...document.querySelectorAll('article.paper-card')].filter((c) => c.scrollWidth > c.clientWidth)
              .length,
        ),
      ).toBe(0);
      const lefts = await page.evaluate(() => [
        ...new Set(
          [...document.querySelectorAll('article.paper-card')].map((c) => c.getBoundingClientRect().x),
        ),
      ]);
      expect(lefts.length).toBe(1);
      expect(await crampedTargets(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
