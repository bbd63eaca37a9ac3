// Astro integration: the search index is built from the archive's data by scripts/search-index.ts in a process of its
// own, started when the build is configured, so Pagefind indexes on one core while Astro renders pages on the other;
// it also computes the related papers the pages show (src/data/related.ts). When
// the build is done its bundles (one per group of years) are linked into the site. Every build is searchable.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { loadConfig } from '../lib/config.ts';
import type { ShardResult } from '../../scripts/search-index.ts';

interface Run {
  child: ChildProcess;
  /** Undefined when the indexer succeeded, else why it failed (its last line on stderr). */
  failed: Promise<string | undefined>;
  resultFile: string;
  tempDir: string;
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

/** The indexer's bundles into a built site: `<siteDir>/pagefind`, `<siteDir>/pagefind-<years>`. */
export async function installBundles(
  shards: readonly Pick<ShardResult, 'dir' | 'path'>[],
  siteDir: string,
): Promise<void> {
  for (const s of shards) {
    const dest = path.join(siteDir, s.dir);
    await rm(dest, { recursive: true, force: true });
    await install(s.path, dest);
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
    const relatedFile = path.join(tempDir, 'related.json');
    const script = path.join(root, 'scripts', 'search-index.ts');
    const args = [
      script,
      '--content',
      path.resolve(root, config.contentDir),
      '--cache',
      path.join(cacheDir, 'search'),
      '--result',
      resultFile,
      '--related',
      relatedFile,
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
    const failed = new Promise<number | null>((resolve) => {
      child.on('error', (e) => {
        stderr.push(e.message);
        resolve(null);
      });
      child.on('exit', (code) => resolve(code));
    }).then(async (code) => {
      if (code === 0) return undefined;
      const why = stderr.filter(Boolean).at(-1) ?? `the search indexer exited with code ${String(code)}`;
      // Pages waiting for related papers (src/data/related.ts) must not wait for a result that will never come.
      if (!existsSync(relatedFile)) await writeFile(`${relatedFile}.error`, why).catch(() => undefined);
      return why;
    });
    // The indexer must not outlive a build that failed before it was done.
    process.once('exit', stop);
    // Related papers come from the indexer too (computed on the other core): src/data/related.ts reads them.
    process.env.DPA_RELATED_FILE = relatedFile;
    return { child, failed, resultFile, tempDir };
  }

  return {
    name: 'daily-papers:pagefind',
    hooks: {
      // Started as soon as a build is configured, before the content sync: the indexer reads the content files
      // itself, and pages need its related papers early.
      'astro:config:setup': async ({ config, command, logger }) => {
        if (command !== 'build') return;
        root = fileURLToPath(config.root);
        cacheDir = fileURLToPath(config.cacheDir);
        logger.info('indexing papers for search (and relating them), beside the build...');
        run = await start(logger);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const current = run;
        if (!current) throw new Error('search index: the indexer was not started');
        run = undefined;
        delete process.env.DPA_RELATED_FILE;
        try {
          const why = await current.failed;
          process.off('exit', stop);
          if (why !== undefined) throw new Error(`search index failed: ${why}`);
          const shards = JSON.parse(await readFile(current.resultFile, 'utf8')) as ShardResult[];
          await installBundles(shards, fileURLToPath(dir));
          logger.info(`search: ${shards.map((s) => `${s.dir}/ (${s.papers} papers)`).join(', ')}`);
        } finally {
          await rm(current.tempDir, { recursive: true, force: true });
        }
      },
    },
  };
}
