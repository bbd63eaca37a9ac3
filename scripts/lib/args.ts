// Command-line options of `npm run ingest`: parsed with node:util parseArgs and validated into one plain object.
import { parseArgs } from 'node:util';
import { UsageError, usageMessage } from './cli.ts';
import type { ArchiveConfig } from '../../src/lib/config.ts';
import { utcDay } from '../../src/lib/dates.ts';
import { isHttpUrl, isIsoDate, isoDateTimeSchema } from '../../src/lib/paper.ts';

export type IngestSource = 'hf-api' | 'hf-html' | 'files';

/** Which days to fetch: explicit ones, or the since-last window resolved once the archive is open. */
export type DaySelection =
  { kind: 'days'; from: string; to: string } | { kind: 'since-last'; refreshDays: number };

export interface IngestOptions {
  source: IngestSource;
  days: DaySelection;
  /** For `files`: the day of every file (else each file's name says it). */
  fileDate: string | undefined;
  files: string[];
  baseUrl: string;
  contentDir: string;
  concurrency: number;
  retries: number;
  timeoutMs: number;
  retryDelayMs: number;
  /** For `files`: fixed fetch time, or a UTC time of each file's day; otherwise the file's mtime. */
  fetchedAt: string | undefined;
  fetchedAtTime: string | undefined;
  today: string;
}

export { UsageError };

export const USAGE = `Usage: npm run ingest -- [options]

Days (default --since-last):
  --date D                 one day (YYYY-MM-DD)
  --from D [--to D]        a range of days, both included (--to defaults to today, UTC)
  --since-last             from the last archived day minus --refresh-days up to today, and every
                           older day whose manifest records skipped items
  --refresh-days N         refresh window for --since-last (default INGEST_REFRESH_DAYS or 7)

Source:
  --source S               hf-api (default), hf-html, or files
  --files PATH...          saved API responses, HTML pages or text listings; a directory means its files
  --fetched-at ISO         fetch time recorded for saved files (default: each file's mtime)
  --fetched-at-time HH:MM  fetch time = that UTC time on each file's day
  --base-url URL           upstream origin (default HF_BASE_URL or https://huggingface.co)

Run:
  --content-dir DIR        archive directory (default CONTENT_DIR or content)
  --concurrency N          days fetched at once (default INGEST_CONCURRENCY or 2)
  --retries N              retries per request (default INGEST_RETRIES or 5)
  --timeout MS             headers/body timeout per request (default 30000)
  --retry-delay MS         backoff base delay (default 1000)
  --today D                treat D as today (UTC), for --since-last and --to
  -h, --help               this text

A bad item (no id, an invalid id, no title, not an object) is skipped: the day's other papers are archived,
the day's manifest records what was skipped and why, and --since-last fetches that day again on every run
until it is clean. A day fails as a whole only when the response itself is unusable.

Exit status: 0 all days ok, 1 some day failed or some item was skipped, 2 bad options, 3 could not run
(e.g. another ingest holds the lock).`;

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${name} ${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}

function date(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!isIsoDate(raw))
    throw new UsageError(`--${name} ${JSON.stringify(raw)}: expected a real date as YYYY-MM-DD`);
  return raw;
}

/** Parse argv (without node and script); returns 'help' for --help. Throws UsageError on anything invalid. */
export function parseIngestArgs(argv: string[], config: ArchiveConfig, now: Date): IngestOptions | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
  const { values: v, positionals } = parsed;
  if (v.help) return 'help';

  const sourceRaw = v.source ?? (v.files?.length ? 'files' : 'hf-api');
  if (sourceRaw !== 'hf-api' && sourceRaw !== 'hf-html' && sourceRaw !== 'files') {
    throw new UsageError(`--source ${JSON.stringify(sourceRaw)}: expected hf-api, hf-html or files`);
  }
  const source: IngestSource = sourceRaw;
  const files = [...(v.files ?? []), ...positionals];
  if (source !== 'files' && positionals.length > 0) {
    throw new UsageError(
      `unexpected argument ${JSON.stringify(positionals[0])} (paths go with --source files --files)`,
    );
  }
  if (source !== 'files' && v.files?.length) throw new UsageError('--files needs --source files');
  if (source === 'files' && files.length === 0) throw new UsageError('--source files needs --files PATH...');

  const today = date('today', v.today) ?? utcDay(now);
  const one = date('date', v.date);
  const from = date('from', v.from);
  const to = date('to', v.to);
  if (one && (from || to || v['since-last']))
    throw new UsageError('--date cannot be combined with --from/--to/--since-last');
  if ((from || to) && v['since-last'])
    throw new UsageError('--since-last cannot be combined with --from/--to');
  if (to && !from) throw new UsageError('--to needs --from');
  if (from && (to ?? today) < from) throw new UsageError(`--from ${from} is after --to ${to ?? today}`);
  if (source === 'files' && (from || v['since-last'])) {
    throw new UsageError(
      '--from/--to/--since-last do not apply to --source files (files name their day; --date sets it)',
    );
  }
  const refreshDays = int('refresh-days', v['refresh-days'], config.ingestRefreshDays, 0, 3650);
  const days: DaySelection = one
    ? { kind: 'days', from: one, to: one }
    : from
      ? { kind: 'days', from, to: to ?? today }
      : { kind: 'since-last', refreshDays };

  const baseUrl = (v['base-url'] ?? config.hfBaseUrl).replace(/\/+$/, '');
  if (!isHttpUrl(baseUrl))
    throw new UsageError(`--base-url ${JSON.stringify(baseUrl)}: expected an http(s) URL`);

  if (source !== 'files' && (v['fetched-at'] || v['fetched-at-time'])) {
    throw new UsageError('--fetched-at/--fetched-at-time only apply to --source files');
  }
  if (v['fetched-at'] && v['fetched-at-time'])
    throw new UsageError('use either --fetched-at or --fetched-at-time');
  let fetchedAt: string | undefined;
  if (v['fetched-at'] !== undefined) {
    if (!isoDateTimeSchema.safeParse(v['fetched-at']).success) {
      throw new UsageError(
        `--fetched-at ${JSON.stringify(v['fetched-at'])}: expected an ISO time like 2024-05-27T07:45:00Z`,
      );
    }
    fetchedAt = new Date(v['fetched-at']).toISOString();
  }
  const fetchedAtTime = v['fetched-at-time'];
  if (fetchedAtTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(fetchedAtTime)) {
    throw new UsageError(`--fetched-at-time ${JSON.stringify(fetchedAtTime)}: expected HH:MM (UTC, 24-hour)`);
  }

  const contentDir = v['content-dir'] ?? config.contentDir;
  if (contentDir.trim() === '') throw new UsageError('--content-dir must not be empty');

  return {
    source,
    days,
    fileDate: one,
    files,
    baseUrl,
    contentDir,
    concurrency: int('concurrency', v.concurrency, config.ingestConcurrency, 1, 16),
    retries: int('retries', v.retries, config.ingestRetries, 0, 20),
    timeoutMs: int('timeout', v.timeout, 30_000, 1, 600_000),
    retryDelayMs: int('retry-delay', v['retry-delay'], 1000, 0, 600_000),
    fetchedAt,
    fetchedAtTime,
    today,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      date: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'since-last': { type: 'boolean' },
      'refresh-days': { type: 'string' },
      source: { type: 'string' },
      files: { type: 'string', multiple: true },
      'base-url': { type: 'string' },
      'content-dir': { type: 'string' },
      concurrency: { type: 'string' },
      retries: { type: 'string' },
      timeout: { type: 'string' },
      'retry-delay': { type: 'string' },
      'fetched-at': { type: 'string' },
      'fetched-at-time': { type: 'string' },
      today: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
