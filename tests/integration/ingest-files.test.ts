// The real ingest CLI on saved files: every fixture kind, bad input, idempotency, a SIGKILL mid-run, the lock, options.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDayFile, parsePaperFile } from '../../src/lib/content/format.ts';
import { dayPath, paperPath } from '../../src/lib/paper.ts';
import { CORPUS, corpusItems, FIXTURES, hashTree, ROOT, runCli, tempDir } from './helpers.ts';

const corpusFiles = async (): Promise<string[]> =>
  (await readdir(CORPUS)).filter((f) => f.endsWith('.json')).sort();

async function readDay(dir: string, date: string) {
  const file = path.join(dir, dayPath(date));
  return parseDayFile(await readFile(file, 'utf8'), file);
}

/** Parse every file of an archive with the schema; returns counts (throws on the first invalid file). */
async function validateTree(dir: string): Promise<{ papers: number; days: number; stray: string[] }> {
  let papers = 0;
  let days = 0;
  const stray: string[] = [];
  for (const rel of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, rel);
    const base = path.basename(rel);
    if (rel.startsWith('papers') && base.endsWith('.md') && !base.startsWith('.')) {
      parsePaperFile(await readFile(file, 'utf8'), file);
      papers++;
    } else if (rel.startsWith('days') && base.endsWith('.json') && !base.startsWith('.')) {
      parseDayFile(await readFile(file, 'utf8'), file);
      days++;
    } else if (base.startsWith('.')) stray.push(rel);
  }
  return { papers, days, stray };
}

describe('ingest --source files', () => {
  const dirs: string[] = [];
  const fresh = async (name: string): Promise<string> => {
    const d = await tempDir(name);
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('imports all three saved kinds: an API response, the HTML page and text listings (day from --date)', async () => {
    const dir = await fresh('kinds');
    const api = await runCli([
      '--files',
      path.join(CORPUS, '2024-05-27.json'),
      '--content-dir',
      dir,
      '--fetched-at-time',
      '07:45',
    ]);
    expect(api.code).toBe(0);
    const html = await runCli([
      '--files',
      path.join(FIXTURES, 'hf-html/papers-date-2024-08-01.html'),
      '--date',
      '2024-08-01',
      '--content-dir',
      dir,
    ]);
    expect(html.code).toBe(0);
    const text = await runCli([
      '--files',
      path.join(FIXTURES, 'listing-text/000_bce038e02205d070.txt'),
      '--date',
      '2025-12-10',
      '--content-dir',
      dir,
      '--fetched-at',
      '2025-12-10T12:00:00Z',
    ]);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);

    const d1 = await readDay(dir, '2024-05-27');
    expect(d1.ids).toEqual(corpusItems('2024-05-27').map((i) => (i as { paper: { id: string } }).paper.id));
    // The file as the command line named it, relative to where the ingest ran (the repository root).
    expect(d1.source).toEqual({
      kind: 'api-file',
      file: path.relative(ROOT, path.join(CORPUS, '2024-05-27.json')),
      fetchedAt: '2024-05-27T07:45:00.000Z',
    });
    const d2 = await readDay(dir, '2024-08-01');
    expect(d2).toMatchObject({ count: 13, source: { kind: 'html-file' } });
    const d3 = await readDay(dir, '2025-12-10');
    expect(d3.source).toMatchObject({ kind: 'text-file', fetchedAt: '2025-12-10T12:00:00.000Z' });
    expect(d3.count).toBeGreaterThan(1);
    const first = d3.ids[0] as string;
    const p = parsePaperFile(await readFile(path.join(dir, paperPath(first)), 'utf8'), first);
    expect(p.data.title).toBe('Bias Loss for Mobile Neural Networks');
    expect(p.body).toMatch(/^Compact convolutional neural networks/);
  });

  it('rejects the bad-input fixtures in one line naming the file, writes nothing for them, and still imports the rest', async () => {
    const dir = await fresh('bad');
    const input = await fresh('bad-input');
    for (const f of ['2024-05-28.json', '2024-05-29.json'])
      await copyFile(path.join(CORPUS, f), path.join(input, f));
    for (const f of await readdir(path.join(FIXTURES, 'bad-input')))
      await copyFile(path.join(FIXTURES, 'bad-input', f), path.join(input, f));
    const r = await runCli(['--files', input, '--content-dir', dir]);
    expect(r.code).toBe(1);
    const failed = r.stderr.split('\n').filter((l) => l.startsWith('FAILED '));
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatch(/^FAILED 2024-12-11 \S*python-repr-items-2024-12-11\.json: .+/);
    expect(failed[1]).toMatch(/^FAILED 2025-01-10 \S*wrapped-python-repr-2025-01-10\.json: .+/);
    expect(r.stdout).toMatch(/days: 2 ok, 0 empty, 2 failed/);
    const days = await readdir(path.join(dir, 'days'), { recursive: true });
    expect(days.filter((f) => f.endsWith('.json')).sort()).toEqual([
      '2024/2024-05-28.json',
      '2024/2024-05-29.json',
    ]);
    // None of the bad days' papers were written either.
    const papers = (await readdir(path.join(dir, 'papers'), { recursive: true })).filter((f) =>
      f.endsWith('.md'),
    );
    expect(papers.some((f) => f.startsWith('2412') || f.startsWith('2501'))).toBe(false);
  });

  it('is idempotent: a second run over the same input changes no byte', async () => {
    const dir = await fresh('idem');
    // 40 days of the whole corpus, or every sample day of a plain clone.
    const all = await corpusFiles();
    const files = (all.length > 240 ? all.slice(200, 240) : all).map((f) => path.join(CORPUS, f));
    const first = await runCli(['--files', ...files, '--content-dir', dir, '--fetched-at-time', '07:45']);
    expect(first.code).toBe(0);
    const before = await hashTree(dir);
    expect(before.size).toBeGreaterThan(500);
    const second = await runCli(['--files', ...files, '--content-dir', dir, '--fetched-at-time', '07:45']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/papers: 0 new, 0 updated, \d+ unchanged/);
    expect(await hashTree(dir)).toEqual(before);
  });

  it('recovers from SIGKILL mid-run: the next run completes the archive, every file valid, no temp or lock left', async () => {
    const files = (await corpusFiles()).slice(0, 150).map((f) => path.join(CORPUS, f));
    const killAt = Math.floor(files.length / 3);
    const args = ['--files', ...files, '--fetched-at-time', '07:45', '--concurrency', '2'];
    const dir = await fresh('crash');
    // Kill once a good share of days is done, in the middle of writing the rest.
    let child: ChildProcess | undefined;
    let ok = 0;
    const killed = await runCli([...args, '--content-dir', dir], ROOT, {
      onSpawn: (c) => (child = c),
      onLine: (line) => {
        if (/ ok /.test(line) && ++ok >= killAt && child && !child.killed) child.kill('SIGKILL');
      },
    });
    expect(killed.signal, `ingest ended before the kill:\n${killed.stdout.slice(-300)}`).toBe('SIGKILL');
    const partial = await readdir(path.join(dir, 'days'), { recursive: true });
    expect(partial.filter((f) => f.endsWith('.json')).length).toBeLessThan(files.length);
    expect((await readdir(dir)).includes('.ingest.lock')).toBe(true);
    // Also what a kill between open() and rename() leaves behind.
    await mkdir(path.join(dir, 'papers/2405'), { recursive: true });
    await writeFile(path.join(dir, 'papers/2405/.2405.99999.md.a1b2c3d4e5f6.tmp'), '---\nid: 2405.99');

    const again = await runCli([...args, '--content-dir', dir]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/taking over a stale lock/);
    const tree = await validateTree(dir);
    expect(tree.days).toBe(files.length);
    expect(tree.stray).toEqual([]);

    // Byte-identical to an uninterrupted run.
    const clean = await fresh('clean');
    expect((await runCli([...args, '--content-dir', clean])).code).toBe(0);
    const a = await hashTree(dir);
    const b = await hashTree(clean);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(a).toEqual(b);
  });

  it('stops when another live ingest holds the lock', async () => {
    const dir = await fresh('locked');
    await writeFile(
      path.join(dir, '.ingest.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }),
    );
    const r = await runCli(['--files', path.join(CORPUS, '2024-05-27.json'), '--content-dir', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      new RegExp(`\\.ingest\\.lock: another ingest is running \\(pid ${process.pid} `),
    );
    expect(await readdir(dir)).toEqual(['.ingest.lock']);
  });
});

describe('ingest options', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('opts');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [
      ['--date', '2024-02-30'],
      /^ingest: --date "2024-02-30": expected a real date as YYYY-MM-DD \(see npm run ingest -- --help\)$/m,
    ],
    [['--from', '2024-06-02', '--to', '2024-06-01'], /--from 2024-06-02 is after --to 2024-06-01/],
    [['--source', 'rss'], /--source "rss": expected hf-api, hf-html or files/],
    [['--concurrency', '0'], /--concurrency "0": expected a whole number from 1 to 16/],
    [['--base-url', 'ftp://example.org'], /--base-url "ftp:\/\/example\.org": expected an http\(s\) URL/],
    [['--source', 'files'], /--source files needs --files PATH/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--files', 'x.json', '--fetched-at', 'yesterday'], /--fetched-at "yesterday": expected an ISO time/],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const r = await runCli([...args, '--content-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(await readdir(dir)).toEqual([]);
  });

  it('prints usage for --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run ingest -- \[options\]/);
    expect(r.stdout).toContain('--since-last');
  });
});
