// Bounds of the ingest's HTTP client against hostile local servers: body size, per-attempt deadline, redirects.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHttpClient,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_BODY_BYTES,
  HttpError,
  MAX_REDIRECTS,
  type HttpOptions,
  type RetryInfo,
} from '../../../src/lib/http.ts';

const MiB = 1024 * 1024;
/** Each test is bounded: on code without the bounds, the hostile servers below still stop on their own. */
const timeout = 8000;

/** Writes `total` bytes in 64 KiB chunks, honouring backpressure, and stops once the client hangs up. */
function stream(res: ServerResponse, total: number, counter: { sent: number }): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      counter.sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server: Server = createServer(handler);
  const sockets = new Set<Socket>();
  let closed = 0;
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => {
      sockets.delete(s);
      closed++;
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    closedSockets: () => closed,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

type Listening = Awaited<ReturnType<typeof listen>>;

describe('bounds of createHttpClient', () => {
  let main: Listening;
  let other: Listening;
  const hits = new Map<string, number>();
  const sent = { sent: 0 };
  const timers = new Set<NodeJS.Timeout>();

  beforeAll(async () => {
    other = await listen((req, res) => {
      hits.set(`other${req.url}`, (hits.get(`other${req.url}`) ?? 0) + 1);
      res.writeHead(200).end('other origin');
    });
    main = await listen((req, res) => {
      const path = req.url ?? '';
      hits.set(path, (hits.get(path) ?? 0) + 1);
      const redirect = (to: string, status = 302) => void res.writeHead(status, { location: to }).end();
      const chain = /^\/chain\/(\d+)$/.exec(path);
      if (chain)
        return Number(chain[1]) === 0
          ? void res.end('end of chain')
          : redirect(`/chain/${Number(chain[1]) - 1}`);
      switch (path) {
        case '/ok':
          return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        case '/exact':
          return void res.writeHead(200).end(Buffer.alloc(1000, 'b'));
        case '/length-50mb':
          res.writeHead(200, { 'content-length': String(50_000_000) });
          return stream(res, 50_000_000, sent);
        case '/chunked-50mb':
          res.writeHead(200);
          return stream(res, 50_000_000, sent);
        case '/endless':
          // "Forever", with a ceiling so that a client without a cap still finishes (and fails the test).
          res.writeHead(200);
          return stream(res, 256 * MiB, sent);
        case '/big-503':
          res.writeHead(hits.get(path) === 1 ? 503 : 200);
          return void res.end(hits.get(path) === 1 ? Buffer.alloc(4000, 'c') : 'fine');
        case '/trickle': {
          // One byte every 50 ms for 3 s: each chunk arrives well inside the per-chunk body timeout.
          res.writeHead(200);
          let n = 0;
          const t = setInterval(() => {
            if (res.destroyed || ++n > 60) {
              clearInterval(t);
              timers.delete(t);
              return void (res.destroyed || res.end());
            }
            res.write('x');
          }, 50);
          timers.add(t);
          return;
        }
        case '/slow-headers': {
          const t = setTimeout(() => res.destroyed || res.writeHead(200).end('late'), 3000);
          timers.add(t);
          return;
        }
        case '/redirect/relative':
          return redirect('/ok');
        case '/redirect/absolute':
          return redirect(`${main.base}/ok`, 301);
        case '/redirect/other-port':
          return redirect(`${other.base}/ok`);
        case '/redirect/other-host':
          return redirect(`http://localhost:${main.port}/ok`, 307);
        case '/redirect/other-scheme':
          return redirect(`https://127.0.0.1:${main.port}/ok`, 308);
        case '/redirect/file':
          return redirect('file:///etc/passwd');
        case '/redirect/data':
          return redirect('data:text/plain,hello');
        case '/redirect/none':
          return void res.writeHead(302).end();
        default:
          res.writeHead(404).end();
      }
    });
  });
  afterAll(async () => {
    for (const t of timers) clearTimeout(t);
    await Promise.all([main.close(), other.close()]);
  });

  function client(options: Partial<HttpOptions> = {}, log: RetryInfo[] = []) {
    return createHttpClient({
      retries: 0,
      minDelayMs: 10,
      random: () => 0,
      userAgent: 'daily-papers-archive/test',
      onRetry: (i) => log.push(i),
      ...options,
    });
  }

  async function failure(promise: Promise<unknown>): Promise<HttpError> {
    const e = await promise.then(
      () => new Error('the request succeeded'),
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(HttpError);
    return e as HttpError;
  }

  it('exports its defaults', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBe(20 * MiB);
    expect(DEFAULT_DEADLINE_MS).toBe(60_000);
    expect(MAX_REDIRECTS).toBe(3);
  });

  describe('body size', () => {
    it(
      'refuses a 50 MB response by its Content-Length under the default cap, without retrying',
      { timeout },
      async () => {
        const http = client({ retries: 2 });
        sent.sent = 0;
        const e = await failure(http.getText(`${main.base}/length-50mb`));
        await http.close();
        expect(e.message).toBe(
          `${main.base}/length-50mb: response body over 20 MiB (limit; Content-Length 50000000)`,
        );
        expect(hits.get('/length-50mb')).toBe(1);
        // Refused on the headers: far less than the cap was ever sent.
        expect(sent.sent).toBeLessThan(20 * MiB);
      },
    );

    it('stops reading a 50 MB chunked response once past the default cap', { timeout }, async () => {
      const http = client({ retries: 2 });
      sent.sent = 0;
      const e = await failure(http.getText(`${main.base}/chunked-50mb`));
      await http.close();
      expect(e.problem).toBe('response body over 20 MiB (limit)');
      expect(hits.get('/chunked-50mb')).toBe(1);
      expect(sent.sent).toBeGreaterThan(20 * MiB);
      expect(sent.sent).toBeLessThan(40 * MiB);
    });

    it('fails fast on an endless body, with memory bounded', { timeout }, async () => {
      const http = client({ maxBodyBytes: MiB });
      sent.sent = 0;
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      const started = Date.now();
      const e = await failure(http.getText(`${main.base}/endless`)).finally(() => clearInterval(sampler));
      const elapsed = Date.now() - started;
      peak = Math.max(peak, process.memoryUsage().rss);
      await http.close();
      expect(e.problem).toBe('response body over 1 MiB (limit)');
      expect(elapsed).toBeLessThan(2000);
      expect(sent.sent).toBeLessThan(64 * MiB);
      expect(peak - rss0).toBeLessThan(100 * MiB);
    });

    it(
      'accepts a body of exactly the cap, and retries a 5xx whose body is over it',
      { timeout },
      async () => {
        const http = client({ maxBodyBytes: 1000, retries: 1 });
        expect((await http.getText(`${main.base}/exact`)).body).toHaveLength(1000);
        expect((await http.getText(`${main.base}/big-503`)).body).toBe('fine');
        await http.close();
      },
    );
  });

  describe('deadline per attempt', () => {
    it('ends a trickling body at the deadline, retries it, and closes the sockets', { timeout }, async () => {
      const log: RetryInfo[] = [];
      const http = client({ deadlineMs: 300, timeoutMs: 2000, retries: 1 }, log);
      const closedBefore = main.closedSockets();
      const started = Date.now();
      const e = await failure(http.getText(`${main.base}/trickle`));
      const elapsed = Date.now() - started;
      expect(e.problem).toBe(
        'deadline of 300 ms passed (connect + headers + body); gave up after 2 attempts',
      );
      expect(log.map((l) => l.reason)).toEqual(['deadline of 300 ms passed (connect + headers + body)']);
      expect(hits.get('/trickle')).toBe(2);
      expect(elapsed).toBeGreaterThanOrEqual(600);
      expect(elapsed).toBeLessThan(1500);
      // Both sockets were destroyed by the client, long before the server would have ended the bodies.
      const until = Date.now() + 1000;
      while (main.closedSockets() - closedBefore < 2 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 10));
      expect(main.closedSockets() - closedBefore).toBe(2);
      await http.close();
    });

    it('also covers the wait for the headers', { timeout }, async () => {
      const http = client({ deadlineMs: 300, timeoutMs: 5000 });
      const started = Date.now();
      const e = await failure(http.getText(`${main.base}/slow-headers`));
      expect(e.problem).toMatch(/^deadline of 300 ms passed/);
      expect(Date.now() - started).toBeLessThan(1500);
      await http.close();
    });
  });

  describe('redirects', () => {
    it('follows same-origin redirects, relative or absolute, up to the limit', { timeout }, async () => {
      const http = client();
      expect((await http.getText(`${main.base}/redirect/relative`)).body).toBe('{"ok":true}');
      expect((await http.getText(`${main.base}/redirect/absolute`)).body).toBe('{"ok":true}');
      expect((await http.getText(`${main.base}/chain/3`)).body).toBe('end of chain');
      const e = await failure(http.getText(`${main.base}/chain/4`));
      expect(e.problem).toBe('more than 3 redirects');
      await http.close();
    });

    it('refuses a redirect to another origin, naming both, without retrying', { timeout }, async () => {
      const http = client({ retries: 2 });
      const cases: [string, string][] = [
        ['/redirect/other-port', other.base],
        ['/redirect/other-host', `http://localhost:${main.port}`],
        ['/redirect/other-scheme', `https://127.0.0.1:${main.port}`],
      ];
      for (const [path, to] of cases) {
        const e = await failure(http.getText(`${main.base}${path}`));
        expect(e.problem).toBe(
          `redirect to another origin refused: ${main.base} -> ${to} (only same-origin redirects are followed)`,
        );
        expect(e.message).not.toContain('\n');
        expect(hits.get(path)).toBe(1);
      }
      expect(hits.get('other/ok')).toBeUndefined();
      await http.close();
    });

    it('refuses a non-http(s) Location, and reports a redirect without one', { timeout }, async () => {
      const http = client({ retries: 2 });
      const file = await failure(http.getText(`${main.base}/redirect/file`));
      expect(file.problem).toBe('redirect to a non-http(s) URL refused (file:)');
      const data = await failure(http.getText(`${main.base}/redirect/data`));
      expect(data.problem).toBe('redirect to a non-http(s) URL refused (data:)');
      const none = await failure(http.getText(`${main.base}/redirect/none`));
      expect([none.problem, none.status]).toEqual(['HTTP 302', 302]);
      expect(hits.get('/redirect/file')).toBe(1);
      await http.close();
    });
  });
});
