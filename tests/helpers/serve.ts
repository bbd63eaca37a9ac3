// A tiny static server for a built site on 127.0.0.1, serving it under its base path like a static host.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
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

export interface RunningServer {
  /** `http://127.0.0.1:<port>/<base>` with a trailing slash. */
  url: string;
  close(): Promise<void>;
}

export async function serveSite(site: BuiltSite): Promise<RunningServer> {
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (file: string, status = 200) => {
      res.writeHead(status, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    };
    const notFound = () => send(path.join(site.outDir, '404.html'), 404);
    if (!pathname.startsWith(site.basePath)) return notFound();
    const rel = pathname.slice(site.basePath.length);
    const file = path.resolve(site.outDir, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
    // No path escapes the site directory.
    if (!file.startsWith(path.resolve(site.outDir) + path.sep)) return notFound();
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
    url: `http://127.0.0.1:${port}${site.basePath}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
