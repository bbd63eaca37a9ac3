// HTTP GET for the ingest: one keep-alive undici Agent with timeouts, bounds on size, time and redirects, and retries.
//
// undici's RetryAgent/interceptors.retry was considered: it resumes half-read bodies with Range requests
// (the HF API's JSON does not support them), has no jitter and ignores the RateLimit headers. Retrying the
// whole request here is simpler and every rule below is tested.
// Redirects are followed here too, not by interceptors.redirect: it follows them to any host, and upstream is hostile.
import { Agent, errors as undiciErrors, request } from 'undici';

/** The cap on a response body; past it the request fails without retrying. */
export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;
/** The time one attempt may take, from connecting to the last byte of the body (and any redirects). */
export const DEFAULT_DEADLINE_MS = 60_000;
/** Time allowed for the response headers, and between two body chunks. */
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Redirects followed per attempt, and only within the original URL's origin. */
export const MAX_REDIRECTS = 3;

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
  /** Overall time for one attempt: connect, headers and the whole body. Past it the attempt is retried. */
  deadlineMs?: number;
  /** Cap on a response body (checked on Content-Length, then while reading). Past it: no retry. */
  maxBodyBytes?: number;
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

/**
 * A response that will not get better by retrying (4xx, a body over the cap, a refused redirect), or the last
 * failure once retries ran out. `status` is set when an HTTP status was the problem.
 */
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

/** `20 MiB`, `512 KiB` or `1000 bytes`: a cap as a person would write it. */
function formatBytes(n: number): string {
  for (const [unit, size] of [
    ['MiB', 1024 * 1024],
    ['KiB', 1024],
  ] as const) {
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return `${n} bytes`;
}

/** undici's own cap (the Agent's maxResponseSize) fired: it counts bytes as they come off the socket. */
function overCap(e: unknown): boolean {
  return (
    e instanceof undiciErrors.ResponseExceededMaxSizeError ||
    (e as { code?: string } | undefined)?.code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE'
  );
}

/** The fetch standard's redirect statuses (300 is a menu, not a redirect). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Where a redirect may go: only the original URL's origin (scheme, host and port), so a hostile or hijacked
 * upstream cannot point the ingest at another host, and only so often. The messages name origins and schemes,
 * never the raw Location, so they stay one short line.
 */
function redirectTarget(url: string, from: string, location: string, followed: number): string {
  if (followed >= MAX_REDIRECTS) throw new HttpError(url, `more than ${MAX_REDIRECTS} redirects`);
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new HttpError(url, 'redirect with an unparsable Location refused');
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new HttpError(url, `redirect to a non-http(s) URL refused (${next.protocol})`);
  }
  const origin = new URL(url).origin;
  if (next.origin !== origin) {
    throw new HttpError(
      url,
      `redirect to another origin refused: ${origin} -> ${next.origin} (only same-origin redirects are followed)`,
    );
  }
  return next.href;
}

export interface HttpClient {
  getText(url: string, accept?: string): Promise<HttpResponse>;
  close(): Promise<void>;
}

type Attempt = HttpResponse | { retry: string; delayMs?: number };

export function createHttpClient(options: HttpOptions): HttpClient {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: options.connections ?? 4,
    connectTimeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    headersTimeout: timeout,
    bodyTimeout: timeout,
    // undici stops reading (and destroys the socket) the moment a body passes this, before buffering more.
    maxResponseSize: maxBodyBytes,
  });
  const minDelay = options.minDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 120_000;
  const random = options.random ?? Math.random;
  const overCapProblem = (detail = '') => `response body over ${formatBytes(maxBodyBytes)} (limit${detail})`;
  const pastDeadline = `deadline of ${deadlineMs} ms passed (connect + headers + body)`;

  /** One attempt: the request, up to MAX_REDIRECTS same-origin redirects, and the body, all under `signal`. */
  async function exchange(url: string, accept: string, signal: AbortSignal): Promise<Attempt> {
    let target = url;
    for (let followed = 0; ; followed++) {
      let res: Awaited<ReturnType<typeof request>>;
      try {
        res = await request(target, {
          method: 'GET',
          dispatcher: agent,
          signal,
          headers: { 'user-agent': options.userAgent, accept },
        });
      } catch (e) {
        if (overCap(e)) throw new HttpError(url, overCapProblem());
        if (signal.aborted) return { retry: pastDeadline };
        const reason = networkReason(e);
        if (reason) return { retry: reason };
        throw e;
      }
      const headers = res.headers as Headers;
      if (res.statusCode === 429 || res.statusCode >= 500) {
        await res.body.dump().catch(() => undefined);
        return { retry: `HTTP ${res.statusCode}`, delayMs: serverDelayMs(headers) };
      }
      const location = header(headers, 'location');
      if (REDIRECT_STATUSES.has(res.statusCode) && location !== undefined) {
        await res.body.dump().catch(() => undefined);
        target = redirectTarget(url, target, location, followed);
        continue;
      }
      if (res.statusCode >= 300) {
        await res.body.dump().catch(() => undefined);
        throw new HttpError(url, `HTTP ${res.statusCode}`, res.statusCode);
      }
      const length = header(headers, 'content-length')?.trim();
      if (length && /^\d+$/.test(length) && Number(length) > maxBodyBytes) {
        // Refused on the headers; destroying the unread body closes the socket.
        res.body.on('error', () => undefined).destroy();
        throw new HttpError(url, overCapProblem(`; Content-Length ${length}`));
      }
      try {
        const body = await res.body.text();
        return { url, status: res.statusCode, contentType: header(headers, 'content-type') ?? '', body };
      } catch (e) {
        if (overCap(e)) throw new HttpError(url, overCapProblem());
        if (signal.aborted) return { retry: pastDeadline };
        const reason = networkReason(e);
        if (reason) return { retry: `body: ${reason}` };
        throw e;
      }
    }
  }

  /** bodyTimeout is per chunk, so a trickling server could hold an attempt for ever; this bounds the whole. */
  async function attempt(url: string, accept: string): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(pastDeadline)), deadlineMs);
    try {
      return await exchange(url, accept, controller.signal);
    } finally {
      clearTimeout(timer);
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
