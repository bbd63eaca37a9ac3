// The ingest lock: which locks stand, which are taken over (clock, host, processes injected), and that of several
// runs racing for one stale lock exactly one gets it, in one process and across real processes.
import { spawn } from 'node:child_process';
import { unlinkSync, writeFileSync } from 'node:fs';
import { link, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireLock,
  claimFile,
  judgeLock,
  LOCK_MAX_AGE_MS,
  LockedError,
  startTicksFromStat,
  systemLockEnv,
  type LockEnv,
  type LockRecord,
} from '../../../src/lib/content/lock.ts';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const BOOT = 'b0b0b0b0-0000-4000-8000-000000000001';

/** A machine "here" on which pids 100 (started at tick 5000) and 200 (tick 7000) are alive. */
function env(over: Partial<LockEnv> = {}): LockEnv {
  const starts = new Map([
    [100, 5000],
    [200, 7000],
  ]);
  return {
    hostname: 'here',
    pid: 100,
    now: () => new Date(NOW),
    isAlive: (pid) => starts.has(pid),
    bootId: () => BOOT,
    processStart: (pid) => starts.get(pid),
    ...over,
  };
}

function lockText(over: Partial<LockRecord> = {}): string {
  const record: LockRecord = {
    pid: 200,
    host: 'here',
    startedAt: new Date(NOW - 43 * 60_000).toISOString(),
    bootId: BOOT,
    processStart: 7000,
    ...over,
  };
  return `${JSON.stringify(record)}\n`;
}

describe('judgeLock', () => {
  it('keeps the lock of a live process that started when the lock says, naming holder and age', () => {
    expect(judgeLock(lockText(), env())).toEqual({
      held: true,
      holder: 'pid 200 on here, taken 2026-12-01T11:17:00.000Z, 43 minutes ago',
    });
  });

  it('takes over a recycled pid: alive, but started at another time or in an earlier boot', () => {
    expect(judgeLock(lockText({ processStart: 6999 }), env())).toMatchObject({
      held: false,
      reason: 'pid 200 is now a different process (it started at another time)',
    });
    expect(judgeLock(lockText({ bootId: 'an-earlier-boot' }), env())).toMatchObject({
      held: false,
      reason: 'it was taken before this machine last booted',
    });
  });

  it('takes over the lock of a process that is gone', () => {
    expect(judgeLock(lockText({ pid: 300 }), env())).toMatchObject({
      held: false,
      holder: 'pid 300 on here, taken 2026-12-01T11:17:00.000Z, 43 minutes ago',
      reason: 'that process is gone',
    });
  });

  it('keeps a lock of another host younger than the max age, takes it over once older', () => {
    const young = new Date(NOW - LOCK_MAX_AGE_MS).toISOString();
    const old = new Date(NOW - LOCK_MAX_AGE_MS - 1).toISOString();
    expect(judgeLock(lockText({ host: 'runner-7', startedAt: young, pid: 300 }), env())).toMatchObject({
      held: true,
      holder: `pid 300 on runner-7, taken ${young}, 6 hours ago`,
    });
    expect(judgeLock(lockText({ host: 'runner-7', startedAt: old }), env())).toMatchObject({
      held: false,
      reason: 'it is older than the maximum age of 6 hours',
    });
    // The max age frees this host's locks too, even of a live holder, and a date far in the future.
    expect(judgeLock(lockText({ startedAt: old }), env())).toMatchObject({ held: false });
    const future = new Date(NOW + LOCK_MAX_AGE_MS + 1).toISOString();
    expect(judgeLock(lockText({ startedAt: future }), env())).toMatchObject({
      held: false,
      reason: 'it is dated more than 6 hours ahead',
    });
    expect(judgeLock(lockText(), env({ now: () => new Date(NOW + LOCK_MAX_AGE_MS) }))).toMatchObject({
      held: false,
    });
  });

  it('takes over unreadable files', () => {
    for (const text of ['', '{"pid": 12', '123\n', 'null', '{"pid":0,"host":"here","startedAt":"2026-12-01"}']) {
      expect(judgeLock(text, env()), text).toMatchObject({
        held: false,
        reason: 'the file is unreadable (not a lock record)',
      });
    }
    expect(judgeLock(JSON.stringify({ pid: 200, host: 'here', startedAt: 'yesterday' }), env())).toMatchObject({
      held: false,
    });
  });

  it('falls back to pid liveness where the start time is unknown (no /proc, or a lock without it)', () => {
    const noProc = env({ bootId: () => undefined, processStart: () => undefined });
    expect(judgeLock(lockText({ processStart: 1 }), noProc)).toMatchObject({ held: true });
    expect(judgeLock(lockText({ pid: 300 }), noProc)).toMatchObject({ held: false });
    const withoutIdentity = JSON.stringify({ pid: 200, host: 'here', startedAt: new Date(NOW).toISOString() });
    expect(judgeLock(withoutIdentity, env())).toMatchObject({ held: true });
  });
});

describe('startTicksFromStat', () => {
  it('reads field 22 even when the command holds spaces and parentheses', () => {
    const rest = Array.from({ length: 30 }, (_, i) => String(i + 3)).join(' ');
    expect(startTicksFromStat(`4242 (a) b (c) ${rest}`)).toBe(22);
    expect(startTicksFromStat('4242 (cut')).toBeUndefined();
  });

  it.runIf(process.platform === 'linux')('matches what the system env reports for this process', () => {
    expect(systemLockEnv.processStart(process.pid)).toBeGreaterThan(0);
    expect(systemLockEnv.bootId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('acquireLock', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dpa-lock-'));
    file = path.join(dir, '.ingest.lock');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes host, pid, process start, boot id and time; a second acquire by the live holder throws', async () => {
    const warnings: string[] = [];
    const held = await acquireLock(file, { env: env(), onWarning: (m) => warnings.push(m) });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      pid: 100,
      host: 'here',
      startedAt: '2026-12-01T12:00:00.000Z',
      bootId: BOOT,
      processStart: 5000,
    });
    const later = env({ now: () => new Date(NOW + 25 * 60_000) });
    const again = acquireLock(file, { env: later, onWarning: (m) => warnings.push(m) });
    await expect(again).rejects.toThrow(LockedError);
    await expect(again).rejects.toThrow(
      `${file}: another ingest is running (pid 100 on here, taken 2026-12-01T12:00:00.000Z, 25 minutes ago)`,
    );
    await held.release();
    expect(await readdir(dir)).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('takes over a stale lock with one warning saying why, and release leaves a lock that is not its own', async () => {
    await writeFile(file, lockText({ processStart: 1 }));
    const warnings: string[] = [];
    const held = await acquireLock(file, { env: env(), onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      `${file}: taking over a stale lock (pid 200 on here, taken 2026-12-01T11:17:00.000Z, 43 minutes ago): ` +
        'pid 200 is now a different process (it started at another time)',
    ]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: 100 });
    expect(await readdir(dir)).toEqual(['.ingest.lock']);
    const someoneElse = lockText({ pid: 200 });
    await writeFile(file, someoneElse);
    await held.release();
    expect(await readFile(file, 'utf8')).toBe(someoneElse);
    expect(warnings[1]).toMatch(/not removed on release: another run took it over/);
  });

  it('of two runs that judged the same stale lock, exactly one holds it (in one process)', async () => {
    for (let round = 0; round < 30; round++) {
      await writeFile(file, lockText({ pid: 300 }));
      const results = await Promise.allSettled([
        acquireLock(file, { env: env({ pid: 100 }), onWarning: () => undefined }),
        acquireLock(file, { env: env({ pid: 200 }), onWarning: () => undefined }),
      ]);
      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toEqual([expect.any(LockedError)]);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(won[0]?.record);
      await won[0]?.release();
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('a run that judged a lock stale leaves alone the lock a faster rival created in the meantime', async () => {
    await writeFile(file, lockText({ pid: 300 }));
    const rival = lockText({ pid: 200, startedAt: new Date(NOW).toISOString() });
    let rivalDone = false;
    // The slow run's liveness check of the dead holder is the moment the rival takes over and creates its lock.
    const slow = env({
      isAlive: (pid) => {
        if (pid === 300 && !rivalDone) {
          rivalDone = true;
          unlinkSync(file);
          writeFileSync(file, rival);
        }
        return pid === 100 || pid === 200;
      },
    });
    const attempt = acquireLock(file, { env: slow, onWarning: () => undefined });
    await expect(attempt).rejects.toThrow(/another ingest is running \(pid 200 on here/);
    expect(rivalDone).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(rival);
    expect(await readdir(dir)).toEqual(['.ingest.lock']);
  });

  it('waits out a take-over in progress, and passes over the claim of a run killed in the middle of one', async () => {
    const stale = lockText({ pid: 300 });
    await writeFile(file, stale);
    await link(file, claimFile(file, stale, 0));
    const options = { env: env(), onWarning: () => undefined };
    await expect(acquireLock(file, { ...options, claimStaleMs: 60_000 })).rejects.toThrow(
      /could not take the lock \(another run is taking over a stale one\)/,
    );
    expect(await readFile(file, 'utf8')).toBe(stale);
    const warnings: string[] = [];
    const held = await acquireLock(file, { ...options, claimStaleMs: 0, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringMatching(/taking over a stale lock \(pid 300 .*that process is gone$/)]);
    expect(await readdir(dir)).toEqual(['.ingest.lock']);
    await held.release();
  });

  it('of several processes racing for one stale lock, exactly one holds it', async () => {
    const lockModule = new URL('../../../src/lib/content/lock.ts', import.meta.url).href;
    // Each child waits for a common start instant, tries once, says how it went and holds on until stdin closes.
    const child = `
      const { acquireLock } = await import(${JSON.stringify(lockModule)});
      const at = Number(process.argv[1]);
      while (Date.now() < at) await new Promise((r) => setTimeout(r, 1));
      try {
        await acquireLock(process.argv[2], { onWarning: () => {} });
        process.stdout.write('won');
      } catch (e) {
        process.stdout.write(e.name);
      }
      process.stdin.resume();
      process.stdin.on('end', () => process.exit(0));
    `;
    for (let round = 0; round < 3; round++) {
      await writeFile(file, JSON.stringify({ pid: 99_999_999, host: systemLockEnv.hostname, startedAt: new Date().toISOString() }));
      const at = String(Date.now() + 700);
      const children = Array.from({ length: 6 }, () =>
        spawn(process.execPath, ['--input-type=module', '-e', child, at, file], { stdio: 'pipe' }),
      );
      const outcomes = await Promise.all(
        children.map(
          (c) =>
            new Promise<string>((resolve, reject) => {
              let out = '';
              let err = '';
              c.stdout.on('data', (d: Buffer) => {
                out += d.toString();
                if (out === 'won' || out === 'LockedError') resolve(out);
              });
              c.stderr.on('data', (d: Buffer) => (err += d.toString()));
              c.on('exit', (code) => reject(new Error(`child exited (${code}) before reporting: ${out}${err}`)));
            }),
        ),
      );
      for (const c of children) c.stdin.end();
      await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
      expect(outcomes.sort()).toEqual(['LockedError', 'LockedError', 'LockedError', 'LockedError', 'LockedError', 'won']);
      expect(await readdir(dir)).toEqual(['.ingest.lock']);
    }
  });
});
