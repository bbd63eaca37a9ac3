// robots.txt: allow everything and point crawlers at the sitemap index (absolute URL, honouring base).
import type { APIRoute } from 'astro';
import { absoluteHref } from '../data/urls.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteHref(site, 'sitemap-index.xml')}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
