// Incremental builds (Astro's experimental incrementalBuild, with the cache keys of src/data/paper-view.ts): a build
// that reuses the previous one's cache must produce exactly what a clean build produces, re-rendering the pages
// whose data changed (including pages that only show the changed paper as a neighbour or related paper).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, FIXTURE_CONTENT, ROOT, walkFiles } from '../helpers/build-site.ts';

const CHANGED = '2608.19880';
const NEW_TITLE = 'EnvHarness Revised: Awakening Static Worlds for Agent Learning';

let work: string;
const dir = (name: string) => path.join(work, name);
const logs: Record<string, string> = {};

function build(name: string, env: Record<string, string> = {}): Promise<string> {
  return astroBuild(dir(name), {
    CONTENT_DIR: dir('content'),
    ASTRO_CACHE_DIR: dir('cache'),
    BASE_PATH: '/',
    SEARCH_INDEX: '1',
    ...env,
  }).then((log) => (logs[name] = log));
}

/** Paper pages the build copied from the cache rather than rendered. */
function restored(log: string): Set<string> {
  // Astro colours its log where CI=true.
  const plain = log.replace(/\u001b\[[0-9;]*m/g, '');
  return new Set(
    [
      ...plain.matchAll(/├─ \/papers\/(?!date\/|week\/|month\/)(\S+)\/index\.html \((?:restored|cached)\)/g),
    ].map((m) => m[1]!),
  );
}

const paperPages = (name: string) =>
  walkFiles(dir(name)).filter((f) => /^papers\/(?!date\/|week\/|month\/).+\/index\.html$/.test(f));
const read = (name: string, file: string) => readFileSync(path.join(dir(name), file), 'utf8');

beforeAll(async () => {
  // Under the project: Astro puts the prerender chunks of a build whose outDir is outside the project in the
  // project's .astro/.prerender/, which concurrent builds would share.
  mkdirSync(path.join(ROOT, 'tests/.tmp'), { recursive: true });
  work = mkdtempSync(path.join(ROOT, 'tests/.tmp/incremental-'));
  cpSync(path.join(ROOT, FIXTURE_CONTENT), dir('content'), { recursive: true });
  await build('first');
  await build('again');
  const file = path.join(dir('content'), `papers/2608/${CHANGED}.md`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: '${NEW_TITLE}'`));
  await build('changed');
  // The incremental builds take their related papers from the search indexer's process, as `npm run build` does;
  // the clean one computes them in the build (SEARCH_INDEX=0): the pages must not tell the difference.
  await build('clean', { ASTRO_CACHE_DIR: dir('clean-cache'), INCREMENTAL_BUILD: '0', SEARCH_INDEX: '0' });
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('incremental builds', () => {
  it('an unchanged archive copies every paper page from the cache, byte for byte', () => {
    const pages = paperPages('first');
    expect(pages.length).toBe(65);
    expect(restored(logs.first ?? '').size).toBe(0);
    expect(restored(logs.again ?? '').size).toBe(pages.length);
    for (const f of pages) expect(read('again', f), f).toBe(read('first', f));
  });

  it('restores pages as hard links to the cached copies, and a later build leaves an earlier output as it was', () => {
    // src/integrations/restore-by-link.ts: the restored page and its cached copy are one file.
    const page = `papers/${CHANGED}/index.html`;
    const restoredPage = statSync(path.join(dir('again'), page));
    const cachedPage = statSync(path.join(dir('cache'), 'dist', page));
    // The 'changed' build rendered this page again: its new cache copy is a new file, so the 'again' output (which
    // linked the old one) still says what it said.
    expect(restoredPage.ino).not.toBe(cachedPage.ino);
    expect(read('again', page)).toBe(read('first', page));
    expect(read('again', page)).not.toContain(NEW_TITLE);
    // A page no build rendered again is still one file in the cache and in both later outputs.
    const other = paperPages('first').find(
      (f) => !read('first', f).includes(CHANGED) && !f.includes(CHANGED),
    )!;
    const inode = (name: string) => statSync(path.join(dir(name), other)).ino;
    expect(inode('changed')).toBe(statSync(path.join(dir('cache'), 'dist', other)).ino);
    expect(inode('again')).toBe(inode('changed'));
  });

  it('re-renders the changed paper and every page that shows it, and no more than those', () => {
    const showing = paperPages('first').filter((f) =>
      read('first', f).includes(`href="/papers/${CHANGED}/"`),
    );
    // Its day neighbours and the papers that list it as related.
    expect(showing.length).toBeGreaterThanOrEqual(3);
    const reused = restored(logs.changed ?? '');
    expect(reused.has(CHANGED)).toBe(false);
    for (const f of showing) {
      expect(reused.has(f.slice('papers/'.length, -'/index.html'.length)), f).toBe(false);
      expect(read('changed', f), f).toContain(NEW_TITLE.slice(0, 18));
    }
    expect(read('changed', `papers/${CHANGED}/index.html`)).toContain(NEW_TITLE);
    // Most pages do not show it and are reused.
    expect(reused.size).toBeGreaterThan(40);
  });

  it('also restores the day pages, day exports and BibTeX files whose data did not change, and only those', () => {
    const plain = (name: string) => (logs[name] ?? '').replace(/\u001b\[[0-9;]*m/g, '');
    const reused = (name: string, pattern: RegExp) =>
      [...plain(name).matchAll(pattern)]
        .filter((m) => /\((?:restored|cached)\)/.test(m[0]))
        .map((m) => m[1]!);
    const day = /├─ \/papers\/date\/(\S+)\/index\.html.*/g;
    const bib = /├─ \/papers\/(\S+)\/cite\.bib.*/g;
    const exported = /├─ \/data\/days\/(\S+)\.json.*/g;
    const days = walkFiles(dir('first')).filter((f) => /^papers\/date\/.+\/index\.html$/.test(f)).length;
    expect(days).toBeGreaterThan(3);
    expect(reused('again', day)).toHaveLength(days);
    expect(reused('again', exported)).toHaveLength(days);
    expect(reused('again', bib)).toHaveLength(65);
    // The changed paper's BibTeX and the days that list it are rendered again (read from the files: with pages
    // rendered concurrently, a '(cached)' in the log can land on another route's line).
    const source = readFileSync(path.join(dir('content'), `papers/2608/${CHANGED}.md`), 'utf8');
    const featured = /^featured:\n((?:\s+- .*\n)+)/m.exec(source)?.[1]?.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
    expect(featured.length).toBeGreaterThan(0);
    expect(read('changed', `papers/${CHANGED}/cite.bib`)).toMatch(/Revised/);
    for (const d of featured) {
      expect(read('changed', `papers/date/${d}/index.html`)).toContain(NEW_TITLE.slice(0, 18));
      expect(read('changed', `data/days/${d}.json`)).toContain(NEW_TITLE);
    }
    // Most of them are reused.
    expect(reused('changed', bib).length).toBeGreaterThan(50);
  });

  it('restores the week, month, organisation, later topic pages and author shards whose data did not change', () => {
    const plain = (name: string) => (logs[name] ?? '').replace(/\u001b\[[0-9;]*m/g, '');
    // Routes of these kinds, as the log lists them, with whether each was restored: Astro writes a restored route's
    // mark right after its path, while a rendered route's line may go on with other routes' (concurrent) output.
    const routes = (name: string) =>
      [
        ...plain(name).matchAll(
          /├─ (\/(?:(?:papers\/(?:week|month)\/[^/\s]+\/|organizations\/[^/\s]+\/(?:\d+\/)?|topics\/[^/\s]+\/\d+\/)index\.html|authors\/index\/\d+\.json))([^├\n]*)/g,
        ),
      ].map((m) => ({ route: m[1]!, reused: /\((?:restored|cached)\)/.test(m[2] ?? '') }));
    const kinds = (list: { route: string }[]) =>
      new Set(list.map((r) => r.route.replace(/^\/(papers\/\w+|\w+(?:\/index)?)\/.*$/, '$1')));
    const again = routes('again');
    // No topic of the fixture's 65 papers fills a second page; `bench:scale -- --check-output` covers those.
    expect([...kinds(again)].sort()).toEqual([
      'authors/index',
      'organizations',
      'papers/month',
      'papers/week',
    ]);
    expect(again.filter((r) => !r.reused).map((r) => r.route)).toEqual([]);
    // After the title change: the listings that show the paper are rendered again (the clean-build comparison
    // below checks what they say), the others restored.
    const changed = routes('changed');
    // The log lists each route by its file.
    const showsIt = (route: string) => read('first', route.slice(1)).includes(CHANGED);
    for (const r of changed) if (!showsIt(r.route)) expect(r.reused, r.route).toBe(true);
    expect(changed.filter((r) => showsIt(r.route) && !r.reused).length).toBeGreaterThanOrEqual(3);
  });

  it('takes the topics of unchanged papers from the previous build, and classifies the changed one', () => {
    expect(logs.first).toMatch(/topics: 0 of 65 papers from the cache, 65 classified/);
    expect(logs.again).toMatch(/topics: 65 of 65 papers from the cache, 0 classified/);
    expect(logs.changed).toMatch(/topics: 64 of 65 papers from the cache, 1 classified/);
    // The pages keep their own (the clean-build comparison below checks what they show).
    const pages = JSON.parse(readFileSync(path.join(dir('cache'), 'topics', 'pages.json'), 'utf8')) as {
      entries: unknown[];
    };
    expect(pages.entries).toHaveLength(65);
  });

  it('gives exactly the site a clean build gives (with related papers from the indexer)', () => {
    expect(logs.changed).toMatch(/related papers for 65 papers in/);
    expect(logs.clean).not.toMatch(/related papers for/);
    // Every file but the search index (the other builds have none).
    const built = (name: string) => walkFiles(dir(name)).filter((f) => !/^pagefind/.test(f));
    const files = built('clean');
    expect(files.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(100);
    expect(built('changed')).toEqual(files);
    for (const f of files) expect(read('changed', f), f).toBe(read('clean', f));
  });
});
