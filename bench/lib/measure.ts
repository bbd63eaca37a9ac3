// Run a command and measure it: wall time, peak memory of every process in its tree (VmHWM from /proc), output log.
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runProcess, type RunOptions, type RunResult } from '../../tests/helpers/run-process.ts';

export interface ProcessPeak {
  pid: number;
  /** Short name: `astro`, `pagefind`, `node`, ... */
  name: string;
  peakMb: number;
}

export interface Measured extends RunResult {
  /** Every process seen in the tree, largest peak first. */
  processes: ProcessPeak[];
  /** The largest sum of the tree's resident memory (VmRSS) in one sample: what the machine must hold at once. */
  treePeakMb: number;
  /**
   * CPU seconds (user + system) of the whole tree, each process's own as last sampled (to within one interval of
   * its end). Less sensitive than wall time to other work on a shared machine: compare both.
   */
  cpuSeconds: number;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux Node runs on). */
const TICKS = 100;

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

function describe(pid: number): { name: string; hwmKb: number; rssKb: number; cpuS: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // utime and stime: fields 14 and 15, counted from the field after the parenthesised command name (field 3).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuS = (Number(fields[11]) + Number(fields[12])) / TICKS;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // Astro sets process.title, which rewrites cmdline; `Name:` (comm) then says `astro` too.
    const comm = /^Name:\s+(.+)$/m.exec(status)?.[1] ?? '?';
    const script = cmd.find((a) => /astro\.mjs$|pagefind|\.ts$|\.mjs$/.test(a));
    // An exiting process (a zombie) has an empty cmdline: '?', so the name it had is kept.
    const name = script ? path.basename(script).replace(/\.(mjs|ts|js)$/, '') : cmd.length === 0 ? '?' : comm;
    return { name, hwmKb: hwm ? Number(hwm[1]) : 0, rssKb: rss ? Number(rss[1]) : 0, cpuS };
  } catch {
    return undefined;
  }
}

/**
 * Run `cmd args` (tests/helpers/run-process.ts: rejects with the log's tail unless it exits 0, or `allowFailure`) and
 * sample its process tree every `intervalMs`. VmHWM is each process's own peak, so a sample shortly before exit is
 * exact; a process that lives less than one interval may be missed. `echo` copies its output to stderr as it comes.
 */
export async function measure(
  cmd: string,
  args: string[],
  opts: Omit<RunOptions, 'onSpawn'> & { intervalMs?: number; echo?: boolean } = {},
): Promise<Measured> {
  // Astro rewrites its process title (cmdline and comm say `MainThread`), so the root is named from its args.
  const script = args.find((a) => /\.(mjs|ts|js)$/.test(a)) ?? cmd;
  const rootName = path.basename(script).replace(/\.(mjs|ts|js)$/, '');
  const peaks = new Map<number, ProcessPeak>();
  let treePeakKb = 0;
  const cpu = new Map<number, number>();
  const sample = (root: number) => {
    const kids = childrenOf();
    const stack = [root];
    let treeKb = 0;
    while (stack.length) {
      const pid = stack.pop()!;
      const d = describe(pid);
      if (d) {
        treeKb += d.rssKb;
        cpu.set(pid, Math.max(cpu.get(pid) ?? 0, d.cpuS));
        const prev = peaks.get(pid);
        const peakMb = Math.max(prev?.peakMb ?? 0, d.hwmKb / 1024);
        // The first sample can catch a process before exec; a later, better name wins.
        const name =
          pid === root ? rootName : prev && (d.name === '?' || d.name === 'node') ? prev.name : d.name;
        peaks.set(pid, { pid, name, peakMb });
      }
      stack.push(...(kids.get(pid) ?? []));
    }
    treePeakKb = Math.max(treePeakKb, treeKb);
  };
  let timer: NodeJS.Timeout | undefined;
  const onSpawn = (child: ChildProcess) => {
    const pid = child.pid;
    if (pid !== undefined) timer = setInterval(() => sample(pid), opts.intervalMs ?? 100);
  };
  const { echo, intervalMs: _interval, ...run } = opts;
  const onLine = echo
    ? (line: string, stream: 'stdout' | 'stderr') => {
        process.stderr.write(`${line}\n`);
        run.onLine?.(line, stream);
      }
    : run.onLine;
  try {
    const r = await runProcess(cmd, args, { ...run, onLine, onSpawn });
    return {
      ...r,
      processes: [...peaks.values()].sort((a, b) => b.peakMb - a.peakMb),
      treePeakMb: treePeakKb / 1024,
      cpuSeconds: [...cpu.values()].reduce((a, b) => a + b, 0),
    };
  } finally {
    clearInterval(timer);
  }
}

/** Peak by process kind: the largest astro (node) process and the largest pagefind process. */
export function peakOf(m: Measured, name: string): number {
  return Math.max(0, ...m.processes.filter((p) => p.name.includes(name)).map((p) => p.peakMb));
}
