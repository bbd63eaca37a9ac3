// The real ingest CLI against a local fake Hugging Face: faults, retries, HTML fallback, paging, failures.
import { readFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDayFile, parsePaperFile } from '../../src/lib/content/format.ts';
import { dayPath, paperPath } from '../../src/lib/paper.ts';
import {
  corpusItems,
  FIXTURES,
  runCli,
  startFakeHf,
  tempDir,
  type CliResult,
  type FakeHf,
} from './helpers.ts';

const idsOf = (items: unknown[]): string[] => items.map((i) => (i as { paper: { id: string } }).paper.id);
const BIG_DAY = '2025-10-04';
const big = [...corpusItems('2025-09-30'), ...corpusItems('2025-10-01'), ...corpusItems('2025-10-03')];

async function day(dir: string, date: string) {
  const file = path.join(dir, dayPath(date));
  return parseDayFile(await readFile(file, 'utf8'), file);
}

async function paper(dir: string, id: string) {
  const file = path.join(dir, paperPath(id));
  return parsePaperFile(await readFile(file, 'utf8'), file);
}

describe('ingest --source hf-api against a scripted server', () => {
  let hf: FakeHf;
  let dir: string;
  let run: CliResult;

  beforeAll(async () => {
    hf = await startFakeHf({
      days: {
        '2024-05-27': corpusItems('2024-05-27'),
        '2024-05-28': corpusItems('2024-05-28'),
        '2024-05-29': corpusItems('2024-05-29'),
        '2024-05-30': corpusItems('2024-05-30'),
        '2024-05-31': corpusItems('2024-05-31'),
        '2024-06-02': corpusItems('2024-05-31'),
      },
      faults: {
        '2024-05-27': { faults: [{ kind: 'status', status: 429, headers: { 'retry-after': '1' } }] },
        '2024-05-28': { faults: [{ kind: 'status', status: 500 }] },
        '2024-05-29': { faults: [{ kind: 'stall' }] },
        '2024-05-30': { faults: [{ kind: 'truncate' }] },
        '2024-06-02': { faults: [{ kind: 'truncated-json' }], always: true },
        '2024-06-03': { faults: [{ kind: 'status', status: 404 }], always: true },
      },
    });
    dir = await tempDir('http');
    run = await runCli([
      '--from',
      '2024-05-27',
      '--to',
      '2024-06-03',
      '--base-url',
      hf.base,
      '--content-dir',
      dir,
      '--retries',
      '3',
      '--retry-delay',
      '20',
      '--timeout',
      '1500',
      '--concurrency',
      '2',
    ]);
  });
  afterAll(async () => {
    await hf.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('recovers from 429 (waiting the Retry-After), 500, a stalled body and a truncated body', async () => {
    expect(run.stdout).toMatch(/retry 1 in 1\.0s: .*date=2024-05-27.*: HTTP 429/);
    expect(run.stdout).toMatch(/retry 1 in .*date=2024-05-28.*: HTTP 500/);
    expect(run.stdout).toMatch(/retry 1 in .*date=2024-05-29.*UND_ERR_BODY_TIMEOUT/);
    expect(run.stdout).toMatch(/retry 1 in .*date=2024-05-30.*(UND_ERR_SOCKET|body: )/);
    for (const date of ['2024-05-27', '2024-05-28', '2024-05-29', '2024-05-30', '2024-05-31']) {
      const d = await day(dir, date);
      expect(d.ids).toEqual(idsOf(corpusItems(date)));
      expect(d.status).toBe('ok');
      expect(d.source.kind).toBe('hf-api');
      expect(d.source.url).toBe(`${hf.base}/api/daily_papers?date=${date}&limit=100&p=0`);
    }
    const first = corpusItems('2024-05-27')[0] as { paper: { id: string; title: string; upvotes: number } };
    const p = await paper(dir, first.paper.id);
    expect(p.data.title).toBe(first.paper.title.replace(/\s+/g, ' ').trim());
    expect(p.data.featured).toEqual(['2024-05-27']);
    expect(p.data.upvotes).toBe(first.paper.upvotes);
  });

  it('writes an empty manifest for a day upstream lists nothing for', async () => {
    expect(await day(dir, '2024-06-01')).toMatchObject({ status: 'empty', count: 0, ids: [] });
  });

  it('fails a day with truncated JSON or a 404 in one line, writes nothing for it, and exits non-zero', async () => {
    expect(run.code).toBe(1);
    const failed = run.stderr.split('\n').filter((l) => l.startsWith('FAILED '));
    expect(failed).toHaveLength(2);
    expect(failed.find((l) => l.includes('2024-06-02'))).toMatch(
      /^FAILED 2024-06-02 http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2024-06-02&limit=100&p=0: .*JSON/i,
    );
    expect(failed.find((l) => l.includes('2024-06-03'))).toMatch(
      /^FAILED 2024-06-03 http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2024-06-03&limit=100&p=0: HTTP 404$/,
    );
    // A 404 is not retried.
    expect(hf.requests.filter((r) => r.includes('date=2024-06-03'))).toHaveLength(1);
    await expect(readFile(path.join(dir, dayPath('2024-06-02')))).rejects.toThrow(/ENOENT/);
    await expect(readFile(path.join(dir, dayPath('2024-06-03')))).rejects.toThrow(/ENOENT/);
    expect(run.stdout).toMatch(/days: 5 ok, 1 empty, 2 failed/);
    expect(run.stdout).toMatch(/failed days:\n {2}2024-06-02 .*\n {2}.*2024-06-03/);
  });

  it('names the project in its User-Agent and leaves no lock or temp files', async () => {
    expect(new Set(hf.userAgents)).toEqual(
      new Set([expect.stringMatching(/^daily-papers-archive\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\//)]),
    );
    const all = await readdir(dir, { recursive: true });
    expect(all.filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });
});

describe('ingest: HTML fallback and paging', () => {
  let hf: FakeHf;
  let dir: string;
  let run: CliResult;

  beforeAll(async () => {
    hf = await startFakeHf({
      days: { '2024-08-01': corpusItems('2024-08-01'), [BIG_DAY]: big },
      html: {
        '2024-08-01': readFileSync(path.join(FIXTURES, 'hf-html/papers-date-2024-08-01.html'), 'utf8'),
      },
      faults: { '2024-08-01': { faults: [{ kind: 'html' }], always: true } },
    });
    dir = await tempDir('fallback');
    run = await runCli([
      '--date',
      '2024-08-01',
      '--base-url',
      hf.base,
      '--content-dir',
      dir,
      '--retry-delay',
      '10',
    ]);
    const second = await runCli([
      '--date',
      BIG_DAY,
      '--base-url',
      hf.base,
      '--content-dir',
      dir,
      '--retry-delay',
      '10',
    ]);
    run = {
      code: [run.code, second.code].find((c) => c !== 0) ?? 0,
      signal: run.signal ?? second.signal,
      stdout: run.stdout + second.stdout,
      stderr: run.stderr + second.stderr,
    };
  });
  afterAll(async () => {
    await hf.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the day from its HTML page when the API answers with HTML', async () => {
    expect(run.code).toBe(0);
    const d = await day(dir, '2024-08-01');
    expect(d.source).toMatchObject({ kind: 'hf-html', url: `${hf.base}/papers/date/2024-08-01` });
    // The saved page lists 13 papers, more than the 11 of the API snapshot.
    expect(d.count).toBe(13);
    expect(hf.requests).toContain('/papers/date/2024-08-01');
  });

  it('pages through a day with more than 100 papers until a short page', async () => {
    const d = await day(dir, BIG_DAY);
    expect(d.ids).toEqual([...new Set(idsOf(big))]);
    expect(d.count).toBeGreaterThan(100);
    expect(hf.requests.filter((r) => r.includes(`date=${BIG_DAY}`))).toEqual([
      `/api/daily_papers?date=${BIG_DAY}&limit=100&p=0`,
      `/api/daily_papers?date=${BIG_DAY}&limit=100&p=1`,
    ]);
  });

  it('--source hf-html goes straight to the page', async () => {
    const dir2 = await tempDir('html');
    try {
      const r = await runCli([
        '--date',
        '2024-08-01',
        '--source',
        'hf-html',
        '--base-url',
        hf.base,
        '--content-dir',
        dir2,
      ]);
      expect(r.code).toBe(0);
      expect((await day(dir2, '2024-08-01')).count).toBe(13);
    } finally {
      await rm(dir2, { recursive: true, force: true });
    }
  });
});

describe('ingest --since-last (the default)', () => {
  it('refetches from the last archived day minus --refresh-days up to today', async () => {
    const hf = await startFakeHf({ days: { '2024-05-31': corpusItems('2024-05-31') } });
    const dir = await tempDir('since');
    try {
      const seed = await runCli(['--date', '2024-05-31', '--base-url', hf.base, '--content-dir', dir]);
      expect(seed.code).toBe(0);
      hf.requests.length = 0;
      const r = await runCli([
        '--today',
        '2024-06-03',
        '--refresh-days',
        '2',
        '--base-url',
        hf.base,
        '--content-dir',
        dir,
      ]);
      expect(r.code).toBe(0);
      const dates = [...new Set(hf.requests.map((q) => /date=([\d-]+)/.exec(q)?.[1]))].sort();
      expect(dates).toEqual([
        '2024-05-29',
        '2024-05-30',
        '2024-05-31',
        '2024-06-01',
        '2024-06-02',
        '2024-06-03',
      ]);
      // A first page shorter than asked may be a server's cap, so one more page is asked for; empty days stop at once.
      expect(hf.requests.filter((q) => q.includes('date=2024-05-31'))).toEqual([
        '/api/daily_papers?date=2024-05-31&limit=100&p=0',
        '/api/daily_papers?date=2024-05-31&limit=100&p=1',
      ]);
      expect(hf.requests.filter((q) => q.includes('date=2024-06-01'))).toHaveLength(1);
      expect(r.stdout).toMatch(/2024-05-31 ok 11 papers \(0 new, 0 updated, 11 unchanged\)/);
      expect(r.stdout).toMatch(/days: 1 ok, 5 empty, 0 failed/);
    } finally {
      await hf.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
