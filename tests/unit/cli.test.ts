// Every CLI of the project rejects an unknown flag the same way: exit 2, one line naming the flag and --help.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usageMessage } from '../../scripts/lib/cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
/** Each CLI answers in under a second alone; in the full suite, beside two builds on two cores, one once took over
 * 30 s to start (`ci-local.ts`, 2026-12-02): what is tested is the answer, not the start-up time. */
const SPAWN = { cwd: ROOT, encoding: 'utf8', timeout: 100_000 } as const;
const TEST_TIMEOUT = 120_000;

const CLIS = [
  ['scripts/ingest.ts', 'ingest', 'npm run ingest -- --help'],
  ['scripts/topics.ts', 'topics', 'npm run topics -- --help'],
  ['scripts/ci-local.ts', 'ci:local', 'npm run ci:local -- --help'],
  ['scripts/search-index.ts', 'search-index', 'node scripts/search-index.ts --help'],
  ['bench/build.ts', 'bench:build', 'npm run bench:build -- --help'],
  ['bench/ingest.ts', 'bench:ingest', 'npm run bench:ingest -- --help'],
  ['bench/scale.ts', 'bench:scale', 'npm run bench:scale -- --help'],
  ['bench/search.ts', 'bench:search', 'npm run bench:search -- --help'],
  ['bench/floor.ts', 'floor', 'node bench/floor.ts --help'],
  ['bench/generate.ts', 'generate', 'node bench/generate.ts --help'],
] as const;

describe('command lines', () => {
  it.each(CLIS)(
    '%s --bogus exits 2 with one line naming the flag and --help',
    (script, name, help) => {
      const r = spawnSync(NODE, [script, '--bogus'], SPAWN);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${name}: Unknown option '--bogus' (see ${help})\n`);
    },
    TEST_TIMEOUT,
  );

  it.each(CLIS)(
    '%s --help prints a usage text without a machine path',
    (script) => {
      const r = spawnSync(NODE, [script, '--help'], SPAWN);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/usage/i);
      expect(r.stdout).not.toMatch(/\/work\/|\/home\/|\/root\//);
    },
    TEST_TIMEOUT,
  );

  it("keeps parseArgs' first sentence only", () => {
    expect(
      usageMessage(
        new Error(
          `Unknown option '--x'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--x"`,
        ),
      ),
    ).toBe("Unknown option '--x'");
    expect(usageMessage(new Error("Option '--date <value>' argument missing"))).toBe(
      "Option '--date <value>' argument missing",
    );
  });
});
