// The archive on disk: reads paper files and day manifests, writes them atomically, and holds the ingest lock.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fsync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { describeIssue } from '../errors.ts';
import { dayManifestSchema, dayPath, isIsoDate, paperPath, paperSchema, type DayManifest } from '../paper.ts';
import type { StoredPaper } from './format.ts';
import { parseDayFile, parsePaperFile, serializeDay, serializePaper } from './format.ts';
import { acquireLock, type HeldLock } from './lock.ts';

export { LockedError } from './lock.ts';

export const LOCK_FILE = '.ingest.lock';
/** Temp files are hidden dot-files ending in `.tmp`, so a crashed run's leftovers are easy to spot and remove. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

export type WriteOutcome = 'new' | 'updated' | 'unchanged';

function errno(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

const fsyncAsync = promisify(fsync);
const madeDirs = new Set<string>();

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone: nothing to clean up.
  }
}

/**
 * Write each `text` to its `file` so that readers see either the old or the new content, never a mix: temp
 * files in the same directory, fsync, rename. The fsyncs of a batch run in parallel on the threadpool;
 * the rest is sync because thousands of small files cost more in promise round-trips than in writing.
 */
export async function writeFilesAtomic(
  files: readonly { file: string; text: string | Iterable<string> }[],
  durable = true,
): Promise<void> {
  for (let i = 0; i < files.length; i += 64) await writeChunk(files.slice(i, i + 64), durable);
}

/** Pieces of a large text gathered into writes of about this many characters. */
const WRITE_CHARS = 1 << 20;

/** `text` into the open file `fd`: a string at once, pieces (src/lib/json-pieces.ts) a megabyte at a time. */
function writeText(fd: number, text: string | Iterable<string>): void {
  if (typeof text === 'string') {
    writeFileSync(fd, text, 'utf8');
    return;
  }
  let batch: string[] = [];
  let chars = 0;
  for (const piece of text) {
    batch.push(piece);
    chars += piece.length;
    if (chars >= WRITE_CHARS) {
      writeFileSync(fd, batch.join(''), 'utf8');
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) writeFileSync(fd, batch.join(''), 'utf8');
}

async function writeChunk(
  files: readonly { file: string; text: string | Iterable<string> }[],
  durable: boolean,
): Promise<void> {
  const open: { fd: number; tmp: string; file: string }[] = [];
  try {
    for (const { file, text } of files) {
      const dir = path.dirname(file);
      if (!madeDirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        madeDirs.add(dir);
      }
      const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
      const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      open.push({ fd, tmp, file });
      writeText(fd, text);
    }
    if (durable) await Promise.all(open.map(({ fd }) => fsyncAsync(fd)));
  } catch (e) {
    for (const { fd, tmp } of open) {
      closeSync(fd);
      removeQuietly(tmp);
    }
    throw e;
  }
  for (const { fd } of open) closeSync(fd);
  for (const [i, { tmp, file }] of open.entries()) {
    try {
      renameSync(tmp, file);
    } catch (e) {
      for (const rest of open.slice(i)) removeQuietly(rest.tmp);
      throw e;
    }
  }
}

/** One file, as writeFilesAtomic writes it; `text` may come in pieces (a large JSON file: src/lib/json-pieces.ts). */
export function writeFileAtomic(file: string, text: string | Iterable<string>, durable = true): Promise<void> {
  return writeFilesAtomic([{ file, text }], durable);
}

/** Sync on purpose: thousands of small reads cost several times more through the promise API's threadpool. */
function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    throw e;
  }
}

export interface StoreOptions {
  /** fsync each file before renaming it into place (default true). */
  durable?: boolean;
  onWarning?: (message: string) => void;
}

/**
 * One ingest's handle on a content directory. `open` takes the lock and removes temp files a killed run
 * left behind; `close` releases the lock.
 */
export class ArchiveStore {
  readonly contentDir: string;
  readonly lockFile: string;
  private readonly durable: boolean;
  private readonly warn: (message: string) => void;
  private lock: HeldLock | undefined;

  private constructor(contentDir: string, options: StoreOptions) {
    this.contentDir = path.resolve(contentDir);
    this.lockFile = path.join(this.contentDir, LOCK_FILE);
    this.durable = options.durable ?? true;
    this.warn = options.onWarning ?? ((m) => process.stderr.write(`warning: ${m}\n`));
  }

  static async open(contentDir: string, options: StoreOptions = {}): Promise<ArchiveStore> {
    const store = new ArchiveStore(contentDir, options);
    await mkdir(store.contentDir, { recursive: true });
    await store.acquireLock();
    try {
      const removed = await store.removeTempFiles();
      if (removed > 0) store.warn(`removed ${removed} temp file(s) left by an interrupted ingest`);
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  private async acquireLock(): Promise<void> {
    this.lock = await acquireLock(this.lockFile, { onWarning: this.warn });
  }

  async close(): Promise<void> {
    const lock = this.lock;
    this.lock = undefined;
    await lock?.release();
  }

  /** Delete `.*.<hex>.tmp` files under papers/ and days/ (only ours: the pattern is the one writeFileAtomic uses). */
  async removeTempFiles(): Promise<number> {
    let removed = 0;
    for (const sub of ['papers', 'days']) {
      let entries: string[];
      try {
        entries = await readdir(path.join(this.contentDir, sub), { recursive: true });
      } catch (e) {
        if (errno(e) === 'ENOENT') continue;
        throw e;
      }
      for (const rel of entries) {
        if (!TEMP_FILE.test(path.basename(rel))) continue;
        await unlink(path.join(this.contentDir, sub, rel)).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }

  paperFile(id: string): string {
    return path.join(this.contentDir, paperPath(id));
  }

  dayFile(date: string): string {
    return path.join(this.contentDir, dayPath(date));
  }

  /** The stored paper and its exact text (to skip writes that would not change a byte). */
  async readPaper(id: string): Promise<{ paper: StoredPaper; text: string } | undefined> {
    const file = this.paperFile(id);
    const text = readIfExists(file);
    if (text === undefined) return undefined;
    return { paper: parsePaperFile(text, path.relative(process.cwd(), file) || file), text };
  }

  async readDay(date: string): Promise<{ day: DayManifest; text: string } | undefined> {
    const file = this.dayFile(date);
    const text = readIfExists(file);
    if (text === undefined) return undefined;
    return { day: parseDayFile(text, path.relative(process.cwd(), file) || file), text };
  }

  /**
   * Validate every paper, then write those whose text differs from `previousText`. Nothing is written
   * when any paper is invalid.
   */
  async writePapers(
    items: readonly { paper: StoredPaper; previousText: string | undefined }[],
  ): Promise<WriteOutcome[]> {
    const texts = items.map(({ paper }) => {
      const check = paperSchema.safeParse(paper.data);
      if (!check.success) {
        const issue = check.error.issues[0];
        throw new Error(
          `paper ${paper.data.id}: ${describeIssue(issue)}`,
        );
      }
      return serializePaper(paper);
    });
    const outcomes = items.map(({ previousText }, i): WriteOutcome =>
      texts[i] === previousText ? 'unchanged' : previousText === undefined ? 'new' : 'updated',
    );
    const writes = items
      .map(({ paper }, i) => ({ file: this.paperFile(paper.data.id), text: texts[i] as string }))
      .filter((_, i) => outcomes[i] !== 'unchanged');
    await writeFilesAtomic(writes, this.durable);
    return outcomes;
  }

  async writeDay(day: DayManifest, previousText: string | undefined): Promise<WriteOutcome> {
    dayManifestSchema.parse(day);
    const text = serializeDay(day);
    if (text === previousText) return 'unchanged';
    await writeFileAtomic(this.dayFile(day.date), text, this.durable);
    return previousText === undefined ? 'new' : 'updated';
  }

  /** Days that have a manifest, ascending. */
  async listArchivedDays(): Promise<string[]> {
    const root = path.join(this.contentDir, 'days');
    let entries: string[];
    try {
      entries = await readdir(root, { recursive: true });
    } catch (e) {
      if (errno(e) === 'ENOENT') return [];
      throw e;
    }
    return entries
      .map((rel) => /^(\d{4}-\d{2}-\d{2})\.json$/.exec(path.basename(rel))?.[1])
      .filter((d): d is string => d !== undefined && isIsoDate(d))
      .sort();
  }
}
