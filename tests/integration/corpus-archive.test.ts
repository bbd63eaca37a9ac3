// The bundled archive is what the ingest makes of the corpus: importing all 580 saved days into an empty directory
// reproduces content/ (every paper and day, field for field). Needs the whole corpus (CORPUS_DIR or ../shared).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readContentDir } from '../../src/lib/content/read.ts';
import { FULL_CORPUS_DIR } from '../helpers/shared.ts';
import { ROOT, runCli, tempDir } from './helpers.ts';

/** A paper or day without where its data was read from (the corpus may sit in another folder here). */
function withoutSourceFile<T extends { source: { file?: string } }>(x: T): T {
  const { file: _file, ...source } = x.source;
  return { ...x, source };
}

describe.skipIf(!FULL_CORPUS_DIR)('the bundled archive', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is reproduced by importing the whole corpus', async () => {
    dir = await tempDir('corpus');
    const r = await runCli([
      '--source',
      'files',
      '--files',
      FULL_CORPUS_DIR as string,
      '--content-dir',
      dir,
      '--fetched-at-time',
      '07:45',
    ]);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toMatch(/days: 580 ok, 0 empty, 0 failed/);
    const made = await readContentDir(dir);
    const bundled = await readContentDir(path.join(ROOT, 'content'));
    const byId = (ps: typeof made.papers) =>
      new Map(ps.map((p) => [p.data.id, { data: withoutSourceFile(p.data), body: p.body }]));
    expect(byId(made.papers)).toEqual(byId(bundled.papers));
    expect(made.days.map(withoutSourceFile)).toEqual(bundled.days.map(withoutSourceFile));
  }, 120_000);
});
