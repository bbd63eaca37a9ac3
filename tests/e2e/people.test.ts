// The author page and the organisation index in Chromium, on a sub-path build: an author link from a paper page
// lists that paper; hostile names and index data render as text; the organisation filter narrows the list.
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { authorShardOf, type AuthorPaper, type AuthorShard } from '../../src/lib/authors.ts';
import { buildFixtureSite, ROOT } from '../helpers/build-site.ts';
import { serveSite, type RunningServer } from '../helpers/serve.ts';
import { horizontalOverflow, launchChromium } from '../helpers/browser.ts';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
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

interface Opened {
  context: BrowserContext;
  page: Page;
  /** alert()/confirm() calls: injected script would show up here. */
  dialogs: string[];
}

async function open(
  urlPath: string,
  {
    width = 1280,
    scheme = 'light' as 'light' | 'dark',
    shard,
  }: { width?: number; scheme?: 'light' | 'dark'; shard?: (n: number) => AuthorShard } = {},
): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // Thumbnails are remote and this machine is offline: answer at once rather than wait for DNS.
  await page.route('https://cdn-thumbnails.huggingface.co/**', (r) => r.abort());
  if (shard) {
    await page.route('**/authors/index/*.json', (route: Route) => {
      const n = Number(/(\d+)\.json$/.exec(route.request().url())?.[1]);
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify(shard(n)) });
    });
  }
  const response = await page.goto(`${server.url}${urlPath.replace(/^\//, '')}`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  return { context, page, dialogs };
}

const finished = (page: Page) => page.locator('author-papers[data-state]').waitFor();

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            o: object,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe;
    return (await axe.run({ resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} at ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
}

describe('author page', () => {
  it('lists the paper an author link was followed from, with its count, and links back to it', async () => {
    const { context, page } = await open('papers/2608.19799/');
    try {
      const link = page.locator('.authors li > a:not(.hf-user)', { hasText: 'Xipeng Qiu' });
      const href = await link.getAttribute('href');
      expect(href).toBe('/sub/path/authors/?name=Xipeng%20Qiu');
      await link.click();
      await finished(page);
      expect(await page.locator('h1').innerText()).toBe('Xipeng Qiu');
      expect(await page.title()).toMatch(/^Xipeng Qiu · /);
      expect(await page.locator('[data-status]').innerText()).toBe('2 papers in the archive, newest first.');
      const titles = page.locator('[data-results] .paper-card .paper-title a');
      expect(await titles.count()).toBe(2);
      expect(await titles.first().innerText()).toMatch(/^SWE-bench Science/);
      // Newest first: the second paper was featured earlier.
      const days = await page
        .locator('[data-results] a.day time')
        .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
      expect(days).toEqual([...days].sort().reverse());
      expect(await page.locator('[data-results] img').first().getAttribute('src')).toBe(
        'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2608.19799.png',
      );
      expect(await page.locator('[data-results]').innerText()).not.toMatch(/TEMPLATE|988M|1 Jan 2000/);
      // The card's links go where the server-rendered cards' go (base included), and the pages exist.
      expect(await page.locator('[data-results] a.org').first().getAttribute('href')).toBe(
        '/sub/path/organizations/openmoss-team/',
      );
      for (const a of await page
        .locator('[data-results] a[href^="/sub/path/"]')
        .evaluateAll((as) => as.map((x) => x.getAttribute('href')))) {
        const res = await page.request.get(new URL(a!, server.url).href);
        expect(res.status(), a!).toBe(200);
      }
      // The intro (most prolific authors, the lookup form) is for the bare page only.
      expect(await page.locator('[data-intro]').isVisible()).toBe(false);
      await titles.first().click();
      await page.waitForURL(/\/papers\/2608\.19799\/$/);
    } finally {
      await context.close();
    }
  });

  it('links the names of a folded-away long author list when it is opened', async () => {
    const { context, page } = await open('papers/hep-th/9901001/');
    try {
      const folded = page.locator('.authors details ul.author-list');
      expect(await folded.locator('a').count()).toBe(0);
      await page.getByText('Show all 40 authors').click();
      const last = folded.getByRole('link', { name: 'Author Number 40', exact: true });
      expect(await last.getAttribute('href')).toBe('/sub/path/authors/?name=Author%20Number%2040');
      expect(await folded.locator('li > a').count()).toBe(28);
      await last.click();
      await finished(page);
      expect(await page.locator('h1').innerText()).toBe('Author Number 40');
      expect(
        await page
          .locator('[data-results] .paper-title a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ).toEqual(['/sub/path/papers/hep-th/9901001/']);
    } finally {
      await context.close();
    }
  });

  it('renders a hostile name and the hostile paper it wrote as text, running nothing', async () => {
    const name = '<b>Eve</b> "Mallory" <script>alert(3)</script>';
    const { context, page, dialogs } = await open(`authors/?name=${encodeURIComponent(name)}`);
    try {
      await finished(page);
      expect(await page.locator('h1').innerText()).toBe(name);
      const card = page.locator('[data-results] .paper-card');
      expect(await card.count()).toBe(1);
      expect(await card.locator('.paper-title a').innerText()).toBe(
        '<script>alert(1)</script> Hostile <img src=x onerror=alert(2)> Title & "Quotes"',
      );
      expect(await card.locator('a.org').innerText()).toBe('<i>Evil</i> Org <script>alert(4)</script>');
      expect(await page.locator('main b, main i, main script:not([type]), main img[src="x"]').count()).toBe(
        0,
      );
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('renders hostile index data (markup, quotes, right-to-left text) as text', async () => {
    const name = `<img src=x onerror=alert(1)> "q" 'a' שלום עולם`;
    const row: AuthorPaper = [
      '2401.00001',
      `<img src=x onerror=alert(5)> "Title" مرحبا`,
      '2024-06-03',
      3,
      'k"><img src=x>',
      ['<img src=x onerror=alert(6)>'],
      0,
    ];
    const { context, page, dialogs } = await open(`authors/?name=${encodeURIComponent(name)}`, {
      shard: (n) => ({
        shards: 7,
        orgs: { 'k"><img src=x>': '<img src=x onerror=alert(7)>' },
        authors: n === authorShardOf(name, 7) ? [[name, [row], ['x" onmouseover="alert(8)']]] : [],
      }),
    });
    try {
      await finished(page);
      expect(await page.locator('author-papers').getAttribute('data-state')).toBe('found');
      expect(await page.locator('h1 bdi').innerText()).toBe(name);
      const card = page.locator('[data-results] .paper-card');
      expect(await card.locator('.paper-title a').innerText()).toBe(row[1]);
      expect(await card.locator('a.org').innerText()).toBe('<img src=x onerror=alert(7)>');
      expect(await card.locator('a.org').getAttribute('href')).toBe(
        `/sub/path/organizations/${encodeURIComponent(row[4])}/`,
      );
      expect(await card.locator('.chip').innerText()).toBe('<img src=x onerror=alert(6)>');
      expect(await page.locator('[data-handles] a').getAttribute('href')).toBe(
        `https://huggingface.co/${encodeURIComponent('x" onmouseover="alert(8)')}`,
      );
      expect(await page.locator('main img[src="x"], [onerror], [onmouseover]').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says when no paper lists the name, and offers a search for it', async () => {
    const name = `Nobody "Here" שלום`;
    const { context, page } = await open(`authors/?name=${encodeURIComponent(name)}`);
    try {
      await finished(page);
      expect(await page.locator('author-papers').getAttribute('data-state')).toBe('missing');
      expect(await page.locator('[data-status]').innerText()).toBe(
        `No paper in the archive lists an author named exactly “${name}”.`,
      );
      expect(await page.locator('[data-search-link]').getAttribute('href')).toBe(
        `/sub/path/search/?q=${encodeURIComponent(name)}`,
      );
      expect(await page.locator('[data-results] .paper-card').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('adds long lists in batches behind a button', async () => {
    const name = 'Prolific Person';
    const rows: AuthorPaper[] = Array.from({ length: 75 }, (_, i) => [
      `2401.${String(10000 + i)}`,
      `Paper ${i}`,
      '2024-06-03',
      i,
      '',
      [],
      0,
    ]);
    const { context, page } = await open(`authors/?name=${encodeURIComponent(name)}`, {
      shard: () => ({ shards: 1, orgs: {}, authors: [[name, rows]] }),
    });
    try {
      await finished(page);
      const cards = page.locator('[data-results] .paper-card');
      expect(await cards.count()).toBe(60);
      // No organisation, no thumbnail, no topics: those parts are gone, not left with template values.
      const first = cards.first();
      expect(await first.locator('a[href*="organizations/"], img, .chips').count()).toBe(0);
      expect((await first.locator('.meta').innerText()).replace(/\s+/g, ' ')).toBe(
        '▲ 0 upvotes · 3 Jun 2024',
      );
      expect(await page.locator('[data-results]').innerText()).not.toMatch(/TEMPLATE|988M|1 Jan 2000/);
      const more = page.locator('[data-more]');
      expect(await more.innerText()).toBe('Show more papers (15 left)');
      await more.click();
      expect(await cards.count()).toBe(75);
      expect(await more.isVisible()).toBe(false);
      // Focus moves to the first paper added.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Paper 60');
    } finally {
      await context.close();
    }
  });

  it('works without JavaScript as a form and a list of the most prolific authors', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}authors/?name=Xipeng%20Qiu`);
      expect(await page.locator('noscript').count()).toBeGreaterThan(0);
      expect(await page.locator('form.lookup input[name="name"]').isVisible()).toBe(true);
      expect(await page.locator('ol.prolific a').count()).toBeGreaterThan(10);
    } finally {
      await context.close();
    }
  });
});

describe('organisation index', () => {
  it('filters as the reader types, and lists everything without a filter', async () => {
    const { context, page } = await open('organizations/');
    try {
      const rows = page.locator('ol.orgs li');
      const all = await rows.count();
      expect(all).toBeGreaterThan(20);
      const input = page.getByLabel('Filter');
      await input.fill('tencent');
      await expect.poll(() => page.locator('ol.orgs li:visible').count()).toBe(2);
      expect(await page.locator('[data-count]').innerText()).toBe(`2 of ${all}`);
      await input.fill('zzzz');
      expect(await page.locator('[data-none]').isVisible()).toBe(true);
      await input.fill('');
      expect(await page.locator('ol.orgs li:visible').count()).toBe(all);
    } finally {
      await context.close();
    }
  });
});

const views = [
  { width: 1280, scheme: 'light' },
  { width: 360, scheme: 'dark' },
] as const;
const pages = [
  { name: 'author', path: 'authors/?name=Xipeng%20Qiu' },
  { name: 'authors', path: 'authors/' },
  { name: 'organizations', path: 'organizations/' },
  { name: 'organization', path: 'organizations/openmoss-team/' },
] as const;

describe.each(views)('at $width px, $scheme', ({ width, scheme }) => {
  it.each(pages)('$name page: no horizontal scroll, no serious axe violations', async ({ name, path: p }) => {
    const { context, page } = await open(p, { width, scheme });
    try {
      if (name === 'author') await finished(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
