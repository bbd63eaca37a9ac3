// The real ingest CLI on hostile or broken upstream data: bad characters, oversized fields, bad items, odd paging.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDayFile, parsePaperFile } from '../../src/lib/content/format.ts';
import { dayPath, paperPath } from '../../src/lib/paper.ts';
import { ABSTRACT_MAX, AUTHORS_MAX } from '../../src/lib/sources/listed-paper.ts';
import { corpusItems, hashTree, runCli, startFakeHf, tempDir } from './helpers.ts';

type RawItem = Record<string, unknown> & { paper: Record<string, unknown> & { id: string } };
/** A real day of 26 papers. */
const DAY26 = '2025-03-11';
const items26 = (): RawItem[] => corpusItems(DAY26) as RawItem[];
const idsOf = (items: RawItem[]): string[] => items.map((i) => i.paper.id);
/** 60 real papers: a day cut at 50 plus ten of the next day. */
const items60 = (): RawItem[] => {
  const first = corpusItems('2025-09-30') as RawItem[];
  const seen = new Set(idsOf(first));
  const more = (corpusItems('2025-10-01') as RawItem[]).filter((i) => !seen.has(i.paper.id)).slice(0, 10);
  return [...first, ...more];
};

const dirs: string[] = [];
async function fresh(name: string): Promise<string> {
  const d = await tempDir(name);
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function day(dir: string, date: string) {
  const file = path.join(dir, dayPath(date));
  return parseDayFile(await readFile(file, 'utf8'), file);
}
async function paperText(dir: string, id: string): Promise<string> {
  return readFile(path.join(dir, paperPath(id)), 'utf8');
}
/** Write a saved API response the way the collector did (the JSON array, compact). */
async function savedFile(dir: string, date: string, items: unknown[]): Promise<string> {
  const file = path.join(dir, `${date}.json`);
  await writeFile(file, JSON.stringify(items));
  return file;
}
const FORBIDDEN = /[\0-\x08\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFD\p{Noncharacter_Code_Point}]/u;

describe('bad characters are removed once, so every output is valid and a re-run changes nothing', () => {
  it('a lone surrogate, NUL, C0/C1 controls and U+FFFE in a real day: stored clean, and the second run reports 0 updated', async () => {
    const input = await fresh('chars-in');
    const dir = await fresh('chars');
    const items = items26();
    const target = items[0] as RawItem;
    // JSON.stringify writes a lone surrogate as the escape \ud83d, as a broken upstream serialiser would.
    target.paper.summary = `${String(target.paper.summary)} A lone \ud83d surrogate.`;
    target.paper.title = `${String(target.paper.title)}\u0000\u0007\u0085\u009b\ufffe`;
    (target.paper.authors as { name: string }[])[0]!.name = 'Schu\u0308tze\tJr.';
    const file = await savedFile(input, DAY26, items);
    expect(await readFile(file, 'utf8')).toContain('\\ud83d');
    const args = ['--files', file, '--content-dir', dir, '--fetched-at-time', '07:45'];

    const first = await runCli(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const text = await paperText(dir, target.paper.id);
    expect(text).not.toMatch(FORBIDDEN);
    const stored = parsePaperFile(text, target.paper.id);
    expect(stored.body).toMatch(/ A lone +surrogate\.$/);
    expect(stored.data.title).toBe(String(items26()[0]!.paper.title).replace(/\s+/g, ' ').trim());
    expect(stored.data.authors[0]?.name).toBe('Schütze Jr.');

    const before = await hashTree(dir);
    const second = await runCli(args);
    expect(second.code).toBe(0);
    // Before the fix: the surrogate was written as U+FFFD, never equal to the input, so "1 updated" every run.
    expect(second.stdout).toMatch(/papers: 0 new, 0 updated, 26 unchanged, 0 items skipped/);
    expect(await hashTree(dir)).toEqual(before);
  });
});

describe('caps', () => {
  it('a 250 KB abstract and 6,000 authors end up as a bounded file, with a warning', async () => {
    const input = await fresh('caps-in');
    const dir = await fresh('caps');
    const items = items26();
    const big = items[1] as RawItem;
    big.paper.summary = 'All work and no play makes a dull abstract. '.repeat(5_700);
    const many = items[2] as RawItem;
    many.paper.authors = Array.from({ length: 6_000 }, (_, i) => ({
      _id: `a${i}`,
      name: `Author Number ${i}`,
      hidden: false,
    }));
    const file = await savedFile(input, DAY26, items);
    expect((await stat(file)).size).toBeGreaterThan(250_000);
    const r = await runCli(['--files', file, '--content-dir', dir, '--fetched-at-time', '07:45']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `^warning: ${DAY26} \\S+${DAY26}\\.json: item 1 \\(${big.paper.id}\\): abstract cut to 5,000 characters \\(was 250,799\\)$`,
        'm',
      ),
    );
    expect(r.stderr).toMatch(
      new RegExp(`item 2 \\(${many.paper.id}\\): kept the first 5,000 of 6,000 authors`),
    );
    const bigFile = path.join(dir, paperPath(big.paper.id));
    expect((await stat(bigFile)).size).toBeLessThan(ABSTRACT_MAX * 2);
    const stored = parsePaperFile(await readFile(bigFile, 'utf8'), bigFile);
    expect(stored.body.length).toBeLessThanOrEqual(ABSTRACT_MAX);
    expect(stored.body.endsWith('…')).toBe(true);
    const manyStored = parsePaperFile(await paperText(dir, many.paper.id), many.paper.id);
    expect(manyStored.data.authors).toHaveLength(AUTHORS_MAX);
  });
});

describe('a bad item is skipped; the rest of the day is archived and the next run tries it again', () => {
  it('skips an over-long id, a missing title, a Python-repr string and a numeric id; archives the other 22; exits 1', async () => {
    const input = await fresh('items-in');
    const dir = await fresh('items');
    const good = items26();
    const bad: unknown[] = items26();
    const longId = `${'a'.repeat(232)}/9901001`;
    bad[2] = { ...good[2], paper: { ...good[2]!.paper, id: longId } };
    bad[5] = { ...good[5], title: '', paper: { ...good[5]!.paper, title: '  ' } };
    bad[9] = `{'paper': {'id': '${good[9]!.paper.id}', 'title': 'x', 'hidden': False}}`;
    bad[14] = { ...good[14], paper: { ...good[14]!.paper, id: 2503.0777 } };
    const file = await savedFile(input, DAY26, bad);
    const args = ['--files', file, '--content-dir', dir, '--fetched-at-time', '07:45'];

    const r = await runCli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/ENAMETOOLONG/);
    const name = path.relative(process.cwd(), file);
    const skippedLines = r.stderr.split('\n').filter((l) => l.startsWith('SKIPPED '));
    expect(skippedLines).toEqual([
      `SKIPPED ${DAY26} ${name}: item 2 skipped: invalid paper.id "${'a'.repeat(79)}…": not an arXiv id`,
      `SKIPPED ${DAY26} ${name}: item 5 (${good[5]!.paper.id}) skipped: no title`,
      expect.stringMatching(
        new RegExp(
          `^SKIPPED ${DAY26} \\S+: item 9 \\(${good[9]!.paper.id}\\) skipped: a string \\(a Python repr\\?\\), not an object: `,
        ),
      ),
      `SKIPPED ${DAY26} ${name}: item 14 skipped: paper.id is a number, not a string`,
    ]);
    expect(r.stdout).toMatch(
      new RegExp(`^${DAY26} \\S+ ok 22 papers \\(22 new, 0 updated, 0 unchanged\\), 4 items skipped$`, 'm'),
    );
    expect(r.stdout).toMatch(
      /days: 1 ok, 0 empty, 0 failed\npapers: 22 new, 0 updated, 0 unchanged, 4 items skipped\nskipped items/,
    );
    expect(r.stdout).toContain(`\n  ${DAY26} ${name}: item 5 (${good[5]!.paper.id}) skipped: no title`);

    const d = await day(dir, DAY26);
    expect(d.status).toBe('ok');
    expect(d.ids).toEqual(idsOf(good).filter((_, i) => ![2, 5, 9, 14].includes(i)));
    expect(d.skipped?.map((s) => [s.index, s.id])).toEqual([
      [2, undefined],
      [5, good[5]!.paper.id],
      [9, good[9]!.paper.id],
      [14, undefined],
    ]);
    expect(d.skipped?.[1]).toEqual({ index: 5, id: good[5]!.paper.id, reason: 'no title' });

    // The same bad input again: nothing changes, and the run still says so.
    const before = await hashTree(dir);
    const again = await runCli(args);
    expect(again.code).toBe(1);
    expect(await hashTree(dir)).toEqual(before);

    // Upstream fixes the items: all 26 archived, the skipped record gone, exit 0.
    await savedFile(input, DAY26, good);
    const fixed = await runCli(args);
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/papers: 4 new, 0 updated, 22 unchanged, 0 items skipped/);
    const d2 = await day(dir, DAY26);
    expect(d2.ids).toHaveLength(26);
    expect(d2).not.toHaveProperty('skipped');
    expect(await readFile(path.join(dir, dayPath(DAY26)), 'utf8')).not.toContain('skipped');
  });

  it('over the network: --since-last fetches an older day with skipped items again, until it is clean', async () => {
    const bad = items26();
    bad[7] = { ...bad[7], title: null, paper: { ...bad[7]!.paper, title: null } } as RawItem;
    const served: Record<string, unknown[]> = { [DAY26]: bad };
    const hf = await startFakeHf({ days: served });
    const dir = await fresh('retry');
    const common = ['--base-url', hf.base, '--content-dir', dir, '--retry-delay', '10'];
    try {
      const first = await runCli(['--date', DAY26, ...common]);
      expect(first.code).toBe(1);
      expect(first.stderr).toMatch(
        new RegExp(
          `^SKIPPED ${DAY26} http://127\\.0\\.0\\.1:\\d+/api/daily_papers\\?date=${DAY26}&limit=100&p=0: item 7 \\(${bad[7]!.paper.id}\\) skipped: no title$`,
          'm',
        ),
      );
      expect((await day(dir, DAY26)).skipped).toEqual([
        { index: 7, id: bad[7]!.paper.id, reason: 'no title' },
      ]);
      // A later day archived, so DAY26 is far outside the refresh window.
      served['2025-04-10'] = corpusItems('2025-04-10');
      expect((await runCli(['--date', '2025-04-10', ...common])).code).toBe(0);

      // Still bad upstream: fetched again, still recorded, still exit 1.
      hf.requests.length = 0;
      const still = await runCli(['--today', '2025-04-12', '--refresh-days', '1', ...common]);
      expect(still.code).toBe(1);
      expect(still.stdout).toContain(`also fetching 1 older day with skipped items: ${DAY26}`);
      expect(hf.requests.some((q) => q.includes(`date=${DAY26}`))).toBe(true);

      // Fixed upstream: the next --since-last run picks it up and the record goes.
      served[DAY26] = items26();
      const fixed = await runCli(['--today', '2025-04-12', '--refresh-days', '1', ...common]);
      expect(fixed.stderr).toBe('');
      expect(fixed.code).toBe(0);
      const d = await day(dir, DAY26);
      expect(d.ids).toEqual(idsOf(items26()));
      expect(d).not.toHaveProperty('skipped');

      // Clean now: no longer fetched outside the window.
      hf.requests.length = 0;
      expect((await runCli(['--today', '2025-04-12', '--refresh-days', '1', ...common])).code).toBe(0);
      expect(hf.requests.some((q) => q.includes(`date=${DAY26}`))).toBe(false);
    } finally {
      await hf.close();
    }
  });
});

describe('paging that cannot lose papers', () => {
  it('keeps every paper when the server caps pages at 25 or 50 whatever limit asks (days of 26 and 60)', async () => {
    const days = {
      '2025-11-03': items26(),
      '2025-11-04': items26(),
      '2025-11-05': items60(),
      '2025-11-06': items60(),
    };
    const hf = await startFakeHf({
      days,
      paging: {
        '2025-11-03': { cap: 25 },
        '2025-11-04': { cap: 50 },
        '2025-11-05': { cap: 25 },
        '2025-11-06': { cap: 50 },
      },
    });
    const dir = await fresh('capped');
    try {
      const r = await runCli([
        '--from',
        '2025-11-03',
        '--to',
        '2025-11-06',
        '--base-url',
        hf.base,
        '--content-dir',
        dir,
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      for (const [date, items] of Object.entries(days)) {
        expect((await day(dir, date)).ids, date).toEqual(idsOf(items));
      }
      const pages = (date: string): string[] =>
        hf.requests.filter((q) => q.includes(`date=${date}`)).map((q) => /p=(\d+)/.exec(q)?.[1] ?? '?');
      // 25 + 1; 26 + an empty page; 25 + 25 + 10; 50 + 10.
      expect(pages('2025-11-03')).toEqual(['0', '1']);
      expect(pages('2025-11-04')).toEqual(['0', '1']);
      expect(pages('2025-11-05')).toEqual(['0', '1', '2']);
      expect(pages('2025-11-06')).toEqual(['0', '1']);
    } finally {
      await hf.close();
    }
  });

  it('stops, and says so, when the server ignores p and sends the same full page every time', async () => {
    const big = [
      ...items60(),
      ...(corpusItems('2025-10-02') as RawItem[]),
      ...(corpusItems('2025-10-03') as RawItem[]),
    ];
    const unique = [...new Map(big.map((i) => [i.paper.id, i])).values()];
    expect(unique.length).toBeGreaterThan(100);
    const hf = await startFakeHf({
      days: { '2025-11-07': unique },
      paging: { '2025-11-07': { ignorePage: true } },
    });
    const dir = await fresh('ignore-p');
    try {
      const r = await runCli(['--date', '2025-11-07', '--base-url', hf.base, '--content-dir', dir]);
      // Before: 50 requests of the same page, then the whole day failed.
      expect(hf.requests).toHaveLength(2);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(
        /^warning: 2025-11-07 http:\/\/127\.0\.0\.1:\d+\/api\/daily_papers\?date=2025-11-07&limit=100&p=1: page 1 added no new paper \(the server seems to ignore p\); stopped paging with 100 papers$/m,
      );
      expect((await day(dir, '2025-11-07')).ids).toEqual(idsOf(unique.slice(0, 100)));
    } finally {
      await hf.close();
    }
  });

  it('merges duplicates across pages (a list that shifts while it is paged)', async () => {
    const items = items60();
    // Page 1 (of 50) repeats the last five papers of page 0 before the ten new ones.
    const shifted = [...items.slice(0, 50), ...items.slice(45, 50), ...items.slice(50)];
    const hf = await startFakeHf({ days: { '2025-11-10': shifted }, paging: { '2025-11-10': { cap: 50 } } });
    const dir = await fresh('shifted');
    try {
      const r = await runCli(['--date', '2025-11-10', '--base-url', hf.base, '--content-dir', dir]);
      expect(r.code).toBe(0);
      expect((await day(dir, '2025-11-10')).ids).toEqual(idsOf(items));
    } finally {
      await hf.close();
    }
  });
});
