// The archive's month calendars in Chromium: every day sits in its own cell, under its weekday's header, at desktop
// and phone widths (a flex <td> once pulled not-archived days out of the grid, stacking weekends in one column).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite } from '../helpers/build-site.ts';
import { serveSite, type RunningServer } from '../helpers/serve.ts';
import { horizontalOverflow, launchChromium } from '../helpers/browser.ts';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  server = await serveSite(await buildFixtureSite('/'));
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Measured {
  caption: string;
  headers: { left: number; right: number }[];
  rows: number;
  /** Every day cell: its number, the day number's centre and the cell's box. */
  days: { n: number; center: number; cell: { left: number; right: number }; row: number }[];
  /** Cells per row, including the empty ones before the 1st and after the last day. */
  cellsPerRow: number[];
}

describe.each([1280, 390, 360])('at %i px', (width) => {
  it('puts every day of every month under its weekday, in a 7-column grid', async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}archive/`);
      const months = await page.$$eval('table.calendar', (tables) =>
        tables.map((t): Measured => {
          const box = (e: Element) => {
            const r = e.getBoundingClientRect();
            return { left: r.left, right: r.right };
          };
          const rows = [...t.querySelectorAll('tbody tr')];
          return {
            caption: t.querySelector('caption')?.textContent ?? '',
            headers: [...t.querySelectorAll('thead th')].map(box),
            rows: rows.length,
            cellsPerRow: rows.map((r) => r.querySelectorAll('td').length),
            days: rows.flatMap((r, row) =>
              [...r.querySelectorAll('td')].flatMap((td) => {
                const d = td.querySelector('.d');
                if (!d) return [];
                const b = d.getBoundingClientRect();
                return [{ n: Number(d.textContent), center: (b.left + b.right) / 2, cell: box(td), row }];
              }),
            ),
          };
        }),
      );
      expect(months.length).toBeGreaterThan(20);
      const monthNames =
        'January February March April May June July August September October November December';
      for (const m of months) {
        const [, name, year] = /^\s*(\w+) (\d{4})/.exec(m.caption) ?? [];
        const month = monthNames.split(' ').indexOf(name ?? '');
        expect(month, m.caption).toBeGreaterThanOrEqual(0);
        const length = new Date(Date.UTC(Number(year), month + 1, 0)).getUTCDate();
        expect(m.headers, m.caption).toHaveLength(7);
        expect(
          m.days.map((d) => d.n),
          m.caption,
        ).toEqual(Array.from({ length }, (_, i) => i + 1));
        for (const cells of m.cellsPerRow) expect(cells, m.caption).toBe(7);
        for (const d of m.days) {
          const weekday = (new Date(Date.UTC(Number(year), month, d.n)).getUTCDay() + 6) % 7;
          const header = m.headers[weekday] as { left: number; right: number };
          const where = `${m.caption.trim()} day ${d.n} (weekday ${weekday}) at ${d.center.toFixed(1)}, header ${header.left.toFixed(1)}–${header.right.toFixed(1)}`;
          // The day's number is centred under its weekday's header, and its cell is that column.
          expect(d.center, where).toBeGreaterThan(header.left);
          expect(d.center, where).toBeLessThan(header.right);
          expect(Math.abs(d.cell.left - header.left), where).toBeLessThan(1);
          expect(Math.abs(d.cell.right - header.right), where).toBeLessThan(1);
          // Row by row: the 1st is in the first row, and each Monday starts a new one.
          const firstWeekday = (new Date(Date.UTC(Number(year), month, 1)).getUTCDay() + 6) % 7;
          expect(d.row, where).toBe(Math.floor((d.n - 1 + firstWeekday) / 7));
        }
      }
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
