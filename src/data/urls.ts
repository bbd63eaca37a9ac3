// Every internal link of the site, prefixed with the configured base so the site works under a sub-path.
import { dayPagePath, paperBibPath, paperPagePath, withBase } from '../lib/links.ts';

/** `/` or `/sub/path/`: Astro's base, always with a trailing slash. */
export const base: string = import.meta.env.BASE_URL.endsWith('/')
  ? import.meta.env.BASE_URL
  : `${import.meta.env.BASE_URL}/`;

/** A base-relative path (`archive/`, `papers/x/`) as a root-relative href (`/sub/archive/`). */
export function href(path = ''): string {
  return withBase(base, path);
}

export const paperHref = (id: string): string => href(paperPagePath(id));
export const paperBibHref = (id: string): string => href(paperBibPath(id));
export const dayHref = (date: string): string => href(dayPagePath(date));
export const weekHref = (key: string, page = 1): string =>
  href(`papers/week/${key}/${page > 1 ? `${page}/` : ''}`);
export const monthHref = (key: string, page = 1): string =>
  href(`papers/month/${key}/${page > 1 ? `${page}/` : ''}`);
export const topicHref = (slug: string): string => href(`topics/${encodeURIComponent(slug)}/`);
export const searchHref = (): string => href('search/');
/** An organisation's page, by its key (src/lib/organizations.ts), and the index of organisations. */
export const orgHref = (key: string): string => href(`organizations/${encodeURIComponent(key)}/`);
export const orgsHref = (): string => href('organizations/');
/** The archive's papers by one author (exact name as upstream spells it). */
export const authorHref = (name: string): string => href(`authors/?name=${encodeURIComponent(name)}`);

/** Absolute URL of a base-relative path, for canonical links, OpenGraph and citation tags. */
export function absoluteHref(site: URL | undefined, path: string): string {
  const origin = site ?? new URL('http://localhost:4321');
  return new URL(href(path), origin).href;
}
