// Correctness at scale: a generated 2,000-paper archive, built once for production, checked page by page, feed, search, related.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../bench/generate.ts';
import { buildSite } from '../../bench/lib/site.ts';
import { parseDayFile, parsePaperFile } from '../../src/lib/content/format.ts';
import { applyOverrides, type DayManifest, type Paper } from '../../src/lib/paper.ts';
import { FEED_LIMIT, latestFeatured } from '../../src/lib/feeds.ts';
import {
  buildRelatedIndex,
  relatedPapers,
  type RelatedIndex,
  type RelatedPaper,
} from '../../src/lib/related.ts';
import { relateArchive } from '../../src/lib/related-stable.ts';
import { relatedDocs } from '../../src/lib/view/related-docs.ts';
import { plainText } from '../../src/lib/math.ts';
import { ROOT } from '../helpers/build-site.ts';
import { serveSite, type RunningServer } from '../helpers/serve.ts';
import { launchChromium } from '../helpers/browser.ts';

const PAPERS = 2000;
const WORK = path.join(ROOT, 'tests/.tmp/scale');
const CONTENT = path.join(WORK, 'content');
const OUT = path.join(WORK, 'dist');

interface Loaded extends Paper {
  abstract: string;
}
let papers: Loaded[];
let days: DayManifest[];
let buildLog = '';

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}
const page = (rel: string) => readFileSync(path.join(OUT, rel, 'index.html'), 'utf8');

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  generateArchive({ papers: PAPERS, outDir: CONTENT, seed: 42 });
  papers = walk(path.join(CONTENT, 'papers')).map((f) => {
    const { data, body } = parsePaperFile(readFileSync(f, 'utf8'), f);
    return { ...applyOverrides(data), abstract: body };
  });
  days = walk(path.join(CONTENT, 'days')).map((f) => parseDayFile(readFileSync(f, 'utf8'), f));
  const built = await buildSite({ contentDir: CONTENT, outDir: OUT, cacheDir: path.join(WORK, 'cache') });
  buildLog = built.log;
}, 900_000);

describe(`a generated ${PAPERS}-paper archive, built`, () => {
  it('has the papers it was generated with, some featured twice', () => {
    expect(papers).toHaveLength(PAPERS);
    expect(papers.some((p) => p.featured.length > 1)).toBe(true);
    expect(buildLog).toMatch(new RegExp(`related papers for ${PAPERS} papers in`));
    expect(buildLog).toMatch(/search index: \d+ shard\(s\)/);
  });

  it('has a page for every paper, with its title and canonical URL', () => {
    const missing: string[] = [];
    for (const p of papers) {
      let html: string;
      try {
        html = page(`papers/${p.id}`);
      } catch {
        missing.push(p.id);
        continue;
      }
      const $ = load(html);
      expect($('link[rel=canonical]').attr('href')).toBe(`https://example.org/papers/${p.id}/`);
      expect($('meta[name=citation_title]').attr('content') ?? $('title').text()).toContain(
        plainText(p.title).slice(0, 40),
      );
    }
    expect(missing).toEqual([]);
  });

  it('lists every paper of every day on its day page (most upvoted first) and in the day export', () => {
    const upvotes = new Map(papers.map((p) => [p.id, p.upvotes]));
    for (const day of days) {
      // The day page ranks by upvotes, ties in listing order; the export keeps the listing order.
      const ranked = day.ids
        .map((id, i) => ({ id, i }))
        .sort((a, b) => upvotes.get(b.id)! - upvotes.get(a.id)! || a.i - b.i)
        .map((x) => x.id);
      const $ = load(page(`papers/date/${day.date}`));
      const linked = $('.paper-title a')
        .map((_, a) => /\/papers\/([^/]+)\/$/.exec($(a).attr('href') ?? '')?.[1])
        .get();
      expect(linked, day.date).toEqual(ranked);
      const exported = JSON.parse(readFileSync(path.join(OUT, 'data/days', `${day.date}.json`), 'utf8')) as {
        papers: { id: string }[];
      };
      expect(exported.papers.map((p) => p.id)).toEqual(day.ids);
    }
  });

  it('puts the latest featured papers in the RSS and JSON feeds, and every page in the sitemap', () => {
    // Same order the site passes (newest day first, listing order), so ties resolve the same way.
    const listed = days
      .slice()
      .sort((a, b) => (a.date < b.date ? 1 : -1))
      .flatMap((d) => d.ids);
    const byId = new Map(papers.map((p) => [p.id, p]));
    // Topics do not affect the order; the feed helper's type asks for them.
    const order = [...new Set(listed)].map((id) => ({ ...byId.get(id)!, topics: [] }));
    const want = latestFeatured(order, FEED_LIMIT).map((p) => p.id);
    const rss = load(readFileSync(path.join(OUT, 'rss.xml'), 'utf8'), { xml: true });
    const rssIds = rss('item > link')
      .map((_, l) => /\/papers\/([^/]+)\/$/.exec(rss(l).text())?.[1])
      .get();
    expect(new Set(rssIds)).toEqual(new Set(want));
    const json = JSON.parse(readFileSync(path.join(OUT, 'feed.json'), 'utf8')) as {
      items: { url: string }[];
    };
    expect(new Set(json.items.map((i) => /\/papers\/([^/]+)\/$/.exec(i.url)?.[1]))).toEqual(new Set(want));

    const sitemap = readdirSync(OUT)
      .filter((f) => /^sitemap-\d+\.xml$/.test(f))
      .map((f) => readFileSync(path.join(OUT, f), 'utf8'))
      .join('');
    const inSitemap = new Set([...sitemap.matchAll(/\/papers\/([^/<]+)\/<\/loc>/g)].map((m) => m[1]));
    expect(papers.filter((p) => !inSitemap.has(p.id)).map((p) => p.id)).toEqual([]);
  });

  describe('related papers', () => {
    /** What the build computes (src/lib/related-stable.ts: the newest month merged into the older papers' index). */
    let built: Map<string, RelatedPaper[]>;
    /** The same index without the evidence rule and the fill-up: the plain cosine the exact check compares with. */
    let plainIndex: RelatedIndex;
    beforeAll(() => {
      const docs = papers.map((p) => ({
        id: p.id,
        title: p.title,
        abstract: p.abstract,
        keywords: p.keywords,
      }));
      built = relateArchive(relatedDocs(papers), 8).related;
      plainIndex = buildRelatedIndex(docs, { minRest: 0, minRelated: 0 });
    });

    /** The straightforward computation: cosine of the same TF-IDF vectors against every other paper. */
    function exact(a: number, k: number): string[] {
      const wa = new Map<number, number>();
      plainIndex.docTerms[a]!.forEach((t, i) => wa.set(t, plainIndex.docWeights[a]![i]!));
      const all: { id: string; score: number }[] = [];
      plainIndex.ids.forEach((other, b) => {
        if (a === b) return;
        let s = 0;
        plainIndex.docTerms[b]!.forEach((t, j) => (s += (wa.get(t) ?? 0) * plainIndex.docWeights[b]![j]!));
        if (s > 0) all.push({ id: other, score: s });
      });
      all.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
      return all.slice(0, k).map((r) => r.id);
    }

    const shown = (id: string): string[] => {
      const $ = load(page(`papers/${id}`));
      return $('.related a')
        .map((_, a) => /\/papers\/([^/]+)\/$/.exec($(a).attr('href') ?? '')?.[1])
        .get();
    };

    it('shows on each paper page what the indexed computation gives', () => {
      for (const p of papers.filter((_, i) => i % 10 === 0)) {
        expect(shown(p.id), p.id).toEqual((built.get(p.id) ?? []).map((r) => r.id));
      }
    });

    // The index trades exactness for speed (capped postings, capped query terms; see src/lib/related.ts), so what is
    // checked, on the plain cosine (the evidence rule off), is how much of the exact top 8 the index keeps: the
    // figures are printed, the floors below are what the caps guarantee on this archive.
    it('agrees with the exact all-pairs computation: as many neighbours, nearly the same ones', () => {
      const sample = papers.filter((_, i) => i % 5 === 0);
      let kept = 0;
      let total = 0;
      let firstSame = 0;
      let identical = 0;
      for (const p of sample) {
        const a = plainIndex.position.get(p.id)!;
        const want = exact(a, 8);
        const got = relatedPapers(plainIndex, p.id, 8).map((r) => r.id);
        expect(got.length, p.id).toBe(want.length);
        kept += got.filter((id) => want.includes(id)).length;
        total += want.length;
        if (got[0] === want[0]) firstSame++;
        if (got.join() === want.join()) identical++;
      }
      console.log(
        `related vs exact on ${sample.length} papers: ${((100 * kept) / total).toFixed(1)}% of the exact top 8 kept, ` +
          `top 1 same ${((100 * firstSame) / sample.length).toFixed(1)}%, identical lists ${((100 * identical) / sample.length).toFixed(1)}%`,
      );
      expect(firstSame / sample.length).toBeGreaterThanOrEqual(0.97);
      // 0.88, not 0.9, since abstract word pairs became terms (128 a paper, 32 of them queried): measured 88.7% on the
      // archive generated from the whole corpus (89.5% with HF keywords at weight 0.5), 99.7% on the one from the
      // committed samples. The judged precision of the lists rose meanwhile (.715 -> .755 -> .77); more query terms
      // would restore this, at a cost at 100k.
      expect(kept / total).toBeGreaterThanOrEqual(0.88);
    });
  });

  describe('search (Pagefind, in Chromium)', () => {
    let server: RunningServer;
    let browser: Browser;
    beforeAll(async () => {
      server = await serveSite({ outDir: OUT, basePath: '/', siteUrl: 'https://example.org', log: '' });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('finds a sample of papers by their title, at the top', async () => {
      const tab = await browser.newPage();
      await tab.goto(`${server.url}about/`);
      // Loaded by the page itself (a module script), so Vitest's transform of this file never touches the import.
      await tab.addScriptTag({
        type: 'module',
        content: "import * as pf from '/pagefind/pagefind.js'; await pf.init(); window.pagefindForTest = pf;",
      });
      await tab.waitForFunction(() => 'pagefindForTest' in window);
      const sample = papers.filter((_, i) => i % 100 === 7);
      const queries = sample.map((p) => ({ id: p.id, q: plainText(p.title) }));
      const found = await tab.evaluate(async (qs) => {
        type Pagefind = {
          init(): Promise<void>;
          search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }>;
        };
        const pf = (window as unknown as { pagefindForTest: Pagefind }).pagefindForTest;
        const out: { id: string; urls: string[] }[] = [];
        for (const { id, q } of qs) {
          const r = await pf.search(q);
          out.push({
            id,
            urls: await Promise.all(r.results.slice(0, 3).map(async (x) => (await x.data()).url)),
          });
        }
        return out;
      }, queries);
      // The generator reuses titles: a paper of the very same title in the top 3 is as right as the paper itself.
      const titleOf = new Map(papers.map((p) => [p.id, plainText(p.title)]));
      const idOf = (url: string) => /\/papers\/(.+)\/$/.exec(url)?.[1] ?? '';
      const notTop3 = found.filter(
        (f) => !f.urls.some((u) => idOf(u) === f.id || titleOf.get(idOf(u)) === titleOf.get(f.id)),
      );
      expect(found).toHaveLength(sample.length);
      expect(notTop3).toEqual([]);
    }, 120_000);
  });
});
