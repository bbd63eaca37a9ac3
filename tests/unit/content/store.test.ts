// The on-disk store: the ingest lock (who is stopped, what is taken over, by one run), temp-file cleanup, writes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergePaper } from '../../../src/lib/ingest/merge.ts';
import { ArchiveStore, LOCK_FILE, LockedError } from '../../../src/lib/content/store.ts';
import { serializePaper } from '../../../src/lib/content/format.ts';
import { LOCK_MAX_AGE_MS, processStartTime, type LockRecord } from '../../../src/lib/content/lock.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dpa-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const source = {
  kind: 'hf-api' as const,
  url: 'https://huggingface.co/api/daily_papers?date=2025-03-04',
  fetchedAt: '2025-03-04T07:45:00.000Z',
};
const paper = mergePaper(
  undefined,
  { id: '2503.01234', title: 'T', authors: [], abstract: 'Body.', upvotes: 1 },
  { date: '2025-03-04', source },
);

function pidOfExitedProcess(): number {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(dead.stdout);
}

function writeLock(record: LockRecord): Promise<void> {
  return writeFile(path.join(dir, LOCK_FILE), `${JSON.stringify(record)}\n`);
}

describe('ArchiveStore', () => {
  it('refuses to run while this live process holds the lock, naming holder and age; releases it on close', async () => {
    const first = await ArchiveStore.open(dir);
    const lock = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as LockRecord;
    expect(lock).toMatchObject({ pid: process.pid, host: hostname() });
    if (process.platform === 'linux') expect(lock.processStart).toBe(processStartTime(process.pid));
    const second = ArchiveStore.open(dir);
    await expect(second).rejects.toThrow(LockedError);
    await expect(second).rejects.toThrow(
      new RegExp(`another ingest is running \\(pid ${process.pid} on ${hostname()}, taken .*, \\d+ seconds? ago\\)`),
    );
    await first.close();
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
    await (await ArchiveStore.open(dir)).close();
  });

  it('takes over the stale lock of a dead process with a warning, and removes leftover temp files', async () => {
    const deadPid = pidOfExitedProcess();
    await writeLock({ pid: deadPid, host: hostname(), startedAt: new Date().toISOString() });
    await mkdir(path.join(dir, 'papers/2503'), { recursive: true });
    await writeFile(path.join(dir, 'papers/2503/.2503.01234.md.0123456789ab.tmp'), 'half a fi');
    await writeFile(path.join(dir, 'papers/2503/keep.md'), 'not ours');
    const warnings: string[] = [];
    const store = await ArchiveStore.open(dir, { onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(new RegExp(`stale lock \\(pid ${deadPid} .*\\): that process is gone`));
    expect(warnings.join('\n')).toMatch(/removed 1 temp file/);
    expect((await readdir(path.join(dir, 'papers/2503'))).sort()).toEqual(['keep.md']);
    await store.close();
  });

  it.runIf(process.platform === 'linux')(
    'takes over a lock whose live pid is another process (recycled after a reboot)',
    async () => {
      // The parent process is alive and on this host, but it is not the one that took this lock.
      const ppid = process.ppid;
      const start = processStartTime(ppid);
      expect(start).toBeTypeOf('number');
      await writeLock({
        pid: ppid,
        host: hostname(),
        startedAt: new Date().toISOString(),
        bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
        processStart: (start as number) + 1,
      });
      const warnings: string[] = [];
      const store = await ArchiveStore.open(dir, { onWarning: (m) => warnings.push(m) });
      expect(warnings).toEqual([
        expect.stringMatching(new RegExp(`stale lock \\(pid ${ppid} .*\\): pid ${ppid} is now a different process`)),
      ]);
      expect(JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
      await store.close();

      // Same pid and start ticks, but recorded in an earlier boot.
      await writeLock({
        pid: ppid,
        host: hostname(),
        startedAt: new Date().toISOString(),
        bootId: '00000000-0000-0000-0000-000000000000',
        processStart: start as number,
      });
      warnings.length = 0;
      await (await ArchiveStore.open(dir, { onWarning: (m) => warnings.push(m) })).close();
      expect(warnings).toEqual([expect.stringMatching(/taken before this machine last booted/)]);
    },
  );

  it('leaves a young lock of another host alone and takes over one older than LOCK_MAX_AGE_MS', async () => {
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000).toISOString();
    await writeLock({ pid: process.pid, host: 'runner-elsewhere', startedAt: fiveMinutesAgo });
    await expect(ArchiveStore.open(dir)).rejects.toThrow(
      new RegExp(`another ingest is running \\(pid ${process.pid} on runner-elsewhere, taken ${fiveMinutesAgo}, 5 minutes ago\\)`),
    );
    const old = new Date(Date.now() - LOCK_MAX_AGE_MS - 60_000).toISOString();
    await writeLock({ pid: process.pid, host: 'runner-elsewhere', startedAt: old });
    const warnings: string[] = [];
    const store = await ArchiveStore.open(dir, { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      expect.stringMatching(/stale lock \(pid \d+ on runner-elsewhere, .*\): it is older than the maximum age of 6 hours/),
    ]);
    await store.close();
  });

  it('takes over a garbled lock file, saying so', async () => {
    await writeFile(path.join(dir, LOCK_FILE), '{"pid": 12');
    const warnings: string[] = [];
    const store = await ArchiveStore.open(dir, { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(/stale lock \(content "\{\\"pid\\": 12"\): the file is unreadable/)]);
    await store.close();
  });

  it('lets exactly one of two concurrent opens take over the same stale lock', async () => {
    const deadPid = pidOfExitedProcess();
    for (let round = 0; round < 20; round++) {
      await writeLock({ pid: deadPid, host: hostname(), startedAt: new Date().toISOString() });
      const results = await Promise.allSettled([ArchiveStore.open(dir), ArchiveStore.open(dir)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.any(LockedError)]);
      await (won[0] as PromiseFulfilledResult<ArchiveStore>).value.close();
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('writes papers atomically into paperPath, skips identical text, and lists archived days', async () => {
    const store = await ArchiveStore.open(dir, { durable: false });
    expect(await store.writePapers([{ paper, previousText: undefined }])).toEqual(['new']);
    const file = path.join(dir, 'papers/2503/2503.01234.md');
    const text = await readFile(file, 'utf8');
    expect(text).toBe(serializePaper(paper));
    expect(await store.writePapers([{ paper, previousText: text }])).toEqual(['unchanged']);
    const read = await store.readPaper('2503.01234');
    expect(read?.paper).toEqual(paper);
    await store.writeDay(
      { date: '2025-03-04', status: 'ok', count: 1, ids: ['2503.01234'], source },
      undefined,
    );
    await store.writeDay({ date: '2024-12-31', status: 'empty', count: 0, ids: [], source }, undefined);
    expect(await store.listArchivedDays()).toEqual(['2024-12-31', '2025-03-04']);
    expect((await readdir(path.join(dir, 'papers/2503'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await store.close();
  });

  it('writes nothing when one paper of a batch is invalid', async () => {
    const store = await ArchiveStore.open(dir, { durable: false });
    const bad = { ...paper, data: { ...paper.data, id: '2503.09999', upvotes: -1 } };
    const good = { ...paper, data: { ...paper.data, id: '2503.00001' } };
    await expect(
      store.writePapers([
        { paper: good, previousText: undefined },
        { paper: bad, previousText: undefined },
      ]),
    ).rejects.toThrow(/paper 2503\.09999: field upvotes/);
    await expect(readdir(path.join(dir, 'papers'))).rejects.toThrow(/ENOENT/);
    await store.close();
  });
});
