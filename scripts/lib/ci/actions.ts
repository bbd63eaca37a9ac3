// What ci:local does with each step: a `run:` step runs, a known action is emulated here (checkout, setup-node,
// artifacts, Pages) or skipped when it needs GitHub; an unknown action is an error.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { dirStats } from '../dir-stats.ts';
import type { WorkflowStep } from './workflow.ts';
import { git } from './workspace.ts';

export type LocalMode = 'run' | 'emulate' | 'skip';

/** Actions this runner knows, by `owner/repo`: what it does locally instead. */
export const ACTION_EMULATION: Record<string, { mode: LocalMode; note: string }> = {
  'actions/checkout': {
    mode: 'emulate',
    note: 'resets the temporary workspace to the ref (default: the run commit), untracked files removed',
  },
  'actions/setup-node': { mode: 'emulate', note: 'checks the pinned node_modules/.bin/node against .nvmrc' },
  'actions/cache': { mode: 'emulate', note: 'ASTRO_CACHE_DIR points at a cache directory kept for the run' },
  'actions/configure-pages': {
    mode: 'emulate',
    note: 'no Pages site here: empty origin/base_path, config defaults apply',
  },
  'actions/upload-pages-artifact': {
    mode: 'emulate',
    note: 'checks the artifact directory and the 1 GB Pages limit',
  },
  'actions/upload-artifact': {
    mode: 'emulate',
    note: 'copies the folder into an artifact store kept for the run (hidden files left out, as on GitHub)',
  },
  'actions/download-artifact': { mode: 'emulate', note: 'copies the named artifact out of that store' },
  'actions/deploy-pages': { mode: 'skip', note: 'skipped (needs GitHub)' },
};

export function actionName(uses: string): string {
  return uses.split('@')[0] ?? uses;
}

/** What ci:local does with a step; scripts that need GitHub's API, or replace the shared node_modules, are skipped. */
export function localMode(step: WorkflowStep, install: boolean): { mode: LocalMode; note: string } {
  if (step.uses) {
    const known = ACTION_EMULATION[actionName(step.uses)];
    if (!known)
      throw new Error(
        `step "${step.name ?? step.uses}": action ${step.uses} has no local emulation in scripts/lib/ci/actions.ts`,
      );
    return known;
  }
  const run = step.run ?? '';
  if (/^npm ci\b/.test(run.trim()) && !install) {
    return {
      mode: 'skip',
      note: 'skipped: node_modules is linked from this tree (pass --install to run npm ci)',
    };
  }
  if (/\bgh\b|report-failure\.sh/.test(run))
    return { mode: 'run', note: 'gh is a local stub here (the real one needs GitHub)' };
  return { mode: 'run', note: '' };
}

export interface Emulated {
  ok: boolean;
  detail: string;
  /** The step's outputs (`steps.<id>.outputs`), as the action would set them. */
  outputs?: Record<string, string>;
}

/**
 * actions/upload-artifact with one folder as `path`: its files (hidden ones left out, as the action does by
 * default) go to artifacts/<name>. Globs and several paths are not emulated.
 */
export function uploadArtifact(store: string, w: Record<string, string>, work: string): Emulated {
  const name = w.name || 'artifact';
  const from = path.resolve(work, w.path ?? '');
  if (!w.path || /[\n*?[]/.test(w.path))
    throw new Error(`upload-artifact: only one folder as path is emulated`);
  const to = path.join(store, name);
  if (existsSync(to) && w.overwrite !== 'true')
    return { ok: false, detail: `artifact ${name} already exists (overwrite: false)` };
  const count = existsSync(from) ? dirStats(from).files : 0;
  if (count === 0) {
    const ok = w['if-no-files-found'] !== 'error';
    return { ok, detail: `no files in ${from} (if-no-files-found: ${w['if-no-files-found'] ?? 'warn'})` };
  }
  rmSync(to, { recursive: true, force: true });
  const hidden = w['include-hidden-files'] === 'true';
  cpSync(from, to, {
    recursive: true,
    dereference: true,
    filter: (src) => hidden || src === from || !path.basename(src).startsWith('.'),
  });
  return { ok: true, detail: `artifact ${name}: ${dirStats(to).files} files from ${from}` };
}

/** actions/download-artifact by name: the artifact's files into `path` (default: the workspace). */
export function downloadArtifact(store: string, w: Record<string, string>, work: string): Emulated {
  if (!w.name) throw new Error('download-artifact: only downloads by name are emulated');
  const from = path.join(store, w.name);
  const to = path.resolve(work, w.path || '.');
  if (!existsSync(from)) return { ok: false, detail: `artifact ${w.name} not found (no upload in this run)` };
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
  return { ok: true, detail: `artifact ${w.name}: ${dirStats(from).files} files into ${to}` };
}

/** Where an emulated action acts: the workspace, the run's commit and artifact store, the Node version wanted. */
export interface EmulationSite {
  work: string;
  runSha: string;
  artifacts: string;
  nvmrc: string;
}

/** One emulated action step; `w` is its `with:`, already interpolated. */
export function emulateAction(uses: string, w: Record<string, string>, site: EmulationSite): Emulated {
  const action = actionName(uses);
  const note = ACTION_EMULATION[action]?.note ?? '';
  switch (action) {
    case 'actions/checkout': {
      // A fresh clone per job: nothing an earlier job left in the workspace (the ingest's content/) is there
      // unless it was pushed. Ignored files (node_modules, dist, .astro) stay, like caches would.
      const ref = w.ref || site.runSha;
      git(site.work, 'reset', '-q', '--hard', ref);
      git(site.work, 'clean', '-fdq');
      return { ok: true, detail: `workspace reset to ${ref.slice(0, 12)}, untracked files removed` };
    }
    case 'actions/upload-artifact':
      return uploadArtifact(site.artifacts, w, site.work);
    case 'actions/download-artifact':
      return downloadArtifact(site.artifacts, w, site.work);
    case 'actions/setup-node': {
      const version = spawnSync(path.join(site.work, 'node_modules/.bin/node'), ['--version'], {
        encoding: 'utf8',
      }).stdout.trim();
      const ok = version.startsWith(`v${site.nvmrc}.`) || version === `v${site.nvmrc}`;
      return { ok, detail: `node ${version}, .nvmrc ${site.nvmrc}` };
    }
    case 'actions/configure-pages':
      return { ok: true, detail: note, outputs: { origin: '', base_path: '', base_url: '' } };
    case 'actions/upload-pages-artifact': {
      const dir = path.join(site.work, w.path || '_site');
      if (!existsSync(dir)) return { ok: false, detail: `${dir} is missing` };
      const size = dirStats(dir);
      return {
        ok: size.bytes < 1024 ** 3,
        detail: `${dir}: ${size.files} files, ${(size.bytes / 1024 ** 2).toFixed(1)} MB (GitHub Pages limit: 1 GB)`,
      };
    }
    default:
      return { ok: true, detail: note };
  }
}
