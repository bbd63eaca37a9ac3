// Command-line parsing for every CLI of the project (scripts/, bench/): node:util parseArgs, strict, and one way to
// fail: a one-line message naming the bad flag and --help, exit status 2.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A wrong command line; the CLI prints `<name>: <message> (see npm run <name> -- --help)` and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * parseArgs' message without its hint for positionals (`To specify a positional argument starting with a '-',
 * place it at the end of the command after '--', as in '-- "--bogus"`), which none of our CLIs take like that.
 */
export function usageMessage(e: unknown): string {
  const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
  return first.split(/\.\s+To specify a positional argument/)[0]?.replace(/\.$/, '') || 'invalid arguments';
}

/** Strict parseArgs whose errors are UsageErrors with a one-line message. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    // strict is parseArgs' default; a config that sets it false keeps its choice.
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
}

/** A default as a user reads it: a path beside the checkout relative to it, not this machine's absolute path. */
function shown(value: unknown): unknown {
  if (typeof value !== 'string' || !path.isAbsolute(value)) return value;
  return value.startsWith(path.dirname(process.cwd())) ? path.relative(process.cwd(), value) : value;
}

/** A usage text made from the options themselves, for scripts without one of their own. */
export function generatedUsage(command: string, config: ParseArgsConfig): string {
  const lines = Object.entries(config.options ?? {}).map(([name, o]) => {
    const value = o.type === 'string' ? ' VALUE' : '';
    const def = o.default !== undefined ? `  (default ${JSON.stringify(shown(o.default))})` : '';
    return `  --${name}${value}${def}`;
  });
  return [`usage: ${command}${command.startsWith('npm ') ? ' --' : ''} [options]`, ...lines, '  --help'].join(
    '\n',
  );
}

/**
 * Parse for a script that runs at top level (a benchmark, the indexer): on a usage error print the line and exit 2.
 * `command` is how a user runs it (`npm run bench:build`, `node bench/floor.ts`), for the pointer to --help; a
 * script whose options have no `help` gets one that prints `generatedUsage`.
 */
export function parseOrExit<T extends ParseArgsConfig>(
  command: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  if (!config.options?.help && (args.includes('--help') || args.includes('-h'))) {
    process.stdout.write(`${generatedUsage(command, config)}\n`);
    process.exit(0);
  }
  try {
    return parseCommandLine(config);
  } catch (e) {
    const name = command.split(/[\s/]/).at(-1)?.replace(/\.ts$/, '') ?? command;
    const help = command.startsWith('npm ') ? `${command} -- --help` : `${command} --help`;
    process.stderr.write(`${name}: ${usageMessage(e)} (see ${help})\n`);
    process.exit(2);
  }
}
