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

interface Run {
  child: ChildProcess;
  exited: Promise<number | null>;
  resultFile: string;
  relatedFile: string;
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
    const exited = new Promise<number | null>((resolve) => {
      child.on('error', (e) => {
        stderr.push(e.message);
        resolve(null);
      });
      child.on('exit', (code) => resolve(code));
    }).then(async (code) => {
      // Pages waiting for related papers (src/data/related.ts) must not wait for a result that will never come.
      if (code !== 0 && !existsSync(relatedFile)) {
        const why = stderr.filter(Boolean).at(-1) ?? `the search indexer exited with code ${String(code)}`;
        await writeFile(`${relatedFile}.error`, why).catch(() => undefined);
      }
      return code;
    });
    // The indexer must not outlive a build that failed before it was done.
    process.once('exit', stop);
    // Related papers come from the indexer too (computed on the other core): src/data/related.ts reads them.
    process.env.DPA_RELATED_FILE = relatedFile;
    return { child, exited, resultFile, relatedFile, tempDir, stderr };
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
