import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Tests read real upstream data from tests/fixtures/upstream/ (committed). Those that need the whole corpus of 580
// days run only when it is here (CORPUS_DIR, or shared/ beside the repository): say so once when they are skipped.
const corpus =
  process.env.CORPUS_DIR ??
  (process.env.SHARED_DIR
    ? `${process.env.SHARED_DIR}/corpus/hf-daily-papers`
    : new URL('../shared/corpus/hf-daily-papers', import.meta.url).pathname);
if (!existsSync(corpus))
  console.log(
    'whole-corpus tests skipped: set CORPUS_DIR=<a directory of YYYY-MM-DD.json API responses> (or put shared/ beside the repository) to run them',
  );

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/.tmp/**'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
