import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Test files that read the real upstream data in `../shared/` (the corpus of API responses and the HTML, text and
 * bad-input fixtures), which lives beside the repository, not in it. A clone without it (GitHub Actions on a fork)
 * sets SHARED_DATA=absent to leave exactly these out, and says so; anywhere else a missing folder fails them loudly.
 */
const needsSharedData = [
  'tests/integration/**',
  'tests/scale/**',
  'tests/unit/sources/**',
  'tests/unit/text.test.ts',
  'tests/unit/math.test.ts',
  'tests/unit/related.test.ts',
  'tests/unit/topics.test.ts',
];
const withoutSharedData = process.env.SHARED_DATA === 'absent';
if (withoutSharedData) {
  const here = existsSync(new URL('../shared/corpus', import.meta.url)) ? ' (though ../shared exists)' : '';
  console.warn(`SHARED_DATA=absent${here}: leaving out ${needsSharedData.join(', ')}`);
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/.tmp/**', ...(withoutSharedData ? needsSharedData : [])],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
