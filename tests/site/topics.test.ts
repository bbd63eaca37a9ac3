// Topic pages and per-topic feeds in the built fixture site: every item really has the topic, and pages link their feed.
import { existsSync, readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, builtFile, readPage, type BuiltSite } from '../helpers/build-site.ts';

let site: BuiltSite;
beforeAll(async () => {
  site = await buildFixtureSite('/sub/path/');
});

/** The topic slugs a built paper page shows (its own topic chips, not its related papers'). */
function topicsOfPaperPage(url: string): string[] {
  const path = new URL(url).pathname.replace('/sub/path/', '');
  const $ = cheerio.load(readPage(site, path));
  return $('article.paper > div > ul.chips a.chip')
    .map((_, a) => /\/topics\/([a-z0-9-]+)\/$/.exec($(a).attr('href') ?? '')?.[1])
    .get();
}

describe('per-topic RSS', () => {
  it('has a feed per topic listed on /topics/, each item carrying that topic', () => {
    const $ = cheerio.load(readPage(site, 'topics/'));
    const slugs = [
      ...new Set(
        $('a[href^="/sub/path/topics/"]')
          .map((_, a) => /\/topics\/([a-z0-9-]+)\/$/.exec($(a).attr('href') ?? '')?.[1])
          .get(),
      ),
    ];
    expect(slugs.length).toBe(27);
    let items = 0;
    for (const slug of slugs) {
      const file = builtFile(site, `topics/${slug}/rss.xml`);
      expect(existsSync(file), file).toBe(true);
      const rss = cheerio.load(readFileSync(file, 'utf8'), { xml: true });
      expect(rss('channel > title').text()).toContain(':');
      rss('channel > item').each((_, item) => {
        const link = rss(item).children('link').text();
        expect(link.startsWith('https://example.org/sub/path/papers/'), link).toBe(true);
        expect(
          rss(item)
            .children('category')
            .map((__, c) => rss(c).text())
            .get(),
        ).toContain(slug);
        expect(topicsOfPaperPage(link)).toContain(slug);
        items++;
      });
    }
    expect(items).toBeGreaterThan(20);
  });

  it('is linked from its topic page, under the base path', () => {
    const $ = cheerio.load(readPage(site, 'topics/llm/'));
    expect(
      $('link[rel="alternate"][type="application/rss+xml"][href="/sub/path/topics/llm/rss.xml"]').length,
    ).toBe(1);
  });
});
