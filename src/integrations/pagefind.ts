// Astro integration: the search index is built from the archive's data by scripts/search-index.ts in a process of its
// own, started when the build starts, so Pagefind indexes on one core while Astro renders pages on the other; when
// the build is done its bundles (one per shard of years) are copied into the site. Every build is searchable.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { loadConfig } from '../lib/config.ts';

interface Run {
  child: ChildProcess;
  exited: Promise<number | null>;
  resultFile: string;
  tempDir: string;
  stderr: string[];
}

/** What the indexer reports per shard (scripts/search-index.ts, ShardResult). */
interface Shard {
  dir: string;
  path: string;
  papers: number;
}

/**
 * Puts a cached bundle into the site as hard links (a bundle is ~3 files a paper; copying 30k small files took
 * seconds), copying where linking is not possible (another file system). Cached bundles are never modified in place.
 */
async function install(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) await install(src, dest);
    else await link(src, dest).catch(() => copyFile(src, dest));
  }
}

export default function pagefindIntegration(): AstroIntegration {
  let root = process.cwd();
  let cacheDir = path.join(root, 'node_modules', '.astro');
  let run: Run | undefined;
  const stop = () => run?.child.kill();

  async function start(logger: AstroIntegrationLogger): Promise<Run> {
    const config = loadConfig();
    const tempDir = await mkdtemp(path.join(tmpdir(), 'dpa-search-'));
    const resultFile = path.join(tempDir, 'shards.json');
    const script = path.join(root, 'scripts', 'search-index.ts');
    const args = [
      script,
      '--content',
      path.resolve(root, config.contentDir),
      '--cache',
      path.join(cacheDir, 'search'),
      '--result',
      resultFile,
      '--shard-papers',
      String(config.searchShardPapers),
    ];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => logger.info(line));
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderr.push(line);
      if (stderr.length > 20) stderr.shift();
    });
    const exited = new Promise<number | null>((resolve) => {
      child.on('error', (e) => {
        stderr.push(e.message);
        resolve(null);
      });
      child.on('exit', (code) => resolve(code));
    });
    // The indexer must not outlive a build that failed before it was done.
    process.once('exit', stop);
    return { child, exited, resultFile, tempDir, stderr };
  }

  return {
    name: 'daily-papers:pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        cacheDir = fileURLToPath(config.cacheDir);
      },
      'astro:build:start': async ({ logger }) => {
        logger.info('indexing papers for search, beside the build...');
        run = await start(logger);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const current = run;
        if (!current) throw new Error('search index: the indexer was not started');
        run = undefined;
        try {
          const code = await current.exited;
          process.off('exit', stop);
          if (code !== 0) {
            const why = current.stderr.filter(Boolean).at(-1) ?? `exit code ${String(code)}`;
            throw new Error(`search index failed: ${why}`);
          }
          const shards = JSON.parse(await readFile(current.resultFile, 'utf8')) as Shard[];
          const outDir = fileURLToPath(dir);
          for (const s of shards) {
            const dest = path.join(outDir, s.dir);
            await rm(dest, { recursive: true, force: true });
            await install(s.path, dest);
          }
          logger.info(`search: ${shards.map((s) => `${s.dir}/ (${s.papers} papers)`).join(', ')}`);
        } finally {
          await rm(current.tempDir, { recursive: true, force: true });
        }
      },
    },
  };
}
