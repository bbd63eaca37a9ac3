// Astro integration: the search index is built from the archive's data by scripts/search-index.ts in a process of its
// own, started when the build is configured, so Pagefind indexes on one core while Astro renders pages on the other.
// That process also computes what the pages need from the whole archive (related papers, the bundle plan),
// handed over through src/lib/build/handoff.ts. When the build is done its bundles (one per group of years) are
// linked into the site. Every build is searchable.
import { TOPIC_CACHE_ENV } from '../lib/build/topic-cache.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { loadConfig } from '../lib/config.ts';
import { installBundles, type ShardResult } from '../lib/build/bundles.ts';
import { createHandoff, disposeHandoff, fail, HANDOFF_ENV, missingParts } from '../lib/build/handoff.ts';

interface Run {
  child: ChildProcess;
  /** Undefined when the indexer succeeded, else why it failed (its last line on stderr). */
  failed: Promise<string | undefined>;
  resultFile: string;
  handoffDir: string;
}

export default function pagefindIntegration(): AstroIntegration {
  let root = process.cwd();
  let cacheDir = path.join(root, 'node_modules', '.astro');
  let run: Run | undefined;
  const stop = () => run?.child.kill();

  async function start(logger: AstroIntegrationLogger): Promise<Run> {
    const config = loadConfig();
    const handoffDir = await createHandoff();
    const resultFile = path.join(handoffDir, 'shards.json');
    const script = path.join(root, 'scripts', 'search-index.ts');
    const args = [
      script,
      '--content',
      path.resolve(root, config.contentDir),
      '--cache',
      path.join(cacheDir, 'search'),
      '--result',
      resultFile,
      '--handoff',
      handoffDir,
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
      const missing = missingParts(handoffDir);
      if (code === 0 && missing.length === 0) return undefined;
      const why =
        code === 0
          ? `the search indexer exited without publishing ${missing.join(', ')}`
          : (stderr.filter(Boolean).at(-1) ?? `the search indexer exited with code ${String(code)}`);
      // Pages waiting for a part (src/lib/build/handoff.ts) must not wait for one that will never come.
      if (missing.length > 0) await fail(handoffDir, why).catch(() => undefined);
      return why;
    });
    // The indexer must not outlive a build that failed before it was done.
    process.once('exit', stop);
    // Pages read related papers and the bundle plan from there (src/data/related.ts, search-titles.ts).
    process.env[HANDOFF_ENV] = handoffDir;
    return { child, failed, resultFile, handoffDir };
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
        // The pages' own topic cache (src/lib/build/topic-cache.ts); the indexer keeps its own under --cache.
        process.env[TOPIC_CACHE_ENV] = path.join(cacheDir, 'topics', 'pages.json');
        logger.info('indexing papers for search (and relating them), beside the build...');
        run = await start(logger);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const current = run;
        if (!current) throw new Error('search index: the indexer was not started');
        run = undefined;
        delete process.env[HANDOFF_ENV];
        delete process.env[TOPIC_CACHE_ENV];
        try {
          const why = await current.failed;
          process.off('exit', stop);
          if (why !== undefined) throw new Error(`search index failed: ${why}`);
          const shards = JSON.parse(await readFile(current.resultFile, 'utf8')) as ShardResult[];
          await installBundles(shards, fileURLToPath(dir));
          logger.info(`search: ${shards.map((s) => `${s.dir}/ (${s.papers} papers)`).join(', ')}`);
        } finally {
          await disposeHandoff(current.handoffDir);
        }
      },
    },
  };
}
