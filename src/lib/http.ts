// HTTP GET for the ingest: one keep-alive undici Agent with timeouts, and retries with backoff on transient failures.
//
// undici's RetryAgent/interceptors.retry was considered: it resumes half-read bodies with Range requests
// (the HF API's JSON does not support them), has no jitter and ignores the RateLimit headers. Retrying the
// whole request here is simpler and every rule below is tested.
import { Agent, errors as undiciErrors, interceptors, request, type Dispatcher } from 'undici';

export interface HttpOptions {
  /** Retries after the first attempt (config `ingestRetries`). */
  retries: number;
  /** Backoff base: attempt n waits about minDelayMs * 2^n, with jitter. */
  minDelayMs?: number;
  /** Upper bound for any wait, including server-requested ones. */
  maxDelayMs?: number;
  connectTimeoutMs?: number;
  /** Time allowed for response headers, and between body chunks. */
  timeoutMs?: number;
  userAgent: string;
  connections?: number;
  onRetry?: (info: RetryInfo) => void;
  /** For tests: replaces Math.random in the jitter. */
  random?: () => number;
}

export interface RetryInfo {
  url: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface HttpResponse {
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/** A response that will not get better by retrying (4xx), or the last failure once retries ran out. */
export class HttpError extends Error {
  readonly url: string;
  readonly problem: string;
  readonly status: number | undefined;
  constructor(url: string, problem: string, status?: number) {
    super(`${url}: ${problem}`);
    this.name = 'HttpError';
    this.url = url;
    this.problem = problem;
    this.status = status;
  }
}

export function userAgent(version: string, repository = 'daily-papers-archive/daily-papers-archive'): string {
  return `daily-papers-archive/${version} (+https://github.com/${repository})`;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * How long the server asks us to wait, in ms: `Retry-After` (seconds or an HTTP-date), else the IETF
 * `RateLimit` header (`t=` in the structured draft, `reset=` in the older one) or `RateLimit-Reset`.
 */
export function serverDelayMs(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = header(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const rateLimit = header(headers, 'ratelimit');
  const reset = rateLimit
    ? /(?:^|[;,\s])(?:t|reset)=(\d+)/.exec(rateLimit)?.[1]
    : header(headers, 'ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Number(reset) * 1000;
  return undefined;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients spread out but still back off. */
export function backoffMs(
  attempt: number,
  minDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const base = Math.min(maxDelayMs, minDelayMs * 2 ** (attempt - 1));
  return Math.round(base / 2 + (base / 2) * random());
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_CLOSED',
]);

function networkReason(e: unknown): string | undefined {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  if (code && RETRYABLE_CODES.has(code)) return `${code} (${err.message ?? 'network error'})`;
  if (e instanceof undiciErrors.UndiciError) return err.message ?? 'network error';
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface HttpClient {
  getText(url: string, accept?: string): Promise<HttpResponse>;
  close(): Promise<void>;
}

export function createHttpClient(options: HttpOptions): HttpClient {
  const timeout = options.timeoutMs ?? 30_000;
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: options.connections ?? 4,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const dispatcher: Dispatcher = agent.compose(interceptors.redirect({ maxRedirections: 3 }));
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 120_000;
  const random = options.random ?? Math.random;

  async function attempt(
    url: string,
    accept: string,
  ): Promise<HttpResponse | { retry: string; delayMs?: number }> {
    let res: Awaited<ReturnType<typeof request>>;
    try {
      res = await request(url, {
        method: 'GET',
        dispatcher,
        headers: { 'user-agent': options.userAgent, accept },
      });
    } catch (e) {
      const reason = networkReason(e);
      if (reason) return { retry: reason };
      throw e;
    }
    const headers = res.headers as Headers;
    if (res.statusCode === 429 || res.statusCode >= 500) {
      await res.body.dump().catch(() => undefined);
      return { retry: `HTTP ${res.statusCode}`, delayMs: serverDelayMs(headers) };
    }
    if (res.statusCode >= 300) {
      await res.body.dump().catch(() => undefined);
      throw new HttpError(url, `HTTP ${res.statusCode}`, res.statusCode);
    }
    try {
      const body = await res.body.text();
      return { url, status: res.statusCode, contentType: header(headers, 'content-type') ?? '', body };
    } catch (e) {
      const reason = networkReason(e);
      if (reason) return { retry: `body: ${reason}` };
      throw e;
    }
  }

  return {
    async getText(url, accept = 'application/json') {
      for (let n = 0; ; n++) {
        const result = await attempt(url, accept);
        if ('body' in result) return result;
        if (n >= options.retries) {
          throw new HttpError(url, `${result.retry}; gave up after ${n + 1} attempt${n ? 's' : ''}`);
        }
        const delayMs = Math.min(maxDelay, result.delayMs ?? backoffMs(n + 1, minDelay, maxDelay, random));
        options.onRetry?.({ url, attempt: n + 1, delayMs, reason: result.retry });
        await sleep(delayMs);
      }
    },
    async close() {
      await agent.close();
    },
  };
}
