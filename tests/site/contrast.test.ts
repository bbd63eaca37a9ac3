// Colour contrast of the light and dark palettes in src/styles/global.css, by the WCAG 2 formula.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build-site.ts';

const css = readFileSync(path.join(ROOT, 'src/styles/global.css'), 'utf8');

/** The custom properties declared in the first block matching `selector`. */
function palette(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start === -1) throw new Error(`no ${selector} block in global.css`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe.each([
  ['light', ':root'],
  ['dark', ":root[data-theme='dark']"],
])('%s palette', (_name, selector) => {
  const p = palette(selector);
  it.each([
    ['fg', 'bg'],
    ['fg', 'surface'],
    ['muted', 'bg'],
    ['muted', 'surface'],
    ['accent', 'bg'],
    ['accent', 'surface'],
    ['upvote', 'bg'],
    ['upvote', 'surface'],
    ['accent-fg', 'accent'],
  ])('%s on %s reaches 4.5:1 (WCAG AA for body text)', (fg, bg) => {
    expect(p[fg], fg).toMatch(/^#/);
    expect(p[bg], bg).toMatch(/^#/);
    expect(contrast(p[fg] as string, p[bg] as string)).toBeGreaterThanOrEqual(4.5);
  });

  it('draws a focus ring that stands out from the page (3:1)', () => {
    expect(contrast(p.focus as string, p.bg as string)).toBeGreaterThanOrEqual(3);
  });
});

it('uses the same dark palette for the system setting and the toggle', () => {
  const system = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
  const fromMedia = Object.fromEntries(
    [...system.slice(0, system.indexOf('}')).matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [
      m[1],
      m[2],
    ]),
  );
  expect(fromMedia).toEqual(palette(":root[data-theme='dark']"));
});
