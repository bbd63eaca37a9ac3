// Run a child process and collect its output: the one spawn helper of the tests and the benchmarks.
// It lives in tests/helpers/ because that is the layer both already import (the benchmarks take the browser and the
// static server from here too); bench/lib builds on it (bench/lib/measure.ts samples memory around it), never the
// reverse, so a plain clone's `npm test` needs nothing from bench/.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The project's pinned Node (24), else this one: the machine's default node may be older than Astro supports. */
export const NODE = existsSync(path.join(ROOT, 'node_modules/.bin/node'))
  ? path.join(ROOT, 'node_modules/.bin/node')
  : process.execPath;

export interface RunOptions {
  /** Default: the repository root. */
  cwd?: string;
  /** The whole environment of the child (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Called with each complete line of output as it arrives (e.g. to echo a long build's progress). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Called once the child is spawned (e.g. to sample its process tree). */
  onSpawn?: (child: ChildProcess) => void;
  /** Kill the child (SIGTERM, then SIGKILL 5 s later) and reject when it runs longer than this (ms). */
  timeoutMs?: number;
  /** Resolve whatever the exit code (default: reject unless it is 0). */
  allowFailure?: boolean;
  /** What the process is, for error messages (default: the command line). */
  name?: string;
}

export interface RunResult {
  /** The exit code; -1 when a signal ended the process. */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in the order they arrived. */
  log: string;
  seconds: number;
}

/** A run that failed (exit code, signal, timeout or no such command); the message ends with the log's tail. */
export class ProcessError extends Error {
  readonly result: RunResult;
  constructor(message: string, result: RunResult) {
    super(message);
    this.name = 'ProcessError';
    this.result = result;
  }
}

/** The last `chars` characters of a log, from a line start, for an error message that fits on a screen. */
export function logTail(log: string, chars = 4000): string {
  if (log.length <= chars) return log.trimEnd();
  const cut = log.slice(-chars);
  const nl = cut.indexOf('\n');
  return `[...]\n${(nl >= 0 ? cut.slice(nl + 1) : cut).trimEnd()}`;
}

/** Spawns `cmd args` (no shell, stdin closed) and resolves when it exits, with its output. */
export function runProcess(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const name = opts.name ?? [path.basename(cmd), ...args].join(' ');
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let log = '';
    // The unfinished last line of each stream, for onLine.
    const partial = { stdout: '', stderr: '' };
    const collect = (stream: 'stdout' | 'stderr') => (text: string) => {
      if (stream === 'stdout') stdout += text;
      else stderr += text;
      log += text;
      if (!opts.onLine) return;
      const lines = (partial[stream] + text).split('\n');
      partial[stream] = lines.pop()!;
      for (const line of lines) opts.onLine(line, stream);
    };
    // setEncoding decodes across chunk boundaries, so a character split between two reads stays whole.
    child.stdout.setEncoding('utf8').on('data', collect('stdout'));
    child.stderr.setEncoding('utf8').on('data', collect('stderr'));

    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
            killer = setTimeout(() => {
              child.kill('SIGKILL');
              // A grandchild may still hold the pipes open; 'close' waits for them unless our ends go.
              child.stdout.destroy();
              child.stderr.destroy();
            }, 5000);
          }, opts.timeoutMs);
    const result = (code: number, signal: NodeJS.Signals | null): RunResult => ({
      code,
      signal,
      stdout,
      stderr,
      log,
      seconds: (performance.now() - started) / 1000,
    });
    const fail = (why: string, r: RunResult) => {
      const tail = logTail(r.log);
      reject(new ProcessError(`${name} ${why}${tail ? `:\n${tail}` : ' (no output)'}`, r));
    };

    // A child that cannot be spawned emits 'error' and may emit 'close' as well: the first one settles.
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killer);
      return true;
    };
    child.on('error', (e) => {
      if (settle()) fail(`could not run (${e.message})`, result(-1, null));
    });
    child.on('close', (code, signal) => {
      if (!settle()) return;
      for (const stream of ['stdout', 'stderr'] as const)
        if (partial[stream] !== '') opts.onLine?.(partial[stream], stream);
      const r = result(code ?? -1, signal);
      if (timedOut) return fail(`timed out after ${(opts.timeoutMs! / 1000).toFixed(1)} s`, r);
      if (r.code !== 0 && !opts.allowFailure)
        return fail(signal ? `was killed by ${signal}` : `exited ${r.code}`, r);
      resolve(r);
    });
    opts.onSpawn?.(child);
  });
}
