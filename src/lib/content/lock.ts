// The ingest lock: a file naming its holder (host, pid, process start, time); judges staleness, takes over.
import { createHash, randomBytes } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';

/**
 * A lock older than this is taken over whoever holds it. The daily workflow's ingest job is killed after 30 min
 * and a full re-ingest takes minutes, so no real run lasts 6 h; it is also the only way a lock left by another
 * host (a runner, a laptop sharing the folder) ever expires, since its process cannot be checked from here.
 */
export const LOCK_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** What the lock file holds (one JSON line). `bootId` and `processStart` are only there on Linux. */
export interface LockRecord {
  pid: number;
  host: string;
  /** When the lock was taken (ISO). */
  startedAt: string;
  /** /proc/sys/kernel/random/boot_id: a pid means the same process only within one boot. */
  bootId?: string;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot): tells a recycled pid from the holder. */
  processStart?: number;
}

/** Everything the lock asks of the machine, injectable so tests need neither sleeping nor a second host. */
export interface LockEnv {
  hostname: string;
  pid: number;
  now: () => Date;
  isAlive: (pid: number) => boolean;
  /** This boot's id, or undefined where there is no /proc (then only pid liveness is checked). */
  bootId: () => string | undefined;
  /** The start time of `pid` in clock ticks since boot, or undefined when it cannot be read. */
  processStart: (pid: number) => number | undefined;
}

/** Another ingest is running on the same content directory. */
export class LockedError extends Error {
  readonly lockFile: string;
  constructor(lockFile: string, holder: string) {
    super(`${lockFile}: another ingest is running (${holder}); wait for it to finish`);
    this.name = 'LockedError';
    this.lockFile = lockFile;
  }
}

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return errno(e) === 'EPERM';
  }
}

let cachedBootId: string | null | undefined;
function readBootId(): string | undefined {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId ?? undefined;
}

/** Field 22 (starttime) of a /proc/<pid>/stat line; field 2, the command in parentheses, may hold ' ' or ')'. */
export function startTicksFromStat(stat: string): number | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  // The fields after the last ')' start at field 3, so field 22 is the 20th of them.
  const field = stat.slice(close + 1).trim().split(/\s+/)[19];
  const ticks = field === undefined ? Number.NaN : Number(field);
  return Number.isSafeInteger(ticks) ? ticks : undefined;
}

/** When `pid` started, in clock ticks since boot; undefined without /proc (not Linux) or once it has exited. */
export function processStartTime(pid: number): number | undefined {
  try {
    return startTicksFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export const systemLockEnv: LockEnv = {
  hostname: hostname(),
  pid: process.pid,
  now: () => new Date(),
  isAlive,
  bootId: readBootId,
  processStart: processStartTime,
};

/** The record this process writes when it takes the lock. */
export function lockRecordFor(env: LockEnv): LockRecord {
  const record: LockRecord = { pid: env.pid, host: env.hostname, startedAt: env.now().toISOString() };
  const bootId = env.bootId();
  const processStart = env.processStart(env.pid);
  if (bootId !== undefined && processStart !== undefined) Object.assign(record, { bootId, processStart });
  return record;
}

/** The record in a lock file's text, or undefined when it is not one (cut short, edited, another format). */
export function parseLockRecord(text: string): LockRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (!Number.isSafeInteger(r.pid) || (r.pid as number) <= 0) return undefined;
  if (typeof r.host !== 'string' || r.host === '') return undefined;
  if (typeof r.startedAt !== 'string' || Number.isNaN(Date.parse(r.startedAt))) return undefined;
  const record: LockRecord = { pid: r.pid as number, host: r.host, startedAt: r.startedAt };
  if (typeof r.bootId === 'string') record.bootId = r.bootId;
  if (Number.isSafeInteger(r.processStart)) record.processStart = r.processStart as number;
  return record;
}

export type LockVerdict = { held: true; holder: string } | { held: false; holder: string; reason: string };

function describe(record: LockRecord, now: Date): string {
  const age = formatDistanceStrict(new Date(record.startedAt), now);
  return `pid ${record.pid} on ${record.host}, taken ${record.startedAt}, ${age} ago`;
}

/**
 * Whether the lock in `text` still stands. Stale: unreadable; older than `maxAgeMs` (any host); on this host
 * from an earlier boot, or its process gone, or its pid now a different process (another start time). Only a
 * lock of another host younger than the max age, or of a live process that started when the lock says, stands.
 */
export function judgeLock(text: string, env: LockEnv, maxAgeMs = LOCK_MAX_AGE_MS): LockVerdict {
  const record = parseLockRecord(text);
  if (record === undefined) {
    const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
    return { held: false, holder: `content ${shown}`, reason: 'the file is unreadable (not a lock record)' };
  }
  const now = env.now();
  const holder = describe(record, now);
  const stale = (reason: string): LockVerdict => ({ held: false, holder, reason });
  const age = now.getTime() - Date.parse(record.startedAt);
  const maxAge = formatDistanceStrict(0, maxAgeMs);
  if (age > maxAgeMs) return stale(`it is older than the maximum age of ${maxAge}`);
  // A date far ahead is as implausible as a very old one (a hand-edited file, a clock that was wrong).
  if (-age > maxAgeMs) return stale(`it is dated more than ${maxAge} ahead`);
  // A process on another machine cannot be checked from here; the max age is what frees its lock.
  if (record.host !== env.hostname) return { held: true, holder };
  const bootId = env.bootId();
  if (record.bootId !== undefined && bootId !== undefined && record.bootId !== bootId) {
    return stale('it was taken before this machine last booted');
  }
  if (!env.isAlive(record.pid)) return stale('that process is gone');
  const processStart = env.processStart(record.pid);
  if (record.processStart !== undefined && processStart !== undefined && record.processStart !== processStart) {
    return stale(`pid ${record.pid} is now a different process (it started at another time)`);
  }
  return { held: true, holder };
}

export interface LockOptions {
  env?: LockEnv;
  maxAgeMs?: number;
  /** How old a take-over claim must be to count as abandoned (default CLAIM_STALE_MS). */
  claimStaleMs?: number;
  onWarning: (message: string) => void;
}

/** A lock this process holds; `release` removes the file only if it is still ours. */
export interface HeldLock {
  readonly file: string;
  readonly record: LockRecord;
  release(): Promise<void>;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Create `file` with `text` only if it does not exist. The text goes to a temp file first and is hard-linked
 * into place (link fails with EEXIST like O_EXCL), so no one ever reads a half-written lock and takes it for a
 * garbled one. The temp name ends in `.tmp` like the store's, so the commit step leaves it out.
 */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    await link(tmp, file);
    return true;
  } catch (e) {
    if (errno(e) === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** A claim file older than this belongs to a run killed mid-take-over (a take-over lasts milliseconds). */
export const CLAIM_STALE_MS = 10_000;

/** The name under which a run claims the stale lock whose text is `staleText` (generation: see removeStale). */
export function claimFile(file: string, staleText: string, generation: number): string {
  const digest = createHash('sha256').update(staleText).digest('hex').slice(0, 12);
  return `${file}.${digest}.claim${generation}.tmp`;
}

type Removal = 'removed' | 'changed' | 'busy';

/**
 * Remove the stale lock whose text was `staleText`, unless someone else is doing so or it has changed.
 *
 * Race safety: checking and then deleting is not enough. Two runs that judged the same stale file would each
 * delete it, and the slower one would delete the lock the faster one had just created; renaming it aside
 * instead leaves a moment with no lock file, in which a third run can create one. So a run first claims the
 * stale lock: it hard-links the lock file to a name derived from the judged text (link fails if that name
 * exists, so of all runs that judged this text exactly one gets the claim) and reads the claim back, which is
 * the file that was at the lock's name when linking. If that is not the judged text, a fresh lock is there:
 * only the claim's name is removed, the lock itself is never touched. If it is, the lock can be deleted: no
 * one else removes a lock they did not claim (its dead owner cannot release it), so it is still that file.
 * The new lock is then created exclusively, so of runs that removed something only one gets in. A claim left
 * by a run killed in the middle (older than CLAIM_STALE_MS) is passed over by claiming the next generation.
 * The gaps left: a stale-by-age lock whose owner is alive and releases in that very instant, and a claimant
 * frozen (SIGSTOP) for longer than CLAIM_STALE_MS between reading its claim and deleting.
 */
async function removeStale(file: string, staleText: string, claimStaleMs: number): Promise<Removal> {
  for (let generation = 0; generation < 100; generation++) {
    const claim = claimFile(file, staleText, generation);
    try {
      await link(file, claim);
    } catch (e) {
      if (errno(e) === 'ENOENT') return 'changed';
      if (errno(e) !== 'EEXIST') throw e;
      const since = await stat(claim).then(
        (s) => Date.now() - s.ctimeMs,
        () => undefined,
      );
      if (since === undefined) return 'changed';
      if (since < claimStaleMs) return 'busy';
      continue;
    }
    try {
      if ((await readIfExists(claim)) !== staleText) return 'changed';
      await unlink(file);
      for (let older = 0; older < generation; older++) {
        await unlink(claimFile(file, staleText, older)).catch(() => undefined);
      }
      return 'removed';
    } finally {
      await unlink(claim).catch(() => undefined);
    }
  }
  return 'busy';
}

/**
 * Take the lock `file`, taking over a stale one with a warning that says why (see judgeLock); throws
 * LockedError naming the holder and its age when the lock stands.
 */
export async function acquireLock(file: string, options: LockOptions): Promise<HeldLock> {
  const env = options.env ?? systemLockEnv;
  const record = lockRecordFor(env);
  const text = `${JSON.stringify(record)}\n`;
  let takenOver: string | undefined;
  // Each round either creates the lock, finds one that stands, or sees a stale one go; waiting only when
  // another run is taking over that very lock, for the few milliseconds it needs.
  for (let attempt = 0; attempt < 40; attempt++) {
    if (await createExclusive(file, text)) {
      if (takenOver !== undefined) options.onWarning(takenOver);
      return {
        file,
        record,
        release: async () => {
          const onDisk = await readIfExists(file);
          if (onDisk === text) await unlink(file).catch(() => undefined);
          else if (onDisk !== undefined) options.onWarning(`${file}: not removed on release: another run took it over`);
        },
      };
    }
    const current = await readIfExists(file);
    if (current === undefined) continue;
    const verdict = judgeLock(current, env, options.maxAgeMs);
    if (verdict.held) throw new LockedError(file, verdict.holder);
    const removal = await removeStale(file, current, options.claimStaleMs ?? CLAIM_STALE_MS);
    if (removal === 'removed') takenOver = `${file}: taking over a stale lock (${verdict.holder}): ${verdict.reason}`;
    if (removal === 'busy') await delay(25);
  }
  throw new Error(`${file}: could not take the lock (another run is taking over a stale one); try again`);
}
