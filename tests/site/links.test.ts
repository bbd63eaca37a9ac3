// Link check over the whole built fixture site, at the domain root and under a sub-path.
import { describe, expect, it } from 'vitest';
import { buildFixtureSite } from '../helpers/build-site.ts';
import { checkLinks } from '../helpers/link-check.ts';

describe.each(['/', '/sub/path/'])('every internal link and asset resolves (base %s)', (base) => {
  it('has no broken internal href, src or action', async () => {
    const site = await buildFixtureSite(base);
    const { pages, links, broken } = checkLinks(site);
    expect(pages).toBeGreaterThan(90);
    expect(links).toBeGreaterThan(3000);
    expect(broken).toEqual([]);
  }, 600_000);
});
