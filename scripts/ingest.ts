// CLI entry point: `npm run ingest -- [options]` turns Hugging Face Daily Papers days into files under content/.
import { readFileSync } from 'node:fs';
import { LockedError } from '../src/lib/content/store.ts';
import { loadConfig } from '../src/lib/config.ts';
import { parseIngestArgs, USAGE, UsageError, type IngestOptions } from './lib/args.ts';
import { chooseReporter } from './lib/progress.ts';
import { runIngest, type IngestSummary } from './lib/run-ingest.ts';

function printSummary(s: IngestSummary): void {
  const lines = [
    `days: ${s.days.ok} ok, ${s.days.empty} empty, ${s.days.failed} failed`,
    `papers: ${s.papers.new} new, ${s.papers.updated} updated, ${s.papers.unchanged} unchanged, ${s.skipped.length} item${s.skipped.length === 1 ? '' : 's'} skipped`,
  ];
  if (s.failures.length > 0) {
    lines.push(`failed days:`);
    for (const f of s.failures) lines.push(`  ${f.message}`);
  }
  if (s.skipped.length > 0) {
    lines.push(
      `skipped items (their days' other papers were archived; --since-last fetches those days again):`,
    );
    for (const line of s.skipped) lines.push(`  ${line}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  let opts: IngestOptions | 'help';
  try {
    opts = parseIngestArgs(process.argv.slice(2), loadConfig(), new Date());
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`ingest: ${e.message} (see npm run ingest -- --help)\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  try {
    const summary = await runIngest(opts, chooseReporter(), pkg.version ?? '0.0.0');
    printSummary(summary);
    return summary.days.failed > 0 || summary.skipped.length > 0 ? 1 : 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`ingest: ${e instanceof LockedError ? message : message.split('\n')[0]}\n`);
    return 3;
  }
}

process.exitCode = await main();
