// The search index of the built fixture site: fed from the archive's data by a process beside the build
// (scripts/search-index.ts), it must hold every paper, and the pages must show what the indexer decided (topics).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/lib/view/build-archive.ts';
import { readContentDir } from '../../src/lib/content/read.ts';
import { searchFilters, searchMeta } from '../../src/lib/search-record.ts';
import { normalizeTitle, titleShardCount, titleShardOf } from '../../src/lib/title-index.ts';
import { assignTopics, parseVocabulary, topicInputOf } from '../../src/lib/topics.ts';
import { buildFixtureSite, FIXTURE_CONTENT, readPage, ROOT, type BuiltSite } from '../helpers/build-site.ts';

let site: BuiltSite;
let sharded: BuiltSite;
let papers: ReturnType<typeof buildArchive>['papers'];

beforeAll(async () => {
  [site, sharded] = await Promise.all([
    buildFixtureSite('/'),
    buildFixtureSite('/', { searchShardPapers: 1 }),
  ]);
  // The real path: the classifier's weights are read from beside it, as the build does.
  const vocabFile = path.join(ROOT, 'content/topics.yaml');
  const vocab = parseVocabulary(readFileSync(vocabFile, 'utf8'), vocabFile);
  const { papers: entries, days } = await readContentDir(path.join(ROOT, FIXTURE_CONTENT));
  papers = buildArchive(entries, days, (p, abstract) =>
    assignTopics(topicInputOf(p, abstract), vocab),
  ).papers;
}, 600_000);

const pageCount = (s: BuiltSite, dir: string): number =>
  (
    JSON.parse(readFileSync(path.join(s.outDir, dir, 'pagefind-entry.json'), 'utf8')) as {
      languages: { en: { page_count: number } };
    }
  ).languages.en.page_count;

describe('search index', () => {
  it('indexes every paper, and nothing else, in one bundle when the archive is small', () => {
    expect(papers.length).toBeGreaterThan(30);
    expect(pageCount(site, 'pagefind')).toBe(papers.length);
  });

  it('shows on each paper page the topics the index filters on (both processes assign them alike)', () => {
    for (const p of papers) {
      const $ = cheerio.load(readPage(site, `/papers/${p.id}/`));
      const shown = $('article.paper > div > ul.chips a.chip')
        .map((_, a) => /\/topics\/([a-z0-9-]+)\/$/.exec($(a).attr('href') ?? '')?.[1])
        .get();
      expect(shown, p.id).toEqual(searchFilters(p).topic ?? []);
      // The page no longer repeats the search record: the index is built from the data, not from pages.
      expect($('[data-pagefind-meta], [data-pagefind-filter], [data-pagefind-body]').length, p.id).toBe(0);
    }
  });

  it("tags the search page with the index's bundles, so a changed index is fetched again", () => {
    const tag = (s: BuiltSite) => /data-cache-tag="([0-9a-f]{16})"/.exec(readPage(s, '/search/'))?.[1];
    expect(tag(site)).toBeDefined();
    expect(tag(sharded)).toBeDefined();
    expect(tag(site)).not.toBe(tag(sharded));
  });

  it('with SEARCH_SHARD_PAPERS=1, writes a bundle per year that together hold every paper once', () => {
    const perYear = new Map<string, number>();
    for (const p of papers) {
      const y = (p.featured.at(-1) ?? '').slice(0, 4);
      perYear.set(y, (perYear.get(y) ?? 0) + 1);
    }
    expect([...perYear.keys()].sort()).toEqual(['2024', '2025', '2026']);
    expect(pageCount(sharded, 'pagefind')).toBe(perYear.get('2026'));
    expect(pageCount(sharded, 'pagefind-2025')).toBe(perYear.get('2025'));
    expect(pageCount(sharded, 'pagefind-2024')).toBe(perYear.get('2024'));
    const search = readPage(sharded, '/search/');
    expect(search).toContain('pagefind-2024');
  });

  it('with several bundles, writes the title lookup: every title of two words or more, once, in its shard', () => {
    const dir = path.join(sharded.outDir, 'search/titles');
    const count = titleShardCount(papers.length);
    expect(readPage(sharded, '/search/')).toContain(`data-title-shards="${count}"`);
    const found = new Map<string, unknown>();
    for (const file of readdirSync(dir)) {
      const shard = Number(/^(\d+)\.json$/.exec(file)?.[1]);
      expect(shard, file).toBeLessThan(count);
      for (const [id, meta] of JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as [
        string,
        { title: string },
      ][]) {
        expect(titleShardOf(normalizeTitle(meta.title), count), meta.title).toBe(shard);
        expect(found.has(id), id).toBe(false);
        found.set(id, meta);
      }
    }
    // What Pagefind has for each paper, so a result found by title looks like any other.
    const expected = papers
      .filter((p) => normalizeTitle(searchMeta(p).title).includes(' '))
      .map((p) => [p.id, { ...searchMeta(p) }] as const);
    expect(found).toEqual(new Map(expected));
    // One bundle: no lookup needed, no files.
    expect(existsSync(path.join(site.outDir, 'search/titles'))).toBe(false);
    expect(readPage(site, '/search/')).toContain('data-title-shards="0"');
  });
});
