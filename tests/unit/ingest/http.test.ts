// HTTP retries against a local server: 429 with Retry-After / RateLimit, 5xx, no retry on 404, giving up, User-Agent.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backoffMs,
  createHttpClient,
  HttpError,
  serverDelayMs,
  type RetryInfo,
} from '../../../src/lib/http.ts';

describe('serverDelayMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads Retry-After seconds and HTTP-dates, then the RateLimit headers', () => {
    expect(serverDelayMs({ 'retry-after': '3' }, now)).toBe(3000);
    expect(serverDelayMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(serverDelayMs({ ratelimit: '"api";r=0;t=42' }, now)).toBe(42_000);
    expect(serverDelayMs({ ratelimit: 'limit=500, remaining=0, reset=7' }, now)).toBe(7000);
    expect(serverDelayMs({ 'ratelimit-reset': '9' }, now)).toBe(9000);
    expect(serverDelayMs({}, now)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles per attempt with jitter in [base/2, base], capped', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 60_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});

describe('createHttpClient', () => {
  let server: Server;
  let base: string;
  const hits = new Map<string, number>();
  const agents: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const n = (hits.get(req.url ?? '') ?? 0) + 1;
      hits.set(req.url ?? '', n);
      agents.push(String(req.headers['user-agent']));
      if (req.url === '/429' && n === 1) return res.writeHead(429, { 'retry-after': '0' }).end('slow down');
      if (req.url === '/ratelimit' && n === 1)
        return res.writeHead(429, { ratelimit: '"api";r=0;t=0' }).end();
      if (req.url === '/500' && n <= 2) return res.writeHead(503).end();
      if (req.url === '/always500') return res.writeHead(500).end();
      if (req.url === '/404') return res.writeHead(404).end('nope');
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"n":${n}}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  function client(retries: number, log: RetryInfo[]) {
    return createHttpClient({
      retries,
      minDelayMs: 100,
      random: () => 0,
      userAgent: 'daily-papers-archive/test (+https://github.com/x/y)',
      onRetry: (i) => log.push(i),
    });
  }

  it('retries 429 (honouring Retry-After and RateLimit) and 5xx, then returns the body', async () => {
    const log: RetryInfo[] = [];
    const http = client(3, log);
    expect((await http.getText(`${base}/429`)).body).toBe('{"n":2}');
    expect((await http.getText(`${base}/ratelimit`)).body).toBe('{"n":2}');
    expect((await http.getText(`${base}/500`)).body).toBe('{"n":3}');
    await http.close();
    // The server's delay (0 s) replaces the backoff, which would have been 50 ms then 100 ms.
    expect(log.map((l) => [l.reason, l.attempt, l.delayMs])).toEqual([
      ['HTTP 429', 1, 0],
      ['HTTP 429', 1, 0],
      ['HTTP 503', 1, 50],
      ['HTTP 503', 2, 100],
    ]);
    expect(agents.every((a) => a.startsWith('daily-papers-archive/'))).toBe(true);
  });

  it('does not retry a 404, and gives up after the configured retries', async () => {
    const log: RetryInfo[] = [];
    const http = client(2, log);
    await expect(http.getText(`${base}/404`)).rejects.toThrow(HttpError);
    expect(hits.get('/404')).toBe(1);
    await expect(http.getText(`${base}/always500`)).rejects.toThrow(/HTTP 500; gave up after 3 attempts/);
    expect(hits.get('/always500')).toBe(3);
    await http.close();
  });
});
