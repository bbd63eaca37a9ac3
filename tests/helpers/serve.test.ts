// The one static server: a site under its base path as a static host serves it, 404 page, redirects, and gzip.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, type RunningServer } from './serve.ts';

let dir: string;
const PAGE = `<!doctype html><title>x</title>${'<p>a paper</p>'.repeat(200)}`;

/** The raw response (no decompression), with the request headers given. */
function fetchRaw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dpa-serve-'));
  mkdirSync(path.join(dir, 'papers/2405.15738'), { recursive: true });
  mkdirSync(path.join(dir, 'pagefind'));
  writeFileSync(path.join(dir, 'index.html'), PAGE);
  writeFileSync(path.join(dir, 'papers/2405.15738/index.html'), '<p>paper</p>');
  writeFileSync(path.join(dir, '404.html'), '<p>not here</p>');
  writeFileSync(path.join(dir, 'pagefind/pagefind.en.pf_meta'), 'already gzip');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serveSite', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serveSite({ outDir: dir, basePath: '/sub/path/' });
  });
  afterAll(() => server.close());

  it('serves the site under its base path, directories by their index.html', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sub\/path\/$/);
    const home = await fetchRaw(server.url);
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(home.headers['content-length']).toBe(String(Buffer.byteLength(PAGE)));
    expect(home.body.toString()).toBe(PAGE);
    expect((await fetchRaw(`${server.url}papers/2405.15738/`)).body.toString()).toBe('<p>paper</p>');
  });

  it('redirects a directory without its slash, and answers the 404 page outside the base or the site', async () => {
    const redirect = await fetchRaw(`${server.url}papers/2405.15738`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('/sub/path/papers/2405.15738/');
    for (const url of [
      `${server.url}papers/nope/`,
      server.url.replace('/sub/path/', '/index.html'),
      `${server.url}..%2f..%2f..%2fetc%2fpasswd`,
    ]) {
      const r = await fetchRaw(url);
      expect([url, r.status, r.body.toString()]).toEqual([url, 404, '<p>not here</p>']);
    }
  });

  it('sends files as they are without the gzip option, even to a client that accepts gzip', async () => {
    const r = await fetchRaw(server.url, { 'accept-encoding': 'gzip' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.body.toString()).toBe(PAGE);
  });
});

describe('serveSite with gzip', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serveSite({ outDir: dir }, { gzip: true });
  });
  afterAll(() => server.close());

  it('gzips what a client accepts gzipped, with the compressed length', async () => {
    const r = await fetchRaw(server.url, { 'accept-encoding': 'gzip, deflate' });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['content-length']).toBe(String(r.body.length));
    expect(r.body.length).toBeLessThan(Buffer.byteLength(PAGE) / 5);
    expect(gunzipSync(r.body).toString()).toBe(PAGE);
    // The same bytes again (compressed once, then kept).
    expect((await fetchRaw(server.url, { 'accept-encoding': 'gzip' })).body.equals(r.body)).toBe(true);
  });

  it('sends plain bytes to a client that does not accept gzip, and Pagefind files (gzip already) as they are', async () => {
    const plain = await fetchRaw(server.url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(PAGE);
    const meta = await fetchRaw(`${server.url}pagefind/pagefind.en.pf_meta`, { 'accept-encoding': 'gzip' });
    expect(meta.headers['content-encoding']).toBeUndefined();
    expect(meta.body.toString()).toBe('already gzip');
  });

  it('answers 404 where the site has no 404 page', async () => {
    rmSync(path.join(dir, '404.html'));
    const r = await fetchRaw(`${server.url}nope`);
    expect(r.status).toBe(404);
    expect(r.body.toString()).toBe('not found\n');
  });
});
