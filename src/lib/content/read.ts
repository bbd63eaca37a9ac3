// Read a whole content directory outside Astro (the search indexer runs beside the build, not inside it).
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
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
  // Read synchronously: for many small files fs/promises' readFile (a FileHandle, fstat and close per file, through
  // libuv's threadpool) is ~10x slower than readFileSync: the 9,877 papers of content/ take 1.1 s 16 at a time,
  // 0.11 s one after another. The only caller is the indexer's own process, which has nothing else to do meanwhile,
  // and the pages wait for what it computes next.
  const read = <T>(files: string[], dir: string, parse: (text: string, file: string) => T): T[] =>
    files.map((f) => {
      const file = path.join(dir, f);
      return parse(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
    });
  const papers = read(paperFiles, papersDir, parsePaperFile);
  const days = read(dayFiles, daysDir, parseDayFile);
  return { papers, days };
}
