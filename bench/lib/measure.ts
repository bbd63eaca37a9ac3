// Run a command and measure it: wall time, peak memory of every process in its tree (VmHWM from /proc), output log.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The project's pinned Node (24); the machine's default may be older than Astro supports. */
export const NODE = path.join(ROOT, 'node_modules/.bin/node');
export const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');

export interface ProcessPeak {
  pid: number;
  /** Short name: `astro`, `pagefind`, `node`, ... */
  name: string;
  peakMb: number;
}

export interface Measured {
  seconds: number;
  code: number;
  log: string;
  /** Every process seen in the tree, largest peak first. */
  processes: ProcessPeak[];
  /** The largest sum of the tree's resident memory (VmRSS) in one sample: what the machine must hold at once. */
  treePeakMb: number;
}

function childrenOf(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // Field 4 (ppid) comes after the parenthesised command name, which may itself contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = kids.get(ppid) ?? [];
      list.push(Number(e));
      kids.set(ppid, list);
    } catch {
      // The process exited between readdir and read.
    }
  }
  return kids;
}

function describe(pid: number): { name: string; hwmKb: number; rssKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // Astro sets process.title, which rewrites cmdline; `Name:` (comm) then says `astro` too.
    const comm = /^Name:\s+(.+)$/m.exec(status)?.[1] ?? '?';
    const script = cmd.find((a) => /astro\.mjs$|pagefind|\.ts$|\.mjs$/.test(a));
    // An exiting process (a zombie) has an empty cmdline: '?', so the name it had is kept.
    const name = script ? path.basename(script).replace(/\.(mjs|ts|js)$/, '') : cmd.length === 0 ? '?' : comm;
    return { name, hwmKb: hwm ? Number(hwm[1]) : 0, rssKb: rss ? Number(rss[1]) : 0 };
  } catch {
    return undefined;
  }
}

/**
 * Spawn `cmd args` and sample its process tree every `intervalMs`. VmHWM is each process's own peak, so a
 * sample shortly before exit is exact; a process that lives less than one interval may be missed.
 */
export function measure(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; intervalMs?: number; echo?: boolean } = {},
): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Astro rewrites its process title (cmdline and comm say `MainThread`), so the root is named from its args.
    const script = args.find((a) => /\.(mjs|ts|js)$/.test(a)) ?? cmd;
    const rootName = path.basename(script).replace(/\.(mjs|ts|js)$/, '');
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    const onData = (d: Buffer) => {
      log += d.toString();
      if (opts.echo) process.stderr.write(d);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const peaks = new Map<number, ProcessPeak>();
    let treePeakKb = 0;
    const sample = () => {
      if (child.pid === undefined) return;
      const kids = childrenOf();
      const stack = [child.pid];
      let treeKb = 0;
      while (stack.length) {
        const pid = stack.pop()!;
        const d = describe(pid);
        if (d) {
          treeKb += d.rssKb;
          const prev = peaks.get(pid);
          const peakMb = Math.max(prev?.peakMb ?? 0, d.hwmKb / 1024);
          // The first sample can catch a process before exec; a later, better name wins.
          const name =
            pid === child.pid ? rootName : prev && (d.name === '?' || d.name === 'node') ? prev.name : d.name;
          peaks.set(pid, { pid, name, peakMb });
        }
        stack.push(...(kids.get(pid) ?? []));
      }
      treePeakKb = Math.max(treePeakKb, treeKb);
    };
    const timer = setInterval(sample, opts.intervalMs ?? 100);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      resolve({
        seconds: (performance.now() - started) / 1000,
        code: code ?? -1,
        log,
        processes: [...peaks.values()].sort((a, b) => b.peakMb - a.peakMb),
        treePeakMb: treePeakKb / 1024,
      });
    });
  });
}

/** The environment for a child `astro build`: no Vitest leftovers, no telemetry, no GitHub Pages defaults. */
export function buildEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*|VITE_.*)$/.test(key)) delete env[key];
  }
  return { ...env, ASTRO_TELEMETRY_DISABLED: '1', GITHUB_REPOSITORY: '', ...extra };
}

/** Peak by process kind: the largest astro (node) process and the largest pagefind process. */
export function peakOf(m: Measured, name: string): number {
  return Math.max(0, ...m.processes.filter((p) => p.name.includes(name)).map((p) => p.peakMb));
}

export { dirStats, type DirStats } from '../../scripts/lib/dir-stats.ts';

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Phase timings Astro prints (`[build] ... Completed in 1.2s.`, our integration's own lines), for the profile. */
export function phases(log: string): string[] {
  const plain = log.replace(/\x1b\[[0-9;]*m/g, '');
  return plain
    .split('\n')
    .filter((l) =>
      /Completed in|Synced content|indexed \d+|generating static routes|✓ Completed|in \d+(\.\d+)?m?s/.test(
        l,
      ),
    )
    .map((l) => l.trim());
}
