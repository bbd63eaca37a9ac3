// A tiny static server for a built site on 127.0.0.1, serving it under its base path like a static host: the one
// the browser tests and the benchmarks use (bench:search turns on gzip to measure what a compressing host sends).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BuiltSite } from './build-site.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.bib': 'application/x-bibtex; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
};

/** Pagefind's own files (`.pf_*`, `.pagefind`) are gzip already, as are fonts and images: sent as they are. */
const ALREADY_COMPRESSED = /\.(pf_fragment|pf_index|pf_filter|pf_meta|pagefind|woff2?|png)$/;

/** A built site, or just its directory (served at `/` unless `basePath` says otherwise). */
export type ServedSite = Pick<BuiltSite, 'outDir'> & Partial<BuiltSite>;

export interface ServeOptions {
  /** Gzip what is not compressed already when the client accepts it, as GitHub Pages does. */
  gzip?: boolean;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>/<base>` with a trailing slash. */
  url: string;
  close(): Promise<void>;
}

export async function serveSite(site: ServedSite, options: ServeOptions = {}): Promise<RunningServer> {
  const basePath = site.basePath ?? '/';
  const root = path.resolve(site.outDir);
  // Compressed once per file and server: a benchmark asks for the same files again in every query.
  const gzipped = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (file: string, status = 200) => {
      // no-cache: every browser context measures (or tests) what the server sends, not a cached copy.
      const headers = {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      };
      if (
        options.gzip &&
        !ALREADY_COMPRESSED.test(file) &&
        /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
      ) {
        const body = gzipped.get(file) ?? gzipSync(readFileSync(file));
        gzipped.set(file, body);
        res.writeHead(status, {
          ...headers,
          'Content-Encoding': 'gzip',
          'Content-Length': String(body.length),
          Vary: 'Accept-Encoding',
        });
        return res.end(body);
      }
      res.writeHead(status, { ...headers, 'Content-Length': String(statSync(file).size) });
      createReadStream(file).pipe(res);
    };
    const notFound = () => {
      const page = path.join(root, '404.html');
      if (existsSync(page)) return send(page, 404);
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    };
    if (!pathname.startsWith(basePath)) return notFound();
    const rel = pathname.slice(basePath.length);
    const file = path.resolve(root, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
    // No path escapes the site directory.
    if (!file.startsWith(root + path.sep)) return notFound();
    if (existsSync(file) && statSync(file).isFile()) return send(file);
    if (existsSync(path.join(file, 'index.html'))) {
      res.writeHead(301, { Location: `${pathname}/` });
      return res.end();
    }
    return notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
