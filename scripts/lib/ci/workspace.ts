// ci:local's temporary workspace: this tree as a fresh git repository with the fixture archive as content/, a bare
// "origin" to push to, and a stand-in `gh` so no step can reach GitHub.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isIsoDate } from '../../../src/lib/ids.ts';

export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} (in ${cwd}): ${r.stderr.trim()}`);
  return r.stdout;
}

export interface Workspace {
  /** The work tree every job checks out into. */
  work: string;
  /** The bare repository `origin` points at. */
  origin: string;
  /** The commit the run is for (what a push would have made). */
  sha: string;
}

/** This tree under tmp/work as a fresh repository (what a push would contain), with the fixture archive as content/. */
export function prepareWorkspace(root: string, tmp: string): Workspace {
  const work = path.join(tmp, 'work');
  const origin = path.join(tmp, 'origin.git');
  const files = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter((f) => f && !/^content\/(papers|days)\//.test(f) && existsSync(path.join(root, f)));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(work, f)), { recursive: true });
    cpSync(path.join(root, f), path.join(work, f));
  }
  for (const sub of ['papers', 'days']) {
    const from = path.join(root, 'tests/fixtures/archive', sub);
    if (existsSync(from)) cpSync(from, path.join(work, 'content', sub), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'));
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'add', '-A');
  git(
    work,
    '-c',
    'user.name=ci-local',
    '-c',
    'user.email=ci-local@localhost',
    'commit',
    '-q',
    '-m',
    'ci:local base',
  );
  git(tmp, 'init', '-q', '--bare', origin);
  git(work, 'remote', 'add', 'origin', origin);
  git(work, 'push', '-q', 'origin', 'main');
  return { work, origin, sha: git(work, 'rev-parse', 'HEAD').trim() };
}

/** The newest day with a manifest under contentDir/days, if any. */
export function lastArchivedDay(contentDir: string): string | undefined {
  const days = path.join(contentDir, 'days');
  if (!existsSync(days)) return undefined;
  return readdirSync(days, { recursive: true, encoding: 'utf8' })
    .map((f) => path.basename(f, '.json'))
    .filter((f) => isIsoDate(f))
    .sort()
    .at(-1);
}

/**
 * A stand-in `gh` in dir/stub-bin (returned, to go first on PATH): it reports what it would do and says the
 * previous run succeeded, so an ingest failure ends the run red without opening an issue.
 */
export function installGhStub(dir: string): string {
  const bin = path.join(dir, 'stub-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    path.join(bin, 'gh'),
    '#!/usr/bin/env bash\necho "gh (local stub, needs GitHub): $*" >&2\n[ "$1 $2" = "run list" ] && echo success\nexit 0\n',
    { mode: 0o755 },
  );
  return bin;
}
