// Checks every internal link and asset reference of a built site resolves to a file under the site's base.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { walkFiles, type BuiltSite } from './build-site.ts';

export interface BrokenLink {
  page: string;
  url: string;
  problem: string;
}

const ATTRS: [selector: string, attr: string][] = [
  ['a[href]', 'href'],
  ['link[href]', 'href'],
  ['script[src]', 'src'],
  ['img[src]', 'src'],
  ['source[src]', 'src'],
  ['form[action]', 'action'],
  ['meta[property="og:url"]', 'content'],
  ['meta[name="citation_abstract_html_url"]', 'content'],
];

function isFile(p: string): boolean {
  return existsSync(p) && statSync(p).isFile();
}

/** Resolves one reference; returns the problem, or undefined when it points at a built file. */
function check(site: BuiltSite, pageUrl: URL, raw: string, ids: Set<string>): string | undefined {
  if (/^(mailto|tel|data):/i.test(raw)) return undefined;
  if (/^javascript:/i.test(raw.trim())) return 'javascript: URL';
  const url = new URL(raw, pageUrl);
  if (url.origin !== pageUrl.origin) return undefined; // external
  if (url.pathname === pageUrl.pathname && url.hash && raw.startsWith('#')) {
    return ids.has(decodeURIComponent(url.hash.slice(1))) ? undefined : `no element with id ${url.hash}`;
  }
  if (!url.pathname.startsWith(site.basePath)) return `outside the base ${site.basePath}`;
  const rel = decodeURIComponent(url.pathname.slice(site.basePath.length));
  const file = path.join(site.outDir, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel);
  if (isFile(file)) return undefined;
  if (isFile(path.join(site.outDir, rel, 'index.html'))) return 'missing trailing slash';
  return `no file ${path.relative(site.outDir, file)}`;
}

export function checkLinks(site: BuiltSite): { pages: number; links: number; broken: BrokenLink[] } {
  const broken: BrokenLink[] = [];
  let links = 0;
  const pages = walkFiles(site.outDir).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
  for (const page of pages) {
    const html = readFileSync(path.join(site.outDir, page), 'utf8');
    const $ = cheerio.load(html);
    const ids = new Set(
      $('[id]')
        .map((_, el) => $(el).attr('id') ?? '')
        .get(),
    );
    const pagePath = page === '404.html' ? '404.html' : page.replace(/index\.html$/, '');
    const pageUrl = new URL(`${site.basePath}${pagePath}`, site.siteUrl);
    // A <template>'s content is a skeleton a script clones and fills (result and author cards), not a link.
    $('template').remove();
    for (const [selector, attr] of ATTRS) {
      $(selector).each((_, el) => {
        const raw = $(el).attr(attr);
        if (raw === undefined) return;
        links += 1;
        const problem = check(site, pageUrl, raw, ids);
        if (problem) broken.push({ page, url: raw, problem });
      });
    }
  }
  return { pages: pages.length, links, broken };
}
