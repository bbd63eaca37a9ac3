// Search in Chromium on the built fixture site under a sub-path: what the search page shows for real queries.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  astroBuild,
  buildFixtureSite,
  FIXTURE_CONTENT,
  FIXTURE_SITE_URL,
  ROOT,
} from '../helpers/build-site.ts';
import { serveSite, type RunningServer } from '../helpers/serve.ts';
import { parseSearchParams, toSearchParams } from '../../src/lib/search-query.ts';
import { launchChromium } from '../helpers/browser.ts';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parsePaperFile } from '../../src/lib/content/format.ts';
import { readContentDir } from '../../src/lib/content/read.ts';
import { assignTopics, parseVocabulary, topicInputOf } from '../../src/lib/topics.ts';
import { buildArchive } from '../../src/lib/view/build-archive.ts';
import { plainText } from '../../src/lib/math.ts';

const BASE = '/sub/path/';
let browser: Browser;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
let dialogs: string[] = [];

/** Fixture papers with the `agents` topic, as the build's classifier assigns it (so retraining moves no test). */
let agents = 0;

beforeAll(async () => {
  browser = await launchChromium();
  const vocabFile = path.join(ROOT, 'content/topics.yaml');
  const vocab = parseVocabulary(readFileSync(vocabFile, 'utf8'), vocabFile);
  const { papers, days } = await readContentDir(path.join(ROOT, FIXTURE_CONTENT));
  agents = buildArchive(papers, days, (paper, abstract) =>
    assignTopics(topicInputOf(paper, abstract), vocab),
  ).papers.filter((p) => p.topics.includes('agents')).length;
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

async function newPage(javaScriptEnabled = true): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
  page = await context.newPage();
  dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

afterEach(async () => {
  await context?.close();
});

/** Waits until <paper-search> has finished the search the address bar describes. */
async function settled(p: Page): Promise<void> {
  const expected = toSearchParams(parseSearchParams(new URL(p.url()).searchParams)).toString();
  await p.locator(`paper-search[data-done="${expected.replace(/"/g, '\\"')}"]:not([aria-busy])`).waitFor();
}

/**
 * Holds back the page's requests whose URL matches `pattern` until the returned function is called; `seen` collects
 * their URLs.
 */
async function holdBack(p: Page, pattern: RegExp, seen: string[] = []): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await p.route(pattern, async (route) => {
    seen.push(route.request().url());
    await held;
    await route.continue();
  });
  return release;
}

async function openSearch(query: string): Promise<Page> {
  const p = await newPage();
  await p.goto(`${server.url}search/${query ? `?${query}` : ''}`);
  await settled(p);
  return p;
}

/** Types into the search box like a reader and waits for the URL and the results to follow. */
async function typeQuery(p: Page, text: string): Promise<void> {
  await p.locator('#q').fill('');
  await p.locator('#q').pressSequentially(text, { delay: 15 });
  await p.waitForURL((u) => u.searchParams.get('q') === text.trim());
  await settled(p);
}

interface ShownResult {
  title: string;
  href: string;
  topics: string[];
  upvotes: string;
  authors: string[];
  excerptHtml: string;
  excerpt: string;
}

function shownResults(p: Page): Promise<ShownResult[]> {
  return p.locator('[data-results] > li').evaluateAll((items) =>
    items.map((li) => ({
      title: li.querySelector('.paper-title')?.textContent ?? '',
      href: li.querySelector('.paper-title a')?.getAttribute('href') ?? '',
      topics: Array.from(li.querySelectorAll('.chip')).map((c) => c.getAttribute('href') ?? ''),
      upvotes: li.querySelector('.upvotes')?.textContent ?? '',
      authors: Array.from(li.querySelectorAll('.authors a')).map((a) => a.textContent ?? ''),
      // The card's summary line holds the snippet (`.excerpt` was the old result markup's).
      excerptHtml: li.querySelector('.summary, .excerpt')?.innerHTML ?? '',
      excerpt: li.querySelector('.summary, .excerpt')?.textContent ?? '',
    })),
  );
}

const status = (p: Page) => p.locator('[data-status]').innerText();
/** White space made single spaces: what a snippet is compared by. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The fixture's papers: abstracts as plain text and author names, by id. */
const abstracts = new Map<string, string>();
const authorsOf = new Map<string, string[]>();
{
  const dir = path.join(import.meta.dirname, '../fixtures/archive/papers');
  for (const month of readdirSync(dir))
    for (const file of readdirSync(path.join(dir, month), { recursive: true })) {
      const full = path.join(dir, month, String(file));
      if (!full.endsWith('.md')) continue;
      const { data, body } = parsePaperFile(readFileSync(full, 'utf8'), full);
      abstracts.set(data.id, plainText(body));
      authorsOf.set(
        data.id,
        data.authors.map((a) => a.name),
      );
    }
}
const paperPath = (id: string) => `${BASE}papers/${id}/`;

// Every test runs twice: on the fixture's single index, and with an index per year (2024, 2025, 2026) that the
// search page merges in the browser, as a large archive is built (scripts/search-index.ts).
describe.each([
  { layout: 'one search index', searchShardPapers: undefined },
  { layout: 'an index per year, merged in the browser', searchShardPapers: 1 },
])('$layout', ({ searchShardPapers }) => {
  beforeAll(async () => {
    server = await serveSite(await buildFixtureSite(BASE, { searchShardPapers }));
  }, 600_000);

  afterAll(async () => {
    await server?.close();
  });

  it('loads the newest index and merges the older years’ bundles, with results from each', async () => {
    const p = await openSearch('');
    const bundles = JSON.parse((await p.locator('paper-search').getAttribute('data-bundles')) ?? '');
    expect(bundles).toEqual(
      searchShardPapers
        ? [
            { dir: 'pagefind', from: '2026', to: '2026' },
            { dir: 'pagefind-2025', from: '2025', to: '2025' },
            { dir: 'pagefind-2024', from: '2024', to: '2024' },
          ]
        : [{ dir: 'pagefind', from: '2024', to: '2026' }],
    );
    for (const year of ['2024', '2025', '2026']) {
      const q = await openSearch(`year=${year}&sort=newest`);
      const dates = await q
        .locator('[data-results] > li .meta time')
        .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
      expect(dates.length).toBeGreaterThan(0);
      expect(dates.every((d) => d.startsWith(year))).toBe(true);
    }
  });

  it.runIf(searchShardPapers)(
    'shows the newest year’s results first and merges the older years’ in when they arrive',
    async () => {
      const p = await newPage();
      const older: string[] = [];
      const release = await holdBack(p, /\/pagefind-\d{4}\//, older);
      await p.goto(`${server.url}search/`);
      await p.locator('paper-search[data-done=""]:not([aria-busy])').waitFor();
      // Opening the page loads the newest bundle only.
      expect(older).toEqual([]);

      await p.locator('#q').fill('language');
      await expect
        .poll(() => status(p))
        .toMatch(/^\d+ papers? found for “language” in 2026; searching 2024–2025…$/);
      const firstCount = Number(/^(\d+)/.exec(await status(p))?.[1]);
      const dates = () =>
        p
          .locator('[data-results] > li .meta time')
          .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
      expect((await dates()).length).toBeGreaterThan(0);
      expect((await dates()).every((d) => d?.startsWith('2026'))).toBe(true);
      // Not finished, and no "show more" until every year has answered.
      expect(await p.locator('paper-search').getAttribute('aria-busy')).toBe('true');
      expect(await p.locator('[data-more]').isHidden()).toBe(true);
      expect(older.length).toBeGreaterThan(0);

      release();
      await settled(p);
      const total = Number(/^(\d+) papers found for “language”\.$/.exec(await status(p))?.[1]);
      expect(total).toBeGreaterThan(firstCount);
      // An older paper found by its title comes first once its year has answered.
      await typeQuery(p, 'Grokked Transformers');
      expect((await shownResults(p))[0]?.href).toBe(paperPath('2405.15071'));
    },
  );

  it.runIf(searchShardPapers)(
    'finds an older paper by the start of its title before the older years have answered',
    async () => {
      const p = await newPage();
      const release = await holdBack(p, /\/pagefind-\d{4}\//);
      // The newest bundle's index chunks too, at first: the title lookup answers before any bundle does.
      const releaseNewest = await holdBack(p, /\/pagefind\/index\//);
      const titles: string[] = [];
      p.on('request', (r) => {
        if (r.url().includes('/search/titles/')) titles.push(new URL(r.url()).pathname);
      });
      await p.goto(`${server.url}search/`);
      await p.locator('paper-search[data-done=""]:not([aria-busy])').waitFor();

      // A 2024 paper, found by its title's start alone.
      await p.locator('#q').fill('grokked transformers are');
      await expect
        .poll(() => status(p))
        .toBe('One paper found by title for “grokked transformers are”; searching 2024–2026…');
      expect((await shownResults(p)).map((r) => r.href)).toEqual([paperPath('2405.15071')]);
      expect(titles).toHaveLength(1);
      expect(titles[0]).toMatch(new RegExp(`^${BASE}search/titles/\\d+\\.json$`));

      // The newest year answers (nothing there); the older paper stays first while 2024-2025 are held back.
      releaseNewest();
      await expect
        .poll(() => status(p))
        .toMatch(
          /^No papers found for “grokked transformers are” in 2026; one older paper by title; searching 2024–2025…$/,
        );
      expect((await shownResults(p))[0]?.href).toBe(paperPath('2405.15071'));
      expect(await p.locator('paper-search').getAttribute('aria-busy')).toBe('true');

      // Every year answered: the full ranking, with the paper still first and listed once.
      release();
      await settled(p);
      expect(await status(p)).toMatch(/^\d+ papers? found for “grokked transformers are”\.$/);
      const hrefs = (await shownResults(p)).map((r) => r.href);
      expect(hrefs[0]).toBe(paperPath('2405.15071'));
      expect(new Set(hrefs).size).toBe(hrefs.length);

      // Not a title's start (nor a title lookup for one word): the newest year's results alone, as before.
      await typeQuery(p, 'implicit reasoners');
      expect((await shownResults(p))[0]?.href).toBe(paperPath('2405.15071'));
    },
  );

  it('says why search is unavailable when its index cannot be loaded, and tries again on the next search', async () => {
    const p = await newPage();
    await p.route(/\/pagefind\//, (route) => route.abort());
    await p.goto(`${server.url}search/?q=language`);
    await p.locator('paper-search[data-done="q=language"]:not([aria-busy])').waitFor();
    expect(await status(p)).toMatch(/^Search is unavailable: .+/);
    expect(await p.locator('[data-results] > li').count()).toBe(0);

    await p.unrouteAll();
    await typeQuery(p, 'Grokked Transformers');
    expect((await shownResults(p))[0]?.href).toBe(paperPath('2405.15071'));
    expect(await status(p)).toMatch(/^\d+ papers? found for “Grokked Transformers”\.$/);
  });

  it.runIf(searchShardPapers)(
    'keeps the newest year’s results when the older years cannot be loaded',
    async () => {
      const p = await newPage();
      await p.route(/\/pagefind-\d{4}\//, (route) => route.abort());
      await p.goto(`${server.url}search/?q=language`);
      await p.locator('paper-search[data-done="q=language"]:not([aria-busy])').waitFor();
      expect(await status(p)).toMatch(
        /^\d+ papers? found for “language” in 2026; 2024–2025 could not be searched: .+/,
      );
      const newestOnly = Number(/^(\d+)/.exec(await status(p))?.[1]);
      expect(await p.locator('[data-results] > li').count()).toBeGreaterThan(0);

      // The network comes back: the next search tries the older years again and finds their papers too.
      await p.unrouteAll();
      await typeQuery(p, 'language models');
      await typeQuery(p, 'language');
      const total = Number(/^(\d+) papers found for “language”\.$/.exec(await status(p))?.[1]);
      expect(total).toBeGreaterThan(newestOnly);
      await typeQuery(p, 'Grokked Transformers');
      expect((await shownResults(p))[0]?.href).toBe(paperPath('2405.15071'));
    },
  );

  describe('search box and results', () => {
    it('finds a paper by its title, first, as the reader types, with a highlighted snippet', async () => {
      const p = await openSearch('');
      await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe('q');
      await typeQuery(p, 'Grokked Transformers');
      const results = await shownResults(p);
      expect(results[0]?.title).toBe(
        'Grokked Transformers are Implicit Reasoners: A Mechanistic Journey to the Edge of Generalization',
      );
      expect(results[0]?.href).toBe(paperPath('2405.15071'));
      expect(await status(p)).toMatch(/^\d+ papers? found for “Grokked Transformers”\.$/);
      await typeQuery(p, 'The Road Less Scheduled');
      expect((await shownResults(p))[0]?.href).toBe(paperPath('2405.15682'));
      // The snippet is the abstract's, with the query's words marked.
      const marks = await p.locator('[data-results] > li:first-child .summary mark').allInnerTexts();
      expect(marks.map((m) => m.toLowerCase())).toContain('schedules');
    });

    it('shows each result as the lists’ paper card: title, authors, organisation, upvotes, date, topics', async () => {
      const p = await openSearch('q=EnvHarness');
      const [first] = await shownResults(p);
      expect(first?.title).toBe('EnvHarness: Awakening Static Worlds for Agent Learning');
      const item = p.locator('[data-results] > li').first();
      // The card component's markup (src/components/PaperCard.astro), not a look-alike.
      expect(await item.locator('article.paper-card .thumb').count()).toBe(1);
      expect(first?.authors).toEqual(['Chengsong Huang', 'Zifeng Wang', 'Rujun Han']);
      expect(await item.locator('.authors').innerText()).toMatch(
        /^Chengsong Huang, Zifeng Wang, Rujun Han \+\d+/,
      );
      expect(await item.locator('.authors a').first().getAttribute('href')).toBe(
        `${BASE}authors/?name=Chengsong%20Huang`,
      );
      expect(squash((await item.locator('.meta').textContent()) ?? '')).toMatch(
        /^▲ 163 upvotes · Google · Code · \d{1,2} [A-Z][a-z]{2} 2026$/,
      );
      expect(await item.locator('a.org').getAttribute('href')).toBe(`${BASE}organizations/google/`);
      expect(await item.locator('time').getAttribute('datetime')).toMatch(/^2026-08-2\d$/);
      expect(first?.topics.length).toBeGreaterThan(0);
      for (const href of first?.topics ?? []) expect(href).toMatch(/^\/sub\/path\/topics\/[a-z0-9-]+\/$/);
      // Following a result opens its paper page.
      await item.locator('.paper-title a').click();
      await p.waitForURL(`${server.url}papers/2608.19880/`);
      expect(await p.locator('h1').innerText()).toBe(
        'EnvHarness: Awakening Static Worlds for Agent Learning',
      );
    });

    it('takes snippets from the abstract only: no title, id, keywords or links from the indexed text', async () => {
      for (const q of ['EnvHarness', 'diffusion transformer', 'benchmark', 'Xipeng Qiu', 'agent harness']) {
        const p = await openSearch(`q=${encodeURIComponent(q)}`);
        const results = await shownResults(p);
        expect(results.length, q).toBeGreaterThan(0);
        expect(results.filter((r) => r.excerpt.trim() !== '').length, q).toBeGreaterThan(0);
        for (const r of results) {
          const id = /papers\/(.+)\/$/.exec(r.href)![1]!;
          const abstract = squash(abstracts.get(id) ?? '');
          const shown = squash(r.excerpt.replace(/^… | …$/g, ''));
          expect(r.excerpt, `${q}: ${id}`).not.toMatch(/Keywords:|\[title\]|\{GitHub\}/);
          expect(r.excerpt, `${q}: ${id}`).not.toContain(id);
          if (shown) expect(abstract, `${q}: ${id}`).toContain(shown);
        }
        await context.close();
      }
    });

    it('ranks an author’s own papers first for a full name (a phrase, not two words anywhere)', async () => {
      for (const name of ['Jia Chen', 'Yi Yang', 'Xipeng Qiu']) {
        const p = await openSearch(`q=${encodeURIComponent(name)}`);
        const theirs = [...authorsOf]
          .filter(([, names]) => names.includes(name))
          .map(([id]) => paperPath(id));
        expect(theirs.length, name).toBeGreaterThan(0);
        const hrefs = (await shownResults(p)).map((r) => r.href);
        expect(hrefs.slice(0, theirs.length).sort(), name).toEqual(theirs.sort());
        await context.close();
      }
    });

    it('finds an author’s papers', async () => {
      const p = await openSearch('q=Xipeng+Qiu');
      const hrefs = (await shownResults(p)).map((r) => r.href);
      expect(hrefs.slice(0, 2).sort()).toEqual([paperPath('2503.00784'), paperPath('2608.19799')]);
    });

    it.each([
      ['a bare arXiv id', '2608.19880', '2608.19880'],
      ['a versioned arxiv.org/abs URL', 'https://arxiv.org/abs/2608.19880v2', '2608.19880'],
      ['an arxiv.org/pdf URL', 'https://arxiv.org/pdf/2405.15738v1', '2405.15738'],
      ['a Hugging Face paper URL', 'https://huggingface.co/papers/2503.01785', '2503.01785'],
      ['an old-style id', 'hep-th/9901001', 'hep-th/9901001'],
    ])('finds the paper first for %s', async (_what, query, id) => {
      const p = await openSearch(`q=${encodeURIComponent(query)}`);
      const results = await shownResults(p);
      expect(results[0]?.href).toBe(paperPath(id));
      expect(await status(p)).toBe(`Found arXiv ${id} in the archive.`);
    });

    it('says when a pasted id is not in the archive', async () => {
      const p = await openSearch('q=2612.00001');
      expect(await status(p)).toMatch(/^arXiv 2612\.00001 is not in the archive\./);
    });

    it('shows hostile titles and excerpts as text only', async () => {
      const p = await openSearch('q=Hostile');
      const [first] = await shownResults(p);
      expect(first?.title).toContain('<script>alert(1)</script> Hostile');
      // Excerpts carry nothing but text and <mark>.
      for (const r of await shownResults(p))
        expect(r.excerptHtml.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      expect(await p.locator('[data-results] script').count()).toBe(0);
      for (const src of await p
        .locator('[data-results] img')
        .evaluateAll((is) => is.map((i) => i.getAttribute('src'))))
        expect(src).toMatch(/^https:\/\//);
      expect(dialogs).toEqual([]);
    });

    it('says when nothing matches', async () => {
      const p = await openSearch('q=zzqxwv');
      expect(await status(p)).toBe('No papers found for “zzqxwv”.');
      expect(await p.locator('[data-results] > li').count()).toBe(0);
    });
  });

  describe('filters and sort', () => {
    it('has the topic and year menus filled in the page, before any interaction', async () => {
      // In the HTML itself: no script, no focus, no hover needed.
      const html = await (await fetch(`${server.url}search/`)).text();
      expect(agents).toBeGreaterThan(3);
      expect(html).toContain(`>Agents (${agents})</option>`);
      const p = await openSearch('');
      const topics = await p.locator('select[name="topic"] option').allInnerTexts();
      expect(topics.length).toBeGreaterThan(10);
      expect(topics).toContain(`Agents (${agents})`);
      const years = await p.locator('select[name="year"] option').allInnerTexts();
      expect(years.slice(1).map((y) => y.slice(0, 4))).toEqual(['2026', '2025', '2024']);
      // No organisation list in the page: it is a box that filters as the reader types.
      expect(await p.locator('select[name="org"]').count()).toBe(0);
    });

    it('filters by organisation from a type-to-filter box with counts, under the organisation pages’ keys', async () => {
      const p = await openSearch('');
      const box = p.locator('[data-org-name]');
      await box.focus();
      const options = p.locator('#org-options option');
      await expect.poll(() => options.count()).toBeGreaterThan(3);
      const google = p.locator('#org-options option[value="Google"]');
      expect(await google.getAttribute('label')).toBe('1 paper');
      await box.fill('Google');
      await box.press('Enter');
      await p.waitForURL((u) => u.searchParams.get('org') === 'google');
      await settled(p);
      expect((await shownResults(p)).map((r) => r.href)).toEqual([paperPath('2608.19880')]);
      // A link with the key shows the organisation's name in the box.
      const q = await openSearch('org=google');
      await expect.poll(() => q.locator('[data-org-name]').inputValue()).toBe('Google');
    });

    it('a topic filter returns only papers with that topic, as many as the menu says', async () => {
      const p = await openSearch('');
      await p.locator('select[name="topic"]').selectOption('agents');
      await p.waitForURL((u) => u.searchParams.get('topic') === 'agents');
      await settled(p);
      const results = await shownResults(p);
      expect(results).toHaveLength(agents);
      expect(await status(p)).toBe(`${agents} papers found with these filters.`);
      for (const r of results) expect(r.topics).toContain(`${BASE}topics/agents/`);
      // With a query too: still only that topic.
      await typeQuery(p, 'benchmark');
      const narrowed = await shownResults(p);
      expect(narrowed.length).toBeGreaterThan(0);
      expect(narrowed.length).toBeLessThan(agents);
      for (const r of narrowed) expect(r.topics).toContain(`${BASE}topics/agents/`);
    });

    it('"has code" and year filters narrow to matching papers', async () => {
      const p = await openSearch('year=2024&code=yes');
      // The 2024 papers with a repository: the hostile fixture paper (HF's githubRepo) and four whose abstract names
      // a GitHub repository, which counts as code as on their paper pages.
      const results = await shownResults(p);
      expect(results.map((r) => r.href).sort()).toEqual(
        ['2401.00001', '2405.14906', '2405.14979', '2405.15682', '2405.15738'].map(paperPath).sort(),
      );
    });

    it('sorting by upvotes orders the shown results', async () => {
      const p = await openSearch('q=language');
      const relevance = await shownResults(p);
      const found = await status(p);
      expect(relevance.length).toBeGreaterThanOrEqual(5);
      await p.locator('select[name="sort"]').selectOption('upvotes');
      await p.waitForURL((u) => u.searchParams.get('sort') === 'upvotes');
      await settled(p);
      const sorted = await shownResults(p);
      const votes = sorted.map((r) => Number(r.upvotes.replace(/[^\d]/g, '')));
      expect(votes).toEqual([...votes].sort((a, b) => b - a));
      expect(votes[0]).toBeGreaterThan(votes[votes.length - 1] ?? 0);
      // The same matches, reordered: the most upvoted of them all leads, ahead of anything relevance showed first.
      expect(await status(p)).toBe(found);
      const relevanceVotes = relevance.map((r) => Number(r.upvotes.replace(/[^\d]/g, '')));
      expect(votes[0]).toBeGreaterThanOrEqual(Math.max(...relevanceVotes));
      expect(sorted.map((r) => r.href)).not.toEqual(relevance.map((r) => r.href));
    });

    it('newest first orders by featured date', async () => {
      const p = await openSearch('q=language&sort=newest');
      const dates = await p
        .locator('[data-results] > li .meta time')
        .evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
      expect(dates.length).toBe(10);
      expect(dates).toEqual([...dates].sort().reverse());
    });
  });

  describe('URL state', () => {
    it('keeps query, filters and sort in the URL: reload restores them, back and forward step through', async () => {
      const p = await openSearch('');
      await typeQuery(p, 'agent');
      const byRelevance = (await shownResults(p)).map((r) => r.href);
      await p.locator('select[name="topic"]').selectOption('agents');
      await p.waitForURL((u) => u.searchParams.get('topic') === 'agents');
      await settled(p);
      await p.locator('select[name="sort"]').selectOption('upvotes');
      await p.waitForURL((u) => u.searchParams.get('sort') === 'upvotes');
      await settled(p);
      expect(new URL(p.url()).search).toBe('?q=agent&topic=agents&sort=upvotes');
      const sorted = await shownResults(p);

      await p.reload();
      await settled(p);
      expect(await p.locator('#q').inputValue()).toBe('agent');
      expect(await p.locator('select[name="topic"]').inputValue()).toBe('agents');
      expect(await p.locator('select[name="sort"]').inputValue()).toBe('upvotes');
      expect(await shownResults(p)).toEqual(sorted);

      await p.goBack();
      await settled(p);
      expect(new URL(p.url()).search).toBe('?q=agent&topic=agents');
      expect(await p.locator('select[name="sort"]').inputValue()).toBe('relevance');
      await p.goBack();
      await settled(p);
      expect(await p.locator('select[name="topic"]').inputValue()).toBe('');
      expect((await shownResults(p)).map((r) => r.href)).toEqual(byRelevance);
      await p.goForward();
      await settled(p);
      expect(await p.locator('select[name="topic"]').inputValue()).toBe('agents');
      expect(await p.locator('#q').inputValue()).toBe('agent');
    });

    it('"show more" appends the next results and moves focus to the first new one', async () => {
      const p = await openSearch('q=language');
      // More than 20 matches (the count depends on the fixture's abstracts).
      const n = Number(/^(\d+) papers found for “language”\.$/.exec(await status(p))?.[1]);
      expect(n).toBeGreaterThan(20);
      const first = await shownResults(p);
      expect(first).toHaveLength(10);
      const more = p.locator('[data-more]');
      expect(await more.innerText()).toBe(`Show 10 more (${n - 10} left)`);
      await more.click();
      await expect.poll(() => p.locator('[data-results] > li').count()).toBe(20);
      const after = await shownResults(p);
      expect(after.slice(0, 10)).toEqual(first);
      expect(await p.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(after[10]?.href);
      for (let shown = 20; shown < n; shown = Math.min(n, shown + 10)) {
        await more.click();
        await expect.poll(() => p.locator('[data-results] > li').count()).toBe(Math.min(n, shown + 10));
      }
      expect(await more.isHidden()).toBe(true);
      expect(new Set((await shownResults(p)).map((r) => r.href)).size).toBe(n);
    });
  });

  describe('header search box', () => {
    it('`/` focuses it from any page, but not while typing in a field', async () => {
      const p = await newPage();
      await p.goto(`${server.url}papers/2405.15738/`);
      await p.keyboard.press('/');
      expect(await p.evaluate(() => document.activeElement?.id)).toBe('site-search');
      await p.keyboard.type('/x');
      expect(await p.locator('#site-search').inputValue()).toBe('/x');
    });

    it('submits to the search page, which runs the query', async () => {
      const p = await newPage();
      await p.goto(server.url);
      await p.keyboard.press('/');
      await p.keyboard.type('Aya 23');
      await p.keyboard.press('Enter');
      await p.waitForURL(`${server.url}search/?q=Aya+23`);
      await settled(p);
      expect((await shownResults(p))[0]?.href).toBe(paperPath('2405.15032'));
      expect(await p.locator('#q').inputValue()).toBe('Aya 23');
    });
  });

  describe('without JavaScript', () => {
    it('says that search needs it and links to the archive and topics', async () => {
      const p = await newPage(false);
      await p.goto(`${server.url}search/`);
      const message = p.locator('main p', { hasText: 'needs JavaScript' });
      expect(await message.isVisible()).toBe(true);
      expect(await message.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
        `${BASE}archive/`,
        `${BASE}topics/`,
      ]);
      expect(await p.locator('paper-search').isHidden()).toBe(true);
    });
  });
});

describe('on a phone (390 x 844)', () => {
  let phoneServer: RunningServer;
  beforeAll(async () => {
    phoneServer = await serveSite(await buildFixtureSite(BASE));
  }, 600_000);
  afterAll(async () => {
    await phoneServer?.close();
  });

  it('has one search box, the filters behind one button that counts them, and the first result above the fold', async () => {
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const p = await context.newPage();
    await p.goto(`${phoneServer.url}search/?q=EnvHarness&year=2026&code=yes`);
    await settled(p);
    const boxes = await p
      .locator('input[type="search"]')
      .evaluateAll(
        (es) => es.filter((e) => e.getClientRects().length > 0 && e.getAttribute('name') === 'q').length,
      );
    expect(boxes).toBe(1);
    const toggle = p.locator('[data-filters-toggle]');
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.innerText()).toBe('Filters (2)');
    expect(await p.locator('select[name="topic"]').isVisible()).toBe(false);
    expect(await p.locator('[data-results] > li').count()).toBeGreaterThan(0);
    const first = p.locator('[data-results] > li').first();
    const title = await first.locator('.paper-title').boundingBox();
    expect(title).not.toBeNull();
    expect(title!.y + title!.height).toBeLessThanOrEqual(844);
    // The filters open in place, and nothing scrolls sideways.
    await toggle.tap();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await p.locator('select[name="topic"]').isVisible()).toBe(true);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

// A site of its own for ranking: the fixture archive plus real papers from content/ on which Pagefind's order alone
// was wrong (an exact title second behind a paper that mentions it; a title's middle words not in the top three).
describe('ranking on real papers', () => {
  const REAL = ['2501.14249', '2507.05241', '2410.10626', '2409.12958', '2412.04003', '2505.15817'];
  let rankServer: RunningServer;
  beforeAll(async () => {
    const root = path.join(import.meta.dirname, '../.tmp/search-ranking');
    const content = path.join(root, 'content');
    rmSync(root, { recursive: true, force: true });
    cpSync(path.join(import.meta.dirname, '../fixtures/archive'), content, { recursive: true });
    for (const id of REAL) {
      const month = id.slice(0, 4);
      mkdirSync(path.join(content, 'papers', month), { recursive: true });
      copyFileSync(
        path.join(import.meta.dirname, '../../content/papers', month, `${id}.md`),
        path.join(content, 'papers', month, `${id}.md`),
      );
    }
    const outDir = path.join(root, 'dist');
    const log = await astroBuild(outDir, {
      CONTENT_DIR: content,
      BASE_PATH: '/',
      ASTRO_CACHE_DIR: path.join(root, 'cache'),
    });
    rankServer = await serveSite({ outDir, basePath: '/', siteUrl: FIXTURE_SITE_URL, log });
  }, 600_000);
  afterAll(async () => {
    await rankServer?.close();
  });

  async function first(q: string): Promise<string[]> {
    const p = await newPage();
    await p.goto(`${rankServer.url}search/?q=${encodeURIComponent(q)}`);
    await settled(p);
    return (await shownResults(p)).map((r) => /papers\/(.+)\/$/.exec(r.href)?.[1] ?? r.href);
  }

  it('puts the paper whose title is the query first, above a longer one that mentions it', async () => {
    expect((await first("Humanity's Last Exam"))[0]).toBe('2501.14249');
    expect((await first('humanitys last exam'))[0]).toBe('2501.14249');
  });

  it('finds a paper by words from the middle of its title, first', async () => {
    expect((await first('for Languages via Mixture'))[0]).toBe('2410.10626');
    expect((await first('Medical LLMs for 50 Languages'))[0]).toBe('2410.10626');
  });
});
