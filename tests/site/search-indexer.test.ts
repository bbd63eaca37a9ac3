// scripts/search-index.ts on a copy of the fixture archive: shards per year, reuse of unchanged shards from the
// cache, and a clear error for a bad paper file.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT, ROOT } from '../helpers/build-site.ts';
import { NODE, runProcess, type RunResult } from '../helpers/run-process.ts';

let work: string;
let content: string;
let cache: string;

function run(...args: string[]): Promise<RunResult> {
  return runProcess(
    NODE,
    ['scripts/search-index.ts', '--content', content, '--cache', cache, '--shard-papers', '1', ...args],
    // Under Vitest's 60 s a test, so a hung indexer fails with its own log rather than a bare timeout.
    { allowFailure: true, timeoutMs: 55_000 },
  );
}

const pageCount = (dir: string): number =>
  (
    JSON.parse(readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as {
      languages: { en: { page_count: number } };
    }
  ).languages.en.page_count;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'dpa-search-index-'));
  content = path.join(work, 'content');
  cache = path.join(work, 'cache');
  cpSync(path.join(ROOT, FIXTURE_CONTENT), content, { recursive: true });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('search indexer', () => {
  it('indexes a bundle per year into a site, with every paper of that year', async () => {
    const site = path.join(work, 'site');
    const r = await run('--out', site);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pagefind-2024 \(2024, 20 papers\): indexed in/);
    expect(r.stdout).toMatch(/search index: 3 shard\(s\), 0 reused/);
    expect(readdirSync(site).sort()).toEqual(['pagefind', 'pagefind-2024', 'pagefind-2025']);
    expect(pageCount(path.join(site, 'pagefind-2024'))).toBe(20);
    expect(pageCount(path.join(site, 'pagefind-2025')) + pageCount(path.join(site, 'pagefind'))).toBe(45);
    // Pagefind's own search UIs are not shipped: the site has its own client.
    expect(readdirSync(path.join(site, 'pagefind'))).not.toContain('pagefind-ui.js');
    expect(readdirSync(path.join(site, 'pagefind'))).toContain('pagefind.js');
  });

  it('reuses unchanged years from the cache and re-indexes only the year that changed', async () => {
    expect((await run()).stdout).toMatch(/3 shard\(s\), 3 reused/);
    const file = path.join(content, 'papers/2608/2608.19880.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^upvotes: 163$/m, 'upvotes: 999'));
    const r = await run();
    expect(r.stdout).toMatch(/^pagefind \(2026, 32 papers\): indexed in/m);
    expect(r.stdout).toMatch(/^pagefind-2025 \(2025, 13 papers\): unchanged, reused from the cache$/m);
    expect(r.stdout).toMatch(/^pagefind-2024 \(2024, 20 papers\): unchanged, reused from the cache$/m);
  });

  it('stops with one line naming a bad paper file', async () => {
    const file = path.join(content, 'papers/2405/2405.15738.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^upvotes: .*$/m, 'upvotes: many'));
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^search-index: .*2405\.15738\.md.*upvotes/);
  });
});
