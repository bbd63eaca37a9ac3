// ci:local's runner: each selected workflow's jobs in `needs` order and their steps in order, in the temporary
// workspace with GitHub's environment pointed at local stand-ins; prints a log, the summaries and a results table.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from '../../../src/lib/dates.ts';
import { emulateAction, localMode } from './actions.ts';
import { conditionHolds, interpolate, type ExprContext, type Value } from './expressions.ts';
import { startFixtureServer } from './fixture-server.ts';
import { readOutputs, runBash } from './run-step.ts';
import { jobNeeds, jobOrder, readWorkflow } from './workflow.ts';
import { git, installGhStub, lastArchivedDay, prepareWorkspace } from './workspace.ts';

export const WORKFLOWS = ['ci.yml', 'daily.yml'] as const;
export type WorkflowFile = (typeof WORKFLOWS)[number];

export interface RunOptions {
  /** The checkout to run (its tracked and new files are copied; its node_modules is linked). */
  root: string;
  workflows: readonly WorkflowFile[];
  /** The days the stand-in HF API serves. */
  corpusDir: string;
  /** Run `npm ci` steps instead of using the linked node_modules. */
  install: boolean;
  /** Leave the temporary workspace in place and print where it is. */
  keep: boolean;
  /** Run every step even after one failed (GitHub would skip the rest), to see all problems at once. */
  keepGoing: boolean;
  /** Link ../shared (the corpus and fixtures beside the checkout) next to the workspace, as it is here. */
  withShared: boolean;
  /** A day the stand-in HF API fails. */
  failDay: string | undefined;
}

interface StepRecord {
  workflow: string;
  job: string;
  step: string;
  result: 'success' | 'failure' | 'skipped' | 'emulated';
  note: string;
  seconds: number;
}

const say = (text: string): void => {
  process.stdout.write(text);
};

/** Runs the workflows; the exit status is 0 when every step that ran passed, 1 otherwise. */
export async function runCiLocal(o: RunOptions): Promise<number> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ci-local-'));
  const { work, origin, sha: runSha } = prepareWorkspace(o.root, tmp);
  // upload-artifact/download-artifact: one folder per artifact name, for the whole run (as GitHub keeps them).
  const artifacts = path.join(tmp, 'artifacts');
  const shared = path.resolve(o.root, '../shared');
  if (o.withShared && existsSync(shared)) symlinkSync(shared, path.join(tmp, 'shared'));
  else if (existsSync(shared)) {
    say(
      `note: ${shared} is not linked (GitHub's checkout has no ../shared either); the whole-corpus tests are skipped ` +
        `here as they are on GitHub. Pass --with-shared to link it.\n`,
    );
  }
  const { server, url } = await startFixtureServer(o.corpusDir, o.failDay);
  const nvmrc = readFileSync(path.join(o.root, '.nvmrc'), 'utf8').trim();
  const records: StepRecord[] = [];
  const summaries: string[] = [];
  const chromium = ['/usr/bin/chromium', '/usr/bin/google-chrome'].find((p) => existsSync(p));

  // Environment GitHub would give every step, pointed at local stand-ins; `gh` first on PATH is a stub.
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    CI: 'true',
    GITHUB_REPOSITORY: 'local/daily-papers-archive',
    GITHUB_REF_NAME: 'main',
    GITHUB_RUN_ID: '0',
    GITHUB_SERVER_URL: 'https://github.com',
    HF_BASE_URL: url,
    // Keep Astro's data store out of the shared node_modules/.astro (other builds run from this tree).
    ASTRO_CACHE_DIR: path.join(tmp, 'astro-cache'),
    // The since-last window ends a few days after the fixture archive, so the ingest fetches a handful of days.
    INGEST_EXTRA_ARGS: `--today ${addDays(lastArchivedDay(path.join(work, 'content')) ?? '2024-06-03', 3)} --retries 1 --retry-delay 50`,
    PATH: `${installGhStub(tmp)}${path.delimiter}${process.env.PATH ?? ''}`,
  };
  let failed = false;

  try {
    for (const wfFile of o.workflows) {
      const wf = readWorkflow(path.join(work, '.github/workflows', wfFile));
      const needs: { [job: string]: Value } = {};
      for (const jobId of jobOrder(wf)) {
        const job = wf.jobs[jobId];
        if (!job) continue;
        const steps: { [id: string]: Value } = {};
        // Each job gets its own runner, so its own temp folder: a job sees what another wrote only through an
        // artifact or a push, as on GitHub.
        const runnerTemp = path.join(tmp, 'runner-temp', jobId);
        mkdirSync(runnerTemp, { recursive: true });
        const ctx: ExprContext = {
          // For the job's own `if`, success() means every job it needs succeeded.
          jobFailed: jobNeeds(job).some((n) => {
            const r = needs[n];
            return r !== null && typeof r === 'object' && !Array.isArray(r) && r.result !== 'success';
          }),
          data: {
            inputs: { date: '', from: '', to: '', source: '' },
            // Repository variables: the upstream is the local stand-in; the rest keep their defaults.
            vars: { HF_BASE_URL: url },
            github: {
              token: '',
              server_url: 'https://github.com',
              repository: 'local/daily-papers-archive',
              run_id: '0',
              ref: 'refs/heads/main',
              sha: runSha,
            },
            runner: { os: 'Linux', temp: runnerTemp },
            needs,
            steps,
          },
        };
        say(`\n=== ${wf.name} / ${job.name ?? jobId}\n`);
        if (!conditionHolds(job.if, ctx)) {
          say(`job skipped (if: ${job.if ?? 'success()'})\n`);
          needs[jobId] = { result: 'skipped', outputs: {} };
          continue;
        }
        ctx.jobFailed = false;
        const jobEnv: NodeJS.ProcessEnv = { RUNNER_TEMP: runnerTemp };
        for (const [k, v] of Object.entries(job.env ?? {})) jobEnv[k] = interpolate(String(v), ctx);
        if (jobEnv.CHROMIUM_PATH && chromium) jobEnv.CHROMIUM_PATH = chromium;

        for (const [i, step] of job.steps.entries()) {
          const label = step.name ?? step.uses ?? `step ${i + 1}`;
          const started = Date.now();
          const record = (result: StepRecord['result'], note: string): void => {
            const seconds = (Date.now() - started) / 1000;
            records.push({ workflow: wf.name, job: jobId, step: label, result, note, seconds });
            say(`--- ${result}${note ? `: ${note}` : ''} (${seconds.toFixed(1)}s)\n`);
          };
          const outputs: { [k: string]: Value } = {};
          const fail = (): void => {
            ctx.jobFailed = !o.keepGoing;
            failed = true;
            steps[step.id ?? `_${i}`] = { outputs, outcome: 'failure', conclusion: 'failure' };
          };
          say(`\n--- [${jobId}] ${label}\n`);
          if (!conditionHolds(step.if, ctx)) {
            record('skipped', `if: ${step.if ?? 'success()'}`);
            continue;
          }
          const { mode, note } = localMode(step, o.install);
          if (note && mode === 'run') say(`(${note})\n`);
          steps[step.id ?? `_${i}`] = { outputs, outcome: 'success', conclusion: 'success' };
          if (mode === 'skip') {
            record('skipped', note);
            continue;
          }
          if (mode === 'emulate') {
            const w: Record<string, string> = {};
            for (const [k, v] of Object.entries(step.with ?? {})) w[k] = interpolate(String(v), ctx);
            const result = emulateAction(step.uses ?? '', w, { work, runSha, artifacts, nvmrc });
            Object.assign(outputs, result.outputs);
            if (!result.ok) fail();
            record(result.ok ? 'emulated' : 'failure', result.detail);
            continue;
          }
          const stepEnv: NodeJS.ProcessEnv = { ...baseEnv, ...jobEnv };
          for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = interpolate(String(v), ctx);
          const outFile = path.join(tmp, `output-${jobId}-${i}`);
          const summaryFile = path.join(tmp, `summary-${jobId}-${i}`);
          stepEnv.GITHUB_OUTPUT = outFile;
          stepEnv.GITHUB_STEP_SUMMARY = summaryFile;
          let code = await runBash(interpolate(step.run ?? '', ctx), work, stepEnv);
          let detail = code === 0 ? '' : `exit ${code}`;
          try {
            Object.assign(outputs, readOutputs(outFile));
          } catch (e) {
            // As on GitHub, a malformed output file fails the step.
            code = code || 1;
            detail = e instanceof Error ? e.message : String(e);
          }
          if (existsSync(summaryFile)) summaries.push(readFileSync(summaryFile, 'utf8'));
          if (code !== 0 && !step['continue-on-error']) fail();
          record(code === 0 ? 'success' : 'failure', detail);
        }
        const jobOutputs: { [k: string]: Value } = {};
        for (const [k, v] of Object.entries(job.outputs ?? {})) jobOutputs[k] = interpolate(v, ctx);
        needs[jobId] = { result: ctx.jobFailed ? 'failure' : 'success', outputs: jobOutputs };
      }
    }
  } finally {
    server.close();
  }

  say('\n=== Job summaries ($GITHUB_STEP_SUMMARY)\n');
  for (const s of summaries) say(`${s}\n`);
  if (o.workflows.includes('daily.yml')) {
    const pushed = git(origin, 'log', '--format=%an: %s', '-n', '3', 'main').trim();
    say(`\n=== origin (temporary bare repository) main, latest commits\n${pushed}\n`);
  }
  say('\n=== ci:local results\n');
  for (const r of records) {
    say(
      `${r.result.padEnd(9)} ${`${r.workflow}/${r.job}`.padEnd(18)} ${r.step}${r.note ? ` (${r.note})` : ''} [${r.seconds.toFixed(1)}s]\n`,
    );
  }
  if (o.keep) say(`\nworkspace kept: ${work}\n`);
  else rmSync(tmp, { recursive: true, force: true });
  say(failed ? '\nci:local FAILED\n' : '\nci:local passed\n');
  return failed ? 1 : 0;
}
