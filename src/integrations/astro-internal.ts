// An Astro internal module, from the Astro the project runs: the same module instance Astro itself imported (one
// resolved file, one module record), or undefined when the file is not where this Astro version keeps it. Used by
// the integrations that replace or release an internal (restore-by-link.ts, data-store.ts); each says in a warning
// when its internal is gone, and the build stays correct without it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** `file` is relative to Astro's `dist/` (where its package entry point is). */
export async function astroInternal<T>(root: URL, file: string): Promise<Partial<T> | undefined> {
  try {
    const main = createRequire(root).resolve('astro');
    const abs = path.join(path.dirname(main), ...file.split('/'));
    if (!existsSync(abs)) return undefined;
    return (await import(pathToFileURL(abs).href)) as Partial<T>;
  } catch {
    return undefined;
  }
}
