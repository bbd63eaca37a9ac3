// The on-disk store: lock (live holder stops us, a dead one is taken over), temp-file cleanup, skip-identical writes.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergePaper } from '../../../src/lib/ingest/merge.ts';
import { ArchiveStore, LOCK_FILE, LockedError } from '../../../src/lib/content/store.ts';
import { serializePaper } from '../../../src/lib/content/format.ts';

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

describe('ArchiveStore', () => {
  it('refuses to run while a live process holds the lock, and releases its own lock on close', async () => {
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({
        pid: process.pid,
        host: (await import('node:os')).hostname(),
        startedAt: '2026-01-01T00:00:00Z',
      }),
    );
    await expect(ArchiveStore.open(dir)).rejects.toThrow(LockedError);
    await expect(ArchiveStore.open(dir)).rejects.toThrow(
      new RegExp(`another ingest is running \\(pid ${process.pid}`),
    );
    await rm(path.join(dir, LOCK_FILE));
    const store = await ArchiveStore.open(dir);
    const lock = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await store.close();
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
  });

  it('takes over the stale lock of a dead process with a warning, and removes leftover temp files', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(dead.stdout);
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({
        pid: deadPid,
        host: (await import('node:os')).hostname(),
        startedAt: '2026-01-01T00:00:00Z',
      }),
    );
    await mkdir(path.join(dir, 'papers/2503'), { recursive: true });
    await writeFile(path.join(dir, 'papers/2503/.2503.01234.md.0123456789ab.tmp'), 'half a fi');
    await writeFile(path.join(dir, 'papers/2503/keep.md'), 'not ours');
    const warnings: string[] = [];
    const store = await ArchiveStore.open(dir, { onWarning: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toMatch(new RegExp(`stale lock \\(pid ${deadPid}`));
    expect(warnings.join('\n')).toMatch(/removed 1 temp file/);
    expect((await readdir(path.join(dir, 'papers/2503'))).sort()).toEqual(['keep.md']);
    await store.close();
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
