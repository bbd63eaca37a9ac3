// Runs an ingest: turns options into day jobs, fetches or reads them concurrently, applies them in order.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { applyDay, type DayListing, type DayOutcome } from '../../src/lib/ingest/apply-day.ts';
import { ArchiveStore } from '../../src/lib/content/store.ts';
import { dayRange, sinceLastRange } from '../../src/lib/dates.ts';
import { InputError } from '../../src/lib/errors.ts';
import type { HttpClient } from '../../src/lib/http.ts';
import { skippedLine } from '../../src/lib/sources/listed-paper.ts';
import type { IngestOptions } from './args.ts';
import { loadSavedFile } from './file-loader.ts';
import type { Reporter } from './progress.ts';

export interface IngestSummary {
  days: { ok: number; empty: number; failed: number };
  papers: { new: number; updated: number; unchanged: number };
  failures: { label: string; message: string }[];
  /** One line per skipped item (`DATE WHERE: item N (ID) skipped: REASON`), in day order. */
  skipped: string[];
}

interface Job {
  /** What the progress output calls it: a date, or a file. */
  label: string;
  load(): Promise<DayListing>;
}

/** Paths as given on the command line; a directory stands for the files directly inside it. */
export async function expandFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      throw new InputError(p, 'no such file or directory');
    }
    if (s.isDirectory()) {
      const names = (await readdir(p, { withFileTypes: true }))
        .filter((d) => d.isFile() && !d.name.startsWith('.'))
        .map((d) => path.join(p, d.name))
        .sort();
      out.push(...names);
    } else out.push(p);
  }
  return [...new Set(out)];
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel === '' ? file : rel.split(path.sep).join('/');
}

// Parsing in worker threads was tried: on 2 shared cores it cost more (cloning listings, a second
// module graph) than it overlapped, so files load on the main thread.
function fileJobs(files: readonly string[], opts: IngestOptions): Job[] {
  return files.map((file) => {
    const name = display(file);
    const req = {
      file,
      name,
      date: opts.fileDate,
      fetchedAt: opts.fetchedAt,
      fetchedAtTime: opts.fetchedAtTime,
    };
    return { label: name, load: () => loadSavedFile(req) };
  });
}

function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** Label a failure with its day unless the message already starts with it (InputError does). */
function failureLine(label: string, e: unknown): string {
  const message = oneLine(e);
  return message.startsWith(label) || /^\d{4}-\d{2}-\d{2} /.test(message) ? message : `${label}: ${message}`;
}

export async function runIngest(
  opts: IngestOptions,
  reporter: Reporter,
  version: string,
): Promise<IngestSummary> {
  const store = await ArchiveStore.open(opts.contentDir, { onWarning: (m) => reporter.warn(m) });
  let http: HttpClient | undefined;
  try {
    let jobs: Job[];
    if (opts.source === 'files') {
      const files = await expandFiles(opts.files);
      jobs = fileJobs(files, opts);
    } else {
      const days =
        opts.days.kind === 'days'
          ? dayRange(opts.days.from, opts.days.to)
          : await sinceLastDays(store, opts.days.refreshDays, opts.today, reporter);
      // Loaded only for network runs: undici is a noticeable share of a files run's start-up.
      const { createHttpClient } = await import('../../src/lib/http.ts');
      const { fetchDay } = await import('../../src/lib/ingest/fetch-day.ts');
      const client = createHttpClient({
        retries: opts.retries,
        timeoutMs: opts.timeoutMs,
        minDelayMs: opts.retryDelayMs,
        connections: opts.concurrency,
        userAgent: userAgentFor(version),
        onRetry: (info) => reporter.retry(info),
      });
      http = client;
      const source = opts.source;
      jobs = days.map((date) => ({
        label: date,
        load: () => fetchDay(date, source, { baseUrl: opts.baseUrl, http: client }),
      }));
    }
    return await runJobs(store, jobs, opts.concurrency, reporter);
  } finally {
    reporter.stop();
    await http?.close();
    await store.close();
  }
}

/**
 * The --since-last days: the refresh window, and before it every archived day whose manifest records skipped
 * items, so a bad item upstream fixes later is picked up however old its day is.
 */
async function sinceLastDays(
  store: ArchiveStore,
  refreshDays: number,
  today: string,
  reporter: Reporter,
): Promise<string[]> {
  const archived = await store.listArchivedDays();
  const window = sinceLastRange(archived.at(-1), refreshDays, today);
  const start = window[0] ?? today;
  const retry: string[] = [];
  for (const date of archived) {
    if (date >= start) break;
    try {
      if ((await store.readDay(date))?.day.skipped) retry.push(date);
    } catch (e) {
      // An unreadable old manifest is not this run's business: the run goes on without it.
      reporter.warn(`${date}: not checked for skipped items: ${oneLine(e)}`);
    }
  }
  if (retry.length > 0) {
    const n = retry.length;
    reporter.info(
      `also fetching ${n} older day${n === 1 ? '' : 's'} with skipped items: ${retry.slice(0, 10).join(', ')}${n > 10 ? ', ...' : ''}`,
    );
  }
  return [...retry, ...window];
}

function userAgentFor(version: string): string {
  const repo = process.env.GITHUB_REPOSITORY || 'daily-papers-archive/daily-papers-archive';
  return `daily-papers-archive/${version} (+https://github.com/${repo})`;
}

const LOOKAHEAD = 4;

/**
 * Loads run concurrently; applying is strictly in job order, so shared papers merge deterministically and
 * at most `concurrency` loaded days wait in memory.
 */
async function runJobs(
  store: ArchiveStore,
  jobs: Job[],
  concurrency: number,
  reporter: Reporter,
): Promise<IngestSummary> {
  const summary: IngestSummary = {
    days: { ok: 0, empty: 0, failed: 0 },
    papers: { new: 0, updated: 0, unchanged: 0 },
    failures: [],
    skipped: [],
  };
  reporter.start(jobs.length);
  const limit = pLimit(concurrency);
  const applied = jobs.map(() => Promise.withResolvers<void>());
  const record = (job: Job, result: DayOutcome | Error, listing?: DayListing): void => {
    if (result instanceof Error) {
      const message = failureLine(job.label, result);
      summary.days.failed++;
      summary.failures.push({ label: job.label, message });
      reporter.dayFailed(job.label, message);
      return;
    }
    summary.days[result.status]++;
    for (const k of ['new', 'updated', 'unchanged'] as const) summary.papers[k] += result.papers[k];
    reporter.dayDone(job.label === result.date ? job.label : `${result.date} ${job.label}`, result);
    for (const note of listing?.notes ?? []) reporter.warn(note);
    for (const item of listing?.skipped ?? []) {
      const line = skippedLine(result.date, item);
      summary.skipped.push(line);
      reporter.itemSkipped(line);
    }
  };
  await Promise.all(
    jobs.map(async (job, i) => {
      // Loads hold a slot only while loading; a load may run at most LOOKAHEAD days ahead of the
      // applied ones, which bounds the listings waiting in memory.
      const listing = await limit(async (): Promise<DayListing | Error> => {
        await applied[i - LOOKAHEAD]?.promise;
        try {
          return await job.load();
        } catch (e) {
          return e instanceof Error ? e : new Error(String(e));
        }
      });
      await applied[i - 1]?.promise;
      try {
        if (listing instanceof Error) record(job, listing);
        else record(job, await applyDay(store, listing), listing);
      } catch (e) {
        record(job, e instanceof Error ? e : new Error(String(e)));
      } finally {
        applied[i]?.resolve();
      }
    }),
  );
  return summary;
}
