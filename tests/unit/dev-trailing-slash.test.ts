// In `astro dev`, page URLs without their trailing slash redirect like a static host's; files and internals pass.
import { describe, expect, it } from 'vitest';
import { slashedPath } from '../../src/integrations/dev-trailing-slash.ts';

describe('slashedPath', () => {
  it.each([
    ['/papers/2608.00079', '/papers/2608.00079/'],
    ['/papers/2608.00079v2', '/papers/2608.00079v2/'],
    ['/papers/hep-th/9901001', '/papers/hep-th/9901001/'],
    ['/archive', '/archive/'],
    ['/search?q=diffusion+transformer', '/search/?q=diffusion+transformer'],
  ])('redirects %s to %s', (from, to) => {
    expect(slashedPath(from)).toBe(to);
  });

  it.each([
    '/',
    '/archive/',
    '/rss.xml',
    '/papers/2608.00079/cite.bib',
    '/@vite/client',
    '/_astro/x.css',
    '/node_modules/.vite/deps/a',
  ])('leaves %s alone', (url) => {
    expect(slashedPath(url)).toBeUndefined();
  });
});
