// Integration-test helpers: run the real ingest CLI, a scripted fake Hugging Face server, and tree hashing.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NODE, ROOT, runProcess, type RunOptions } from '../helpers/run-process.ts';
import { CORPUS_DIR, corpusPath, FIXTURES_DIR } from '../helpers/shared.ts';

export { NODE, ROOT };
export const CLI = path.join(ROOT, 'scripts/ingest.ts');
export const CORPUS = path.resolve(CORPUS_DIR);
export const FIXTURES = path.resolve(FIXTURES_DIR);

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `dpa-${prefix}-`));
}

export interface CliResult {
  /** -1 when a signal ended the run. */
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The ingest CLI as CI runs it (no terminal, no GitHub repository), whatever its exit code. */
export async function runCli(
  args: string[],
  cwd = ROOT,
  hooks: Pick<RunOptions, 'onLine' | 'onSpawn'> = {},
): Promise<CliResult> {
  const r = await runProcess(NODE, [CLI, ...args], {
    cwd,
    env: { ...process.env, CI: 'true', GITHUB_REPOSITORY: '' },
    allowFailure: true,
    name: 'ingest',
    ...hooks,
  });
  return { code: r.code, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` (relative path -> sha256), including hidden ones, so leftovers show up too. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const rel of (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort()) {
    out.set(
      rel,
      createHash('sha256')
        .update(await readFile(path.join(dir, rel)))
        .digest('hex'),
    );
  }
  return out;
}

export function corpusItems(date: string): unknown[] {
  return JSON.parse(readFileSync(corpusPath(date), 'utf8')) as unknown[];
}

/** One scripted misbehaviour, used for the next request to a day's API (or HTML) URL. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  | { kind: 'stall' }
  | { kind: 'truncate' }
  | { kind: 'truncated-json' }
  | { kind: 'html' };

export interface FakeHf {
  base: string;
  /** Every request path, in arrival order. */
  requests: string[];
  userAgents: string[];
  close(): Promise<void>;
}

export interface FakeHfOptions {
  /** date -> items served by /api/daily_papers (days not listed serve []). */
  days: Record<string, unknown[]>;
  /** date -> HTML served at /papers/date/D. */
  html?: Record<string, string>;
  /** date -> faults for its API requests, consumed in order; `'always'` repeats the last one forever. */
  faults?: Record<string, { faults: Fault[]; always?: boolean }>;
  /**
   * date -> how its API pages misbehave: `cap` items at most per page whatever `limit` asks (servers do cap
   * `limit`), or `ignorePage`: every request gets page 0.
   */
  paging?: Record<string, { cap?: number; ignorePage?: boolean }>;
}

/**
 * A local stand-in for huggingface.co: paging honours `limit` (default 50) and `p`, as upstream does, unless
 * `paging` says otherwise. `days` is read on every request, so a test can change what a day serves.
 */
export async function startFakeHf(opts: FakeHfOptions): Promise<FakeHf> {
  const requests: string[] = [];
  const userAgents: string[] = [];
  const stalled = new Set<ServerResponse>();
  const faultFor = (date: string): Fault | undefined => {
    const f = opts.faults?.[date];
    if (!f) return undefined;
    return f.always ? f.faults[0] : f.faults.shift();
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    userAgents.push(String(req.headers['user-agent']));
    const htmlDay = /^\/papers\/date\/(\d{4}-\d{2}-\d{2})$/.exec(url.pathname)?.[1];
    if (htmlDay) {
      const page = opts.html?.[htmlDay];
      if (!page)
        return void res
          .writeHead(404, { 'content-type': 'text/html' })
          .end('<html><title>404</title></html>');
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    }
    if (url.pathname !== '/api/daily_papers') return void res.writeHead(404).end();
    const date = url.searchParams.get('date') ?? '';
    const paging = opts.paging?.[date];
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 50), paging?.cap ?? Infinity);
    const page = paging?.ignorePage ? 0 : Number(url.searchParams.get('p') ?? 0);
    const body = JSON.stringify((opts.days[date] ?? []).slice(page * limit, (page + 1) * limit));
    const fault = faultFor(date);
    switch (fault?.kind) {
      case 'status':
        return void res.writeHead(fault.status, fault.headers).end('{"error":"scripted"}');
      case 'stall':
        // Headers, half a body, then silence: only the client's body timeout gets it out.
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        });
        res.write(body.slice(0, 10));
        stalled.add(res);
        return;
      case 'truncate':
        // Content-Length promises more than arrives before the connection drops.
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        });
        res.write(body.slice(0, Math.floor(body.length / 2)));
        res.destroy();
        return;
      case 'truncated-json':
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(body.slice(0, Math.floor(body.length / 2)));
      case 'html':
        return void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<!doctype html><html><head><title>Hugging Face – Daily Papers</title></head><body>…</body></html>',
          );
      default:
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    }
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    userAgents,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
