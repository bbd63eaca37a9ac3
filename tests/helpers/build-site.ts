// Builds the fixture archive site once per source state and base path (cached on disk), for site and e2e tests.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NODE, ROOT, runProcess } from './run-process.ts';

export { ROOT };
/** The project's Astro CLI (run it with the pinned NODE). */
export const ASTRO = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
export const FIXTURE_CONTENT = 'tests/fixtures/archive';
export const FIXTURE_SITE_URL = 'https://example.org';

export interface BuiltSite {
  outDir: string;
  /** `/` or `/sub/path/`. */
  basePath: string;
  siteUrl: string;
  /** The build's console output, for diagnosing failures. */
  log: string;
}

// Everything the built HTML depends on; a change to any of these means a new build.
const INPUTS = [
  'src',
  FIXTURE_CONTENT,
  'astro.config.mjs',
  'package.json',
  'content/topics.yaml',
  'tsconfig.json',
  'scripts/search-index.ts',
];

function listFiles(p: string): string[] {
  if (!existsSync(p)) return [];
  if (statSync(p).isFile()) return [p];
  return readdirSync(p, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => listFiles(path.join(p, e.name)));
}

/** Build variants beyond the base path. */
export interface BuildOptions {
  /** SEARCH_SHARD_PAPERS: 1 gives the fixture a search index per year (2024, 2025, 2026). */
  searchShardPapers?: number | undefined;
}

function variantKey(basePath: string, options: BuildOptions): string {
  return `base=${basePath}\nshards=${options.searchShardPapers ?? ''}\n`;
}

function inputsHash(key: string): string {
  const h = createHash('sha256').update(key);
  for (const input of INPUTS) {
    for (const file of listFiles(path.join(ROOT, input))) {
      h.update(path.relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * The environment for a child `astro build` (tests and benchmarks): this one minus what Vitest adds for
 * `import.meta.env` (BASE_URL, MODE, DEV, PROD, SSR, NODE_ENV=test, VITEST*), which inherited would override Astro's
 * own (BASE_URL = '/' breaks base); no telemetry; no GITHUB_REPOSITORY, which would give GitHub Pages' base; then
 * `extra`.
 */
export function astroBuildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(BASE_URL|MODE|DEV|PROD|SSR|NODE_ENV|TEST|VITEST.*|VITE_.*)$/.test(key)) delete env[key];
  }
  return { ...env, ASTRO_TELEMETRY_DISABLED: '1', GITHUB_REPOSITORY: '', ...extra };
}

/** `astro build` into `outDir` (of the fixture archive unless `env` sets CONTENT_DIR); resolves to its log. */
export async function astroBuild(outDir: string, env: Record<string, string>): Promise<string> {
  const { log } = await runProcess(NODE, [ASTRO, 'build', '--outDir', outDir], {
    env: astroBuildEnv({ CONTENT_DIR: FIXTURE_CONTENT, SITE_URL: FIXTURE_SITE_URL, ...env }),
    name: `astro build (${JSON.stringify(env)})`,
  });
  return log;
}

function runBuild(
  outDir: string,
  basePath: string,
  cacheDir: string,
  options: BuildOptions,
): Promise<string> {
  return astroBuild(outDir, {
    BASE_PATH: basePath,
    ASTRO_CACHE_DIR: cacheDir,
    ...(options.searchShardPapers ? { SEARCH_SHARD_PAPERS: String(options.searchShardPapers) } : {}),
  });
}

/** Builds of earlier source states pile up under tests/.tmp/site; drop those untouched for an hour. */
function pruneOldBuilds(parent: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of readdirSync(parent, { withFileTypes: true })) {
    const p = path.join(parent, entry.name);
    if (entry.isDirectory() && !entry.name.endsWith('.lock') && statSync(p).mtimeMs < hourAgo) {
      rmSync(p, { recursive: true, force: true });
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The fixture site built at `basePath`. Test files run in parallel workers: the first to arrive builds
 * (holding a lock directory), the others wait for its marker file.
 */
export async function buildFixtureSite(basePath = '/', options: BuildOptions = {}): Promise<BuiltSite> {
  const dir = path.join(
    ROOT,
    'tests/.tmp/site',
    `${inputsHash(variantKey(basePath, options))}${basePath.replace(/[^a-z0-9]+/gi, '-')}${options.searchShardPapers ? `shards${options.searchShardPapers}` : ''}`,
  );
  const outDir = path.join(dir, 'dist');
  const marker = path.join(dir, 'built.log');
  const lock = `${dir}.lock`;
  const done = (): BuiltSite => ({
    outDir,
    basePath,
    siteUrl: FIXTURE_SITE_URL,
    log: readFileSync(marker, 'utf8'),
  });
  if (existsSync(marker)) return done();
  mkdirSync(path.dirname(dir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another worker is building this very site; a lock older than 10 minutes is a crashed run.
      if (existsSync(marker)) return done();
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 600_000)
        rmSync(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (existsSync(marker)) return done();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const log = await runBuild(outDir, basePath, path.join(dir, 'cache'), options);
    writeFileSync(marker, log);
    pruneOldBuilds(path.dirname(dir));
    return done();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Every file under `dir`, as paths relative to it with `/` separators. */
export function walkFiles(dir: string): string[] {
  return listFiles(dir).map((f) => path.relative(dir, f).split(path.sep).join('/'));
}

/** The built file behind a base-relative URL path (`papers/x/` -> `papers/x/index.html`). */
export function builtFile(site: BuiltSite, urlPath: string): string {
  const rel = decodeURIComponent(urlPath.replace(/^\/+/, ''));
  return path.join(site.outDir, rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel);
}

export function readPage(site: BuiltSite, urlPath: string): string {
  return readFileSync(builtFile(site, urlPath), 'utf8');
}
