// Read a whole content directory outside Astro (the search indexer runs beside the build, not inside it).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { DayManifest, Paper } from '../paper.ts';
import { parseDayFile, parsePaperFile } from './format.ts';

/** Files under `dir` whose name ends with `ext`, relative to `dir`, sorted; none if `dir` does not exist. */
export async function filesUnder(dir: string, ext: string): Promise<string[]> {
  try {
    const all = await readdir(dir, { recursive: true });
    return all.filter((f) => f.endsWith(ext) && !path.basename(f).startsWith('.')).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/**
 * Every paper (front matter + abstract) and day manifest of a content directory, validated with the same schema as
 * the content collections; a bad file throws an error naming it.
 */
export async function readContentDir(
  contentDir: string,
): Promise<{ papers: { data: Paper; body: string }[]; days: DayManifest[] }> {
  const papersDir = path.join(contentDir, 'papers');
  const daysDir = path.join(contentDir, 'days');
  const [paperFiles, dayFiles] = await Promise.all([
    filesUnder(papersDir, '.md'),
    filesUnder(daysDir, '.json'),
  ]);
  // A few files at a time: thousands of reads at once would only queue in libuv's threadpool.
  const limit = pLimit(16);
  const read = <T>(files: string[], dir: string, parse: (text: string, file: string) => T): Promise<T[]> =>
    Promise.all(
      files.map((f) =>
        limit(async () => {
          const file = path.join(dir, f);
          return parse(await readFile(file, 'utf8'), path.relative(process.cwd(), file) || file);
        }),
      ),
    );
  const [papers, days] = await Promise.all([
    read(paperFiles, papersDir, parsePaperFile),
    read(dayFiles, daysDir, parseDayFile),
  ]);
  return { papers, days };
}
