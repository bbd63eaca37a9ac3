// ci:local's stand-in for huggingface.co: saved corpus days at /api/daily_papers, with the API's limit/p paging.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { isIsoDate } from '../../../src/lib/ids.ts';

/** Days to serve: CORPUS_DIR, else the whole corpus beside the checkout, else the committed sample days. */
export function defaultCorpusDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const sample = path.resolve(root, 'tests/fixtures/upstream/corpus');
  return (
    env.CORPUS_DIR ??
    [path.resolve(root, '../shared/corpus/hf-daily-papers'), sample].find((d) => existsSync(d)) ??
    sample
  );
}

/**
 * Serves corpusDir/<date>.json (a day not there is an empty list). For failDay it answers with an HTML error page
 * where JSON was expected (and has no HTML day page either), so the ingest fails that day.
 */
export function startFixtureServer(
  corpusDir: string,
  failDay: string | undefined,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const date = url.searchParams.get('date') ?? '';
    if (url.pathname === '/api/daily_papers' && isIsoDate(date) && date !== failDay) {
      const file = path.join(corpusDir, `${date}.json`);
      const items: unknown[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const page = Number(url.searchParams.get('p') ?? 0);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(items.slice(page * limit, (page + 1) * limit)));
      return;
    }
    res.writeHead(url.pathname === '/api/daily_papers' ? 200 : 404, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Error</title><h1>Something went wrong</h1>');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}
