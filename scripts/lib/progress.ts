// Progress output of the ingest: a cli-progress bar on a terminal, one plain line per day otherwise (CI, pipes).
import cliProgress from 'cli-progress';
import type { DayOutcome } from '../../src/lib/ingest/apply-day.ts';
import type { RetryInfo } from '../../src/lib/http.ts';

export interface Reporter {
  start(totalDays: number): void;
  /** Something the operator should know before the days run (older days fetched again). */
  info(message: string): void;
  retry(info: RetryInfo): void;
  dayDone(label: string, outcome: DayOutcome): void;
  dayFailed(label: string, message: string): void;
  /** One item of a day that could not be used; the day itself is done. */
  itemSkipped(message: string): void;
  warn(message: string): void;
  stop(): void;
}

export function describeDay(label: string, o: DayOutcome): string {
  const n = o.papers.new + o.papers.updated + o.papers.unchanged;
  const skipped = o.skipped > 0 ? `, ${o.skipped} item${o.skipped === 1 ? '' : 's'} skipped` : '';
  if (o.status === 'empty') return `${label} empty (upstream listed no papers)${skipped}`;
  return `${label} ok ${n} paper${n === 1 ? '' : 's'} (${o.papers.new} new, ${o.papers.updated} updated, ${o.papers.unchanged} unchanged)${skipped}`;
}

export function plainReporter(out: NodeJS.WritableStream, err: NodeJS.WritableStream): Reporter {
  return {
    start(total) {
      out.write(`ingesting ${total} day${total === 1 ? '' : 's'}\n`);
    },
    info(message) {
      out.write(`${message}\n`);
    },
    retry(info) {
      out.write(
        `retry ${info.attempt} in ${(info.delayMs / 1000).toFixed(1)}s: ${info.url}: ${info.reason}\n`,
      );
    },
    dayDone(label, outcome) {
      out.write(`${describeDay(label, outcome)}\n`);
    },
    dayFailed(_label, message) {
      err.write(`FAILED ${message}\n`);
    },
    itemSkipped(message) {
      err.write(`SKIPPED ${message}\n`);
    },
    warn(message) {
      err.write(`warning: ${message}\n`);
    },
    stop() {},
  };
}

export function barReporter(): Reporter {
  const bar = new cliProgress.SingleBar(
    {
      format:
        'days {bar} {value}/{total} | papers {papers} | retries {retries} | failed {failed} | skipped {skipped} | {last}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const counts = { papers: 0, retries: 0, failed: 0, skipped: 0, last: '' };
  return {
    start(total) {
      bar.start(total, 0, counts);
    },
    info(message) {
      process.stdout.write(`${message}\n`);
    },
    retry(info) {
      counts.retries++;
      bar.update({ ...counts, last: `retrying ${info.reason}` });
    },
    dayDone(label, outcome) {
      counts.papers += outcome.papers.new + outcome.papers.updated + outcome.papers.unchanged;
      counts.last = label;
      bar.increment(1, counts);
    },
    dayFailed(label) {
      counts.failed++;
      counts.last = `${label} failed`;
      bar.increment(1, counts);
    },
    itemSkipped() {
      // Listed in the summary at the end; the bar only counts them.
      counts.skipped++;
      bar.update(counts);
    },
    warn(message) {
      bar.stop();
      process.stderr.write(`warning: ${message}\n`);
    },
    stop() {
      bar.stop();
    },
  };
}

/** The bar only where a person watches a terminal; CI logs and pipes get plain lines. */
export function chooseReporter(env: NodeJS.ProcessEnv = process.env): Reporter {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return process.stdout.isTTY && !ci ? barReporter() : plainReporter(process.stdout, process.stderr);
}
