// axe-core in Chromium on the main page kinds at desktop and phone widths, light and dark: no serious or critical issues.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, ROOT } from '../helpers/build-site.ts';
import { serveSite, type RunningServer } from '../helpers/serve.ts';
import { launchChromium } from '../helpers/browser.ts';

const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
const SHOTS = path.join(ROOT, 'tests/.tmp/screenshots');
let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  server = await serveSite(await buildFixtureSite('/sub/path/'));
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is now; returns the serious and critical violations, described for a failure message. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => `${JSON.stringify(n.target)} (${n.failureSummary?.replace(/\s+/g, ' ') ?? ''})`)
          .join('; ')}`,
    );
}

const pages = [
  { name: 'paper', path: 'papers/2401.00002/' },
  { name: 'day', path: 'papers/date/2026-08-21/' },
  { name: 'home', path: '' },
  { name: 'archive', path: 'archive/' },
  { name: 'search', path: 'search/?q=language&topic=llm' },
] as const;
const views = [
  { width: 1280, scheme: 'light' },
  { width: 1280, scheme: 'dark' },
  { width: 360, scheme: 'light' },
  { width: 360, scheme: 'dark' },
] as const;

describe.each(views)('at $width px, $scheme', ({ width, scheme }) => {
  it.each(pages)('$name page has no serious or critical axe violations', async ({ name, path: urlPath }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    try {
      const page = await context.newPage();
      const response = await page.goto(`${server.url}${urlPath}`, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      if (name === 'search') {
        // Check the page with its results and filled menus, not the empty shell.
        await page.locator('paper-search[data-done="q=language&topic=llm"]:not([aria-busy])').waitFor();
        expect(await page.locator('[data-results] > li').count()).toBeGreaterThan(0);
        await expect.poll(() => page.locator('select[name="topic"] option').count()).toBeGreaterThan(1);
      }
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({
        path: path.join(SHOTS, `a11y-${name}-${width}-${scheme}.png`),
        fullPage: true,
      });
    } finally {
      await context.close();
    }
  });
});
