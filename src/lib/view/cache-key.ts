// Cache keys for Astro's incremental builds (experimental.incrementalBuild): a page whose key and code are unchanged
// is restored from the previous build instead of rendered. A key must cover everything the page shows that is not
// its code: the site-wide inputs (`site`: settings and topic names) and the page's own data.
import { createHash } from 'node:crypto';

export function cacheKey(site: string, data: unknown): string {
  return createHash('sha256').update(site).update('\0').update(JSON.stringify(data)).digest('base64url');
}
