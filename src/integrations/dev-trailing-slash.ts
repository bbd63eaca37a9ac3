// Astro integration: in `astro dev`, a page URL without its trailing slash redirects to the slashed one.
//
// The site is built with `trailingSlash: 'always'`, and static hosts (GitHub Pages, Netlify, Cloudflare, `astro
// preview`) answer `/papers/2608.00079` with a redirect to `/papers/2608.00079/`. Astro's dev server answers it
// with a 404 instead, so a link copied from Hugging Face (`/papers/<id>`) failed only in development.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AstroIntegration } from 'astro';

/** The slashed form of a dev request's path, when it names a page rather than a file (no extension). */
export function slashedPath(url: string): string | undefined {
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  // A file has an extension starting with a letter (`.json`, `.bib`); the `.00079` of an arXiv id is none.
  if (pathname.endsWith('/') || /\.[A-Za-z][A-Za-z0-9]*$/.test(pathname) || pathname.startsWith('/@'))
    return undefined;
  if (pathname.startsWith('/_') || pathname.startsWith('/node_modules/')) return undefined;
  return `${pathname}/${q < 0 ? '' : url.slice(q)}`;
}

type Next = (e?: unknown) => void;

function redirectToSlashed(req: IncomingMessage, res: ServerResponse, next: Next): void {
  const to = req.method === 'GET' || req.method === 'HEAD' ? slashedPath(req.url ?? '/') : undefined;
  if (!to) return next();
  res.statusCode = 301;
  res.setHeader('Location', to);
  res.end();
}

export default function devTrailingSlash(): AstroIntegration {
  return {
    name: 'dpa:dev-trailing-slash',
    hooks: {
      'astro:config:setup': ({ command, updateConfig }) => {
        if (command !== 'dev') return;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'dpa:dev-trailing-slash',
                // A post hook, after Astro's own: Astro puts its middlewares first (its trailing-slash check answers
                // `/archive` with a 404 page, and takes `/papers/2608.00079` for a file), so this goes in front of them.
                configureServer: (server) => () => {
                  server.middlewares.stack.unshift({ route: '', handle: redirectToSlashed });
                },
              },
            ],
          },
        });
      },
    },
  };
}
