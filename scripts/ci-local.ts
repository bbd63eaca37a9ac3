// `npm run ci:local`: runs the GitHub Actions workflows' steps here, in their order, so they are not first exercised
// on GitHub: `run:` steps execute exactly as written, actions are emulated locally or skipped when they need GitHub.
//
// The workspace is a temporary git repository holding this tree (tracked and new files, node_modules linked) with
// the small fixture archive as content/, and a bare "origin" to push to. The daily ingest fetches from a local
// server that serves the saved corpus like the HF API, so nothing touches the network or the real content/.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describeIssue } from '../src/lib/errors.ts';
import { parseOrExit } from './lib/cli.ts';
import { dirStats } from './lib/dir-stats.ts';
import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Days the fake HF serves: the whole corpus when given or beside the checkout, else the committed sample days. */
const CORPUS =
  process.env.CORPUS_DIR ??
  [
    path.resolve(ROOT, '../shared/corpus/hf-daily-papers'),
    path.resolve(ROOT, 'tests/fixtures/upstream/corpus'),
  ].find((d) => existsSync(d)) ??
  path.resolve(ROOT, 'tests/fixtures/upstream/corpus');
const WORKFLOWS = ['ci.yml', 'daily.yml'] as const;

const stepSchema = z
  .object({
    name: z.string().optional(),
    id: z.string().optional(),
    uses: z.string().optional(),
    run: z.string().optional(),
    if: z.string().optional(),
    env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    with: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    'timeout-minutes': z.number().optional(),
    'continue-on-error': z.boolean().optional(),
  })
  // An unknown key (shell, working-directory, ...) is something this runner does not emulate: fail loudly.
  .strict();
const jobSchema = z.object({
  name: z.string().optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  if: z.string().optional(),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  outputs: z.record(z.string(), z.string()).optional(),
  steps: z.array(stepSchema),
});
const workflowSchema = z.object({ name: z.string(), jobs: z.record(z.string(), jobSchema) });

export type WorkflowStep = z.infer<typeof stepSchema>;
export type WorkflowJob = z.infer<typeof jobSchema>;
export type Workflow = z.infer<typeof workflowSchema>;

export function readWorkflow(file: string): Workflow {
  const parsed = workflowSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${file}: ${parsed.error.issues.map((i) => describeIssue(i)).join('; ')}`);
  return parsed.data;
}

/** Jobs in an order that respects `needs` (declaration order among equals), as GitHub would schedule them. */
export function jobOrder(wf: Workflow): string[] {
  const needsOf = (id: string): string[] => {
    const n = wf.jobs[id]?.needs;
    return n === undefined ? [] : typeof n === 'string' ? [n] : n;
  };
  const done: string[] = [];
  const pending = Object.keys(wf.jobs);
  while (pending.length > 0) {
    const next = pending.findIndex((id) => needsOf(id).every((n) => done.includes(n)));
    if (next < 0) throw new Error(`jobs ${pending.join(', ')}: unknown or circular needs`);
    done.push(...pending.splice(next, 1));
  }
  return done;
}

// ---- A small evaluator for the GitHub expression syntax the workflows use: paths, literals, ==, !=, !, &&, ||,
// parentheses and the status functions. Anything else throws, so a workflow change this runner cannot follow is
// noticed here instead of being silently misread.
type Value = string | number | boolean | null | { [key: string]: Value };
export interface ExprContext {
  data: { [key: string]: Value };
  jobFailed: boolean;
}

export function evaluate(expr: string, ctx: ExprContext): Value {
  const tokens = expr.match(
    /\s*('(?:[^']|'')*'|==|!=|&&|\|\||[!(),]|[A-Za-z_][\w-]*(?:\.[A-Za-z_*][\w-]*)*|\d+)\s*/g,
  );
  if (!tokens || tokens.join('').length !== expr.length)
    throw new Error(`expression not understood: ${expr}`);
  const toks = tokens.map((t) => t.trim());
  let pos = 0;
  const peek = (): string | undefined => toks[pos];
  const take = (want?: string): string => {
    const t = toks[pos++];
    if (t === undefined || (want !== undefined && t !== want))
      throw new Error(`expression ${expr}: expected ${want ?? 'more'}`);
    return t;
  };
  const truthy = (v: Value): boolean => v !== null && v !== '' && v !== 0 && v !== false;
  const lookup = (dotted: string): Value => {
    let cur: Value = ctx.data;
    for (const part of dotted.split('.')) {
      if (cur === null || typeof cur !== 'object') return null;
      cur = cur[part] ?? null;
    }
    return cur;
  };
  const primary = (): Value => {
    const t = take();
    if (t === '(') {
      const v = or();
      take(')');
      return v;
    }
    if (t === '!') return !truthy(primary());
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d+$/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (peek() === '(') {
      take('(');
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') take(',');
      }
      take(')');
      if (t === 'always') return true;
      if (t === 'success') return !ctx.jobFailed;
      if (t === 'failure') return ctx.jobFailed;
      if (t === 'cancelled') return false;
      if (t === 'hashFiles') return `local-${args.join('-').length}`;
      throw new Error(`expression ${expr}: function ${t}() is not emulated`);
    }
    return lookup(t);
  };
  const compare = (): Value => {
    const left = primary();
    const op = peek();
    if (op === '==' || op === '!=') {
      take();
      const right = primary();
      const eq = String(left ?? '').toLowerCase() === String(right ?? '').toLowerCase();
      return op === '==' ? eq : !eq;
    }
    return left;
  };
  const and = (): Value => {
    let v = compare();
    while (peek() === '&&') {
      take();
      const r = compare();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  function or(): Value {
    let v = and();
    while (peek() === '||') {
      take();
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  }
  const result = or();
  if (pos !== toks.length) throw new Error(`expression ${expr}: unexpected ${toks[pos]}`);
  return result;
}

export function interpolate(text: string, ctx: ExprContext): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, inner: string) => {
    const v = evaluate(inner.trim(), ctx);
    return v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

export function conditionHolds(cond: string | undefined, ctx: ExprContext): boolean {
  if (cond === undefined) return !ctx.jobFailed;
  const inner = cond
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim();
  // GitHub adds success() to a condition that names no status function.
  const v = evaluate(
    /\b(always|success|failure|cancelled)\(/.test(inner) ? inner : `success() && (${inner})`,
    ctx,
  );
  return v !== null && v !== '' && v !== 0 && v !== false;
}

// ---- How each step runs here.
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
        `step "${step.name ?? step.uses}": action ${step.uses} has no local emulation in scripts/ci-local.ts`,
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

// ---- The local stand-in for huggingface.co: corpus days at /api/daily_papers with limit/p paging.
function startFixtureServer(failDay: string | undefined): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const date = url.searchParams.get('date') ?? '';
    if (url.pathname === '/api/daily_papers' && /^\d{4}-\d{2}-\d{2}$/.test(date) && date !== failDay) {
      const file = path.join(CORPUS, `${date}.json`);
      const items: unknown[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown[]) : [];
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const page = Number(url.searchParams.get('p') ?? 0);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(items.slice(page * limit, (page + 1) * limit)));
      return;
    }
    // --fail-day: an HTML error page where JSON was expected (and no HTML day page), so that day fails.
    res.writeHead(url.pathname === '/api/daily_papers' ? 200 : 404, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Error</title><h1>Something went wrong</h1>');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} (in ${cwd}): ${r.stderr.trim()}`);
  return r.stdout;
}

/** This tree as a fresh repository (what a push would contain), with the fixture archive as content/. */
function prepareWorkspace(tmp: string): { work: string; origin: string; sha: string } {
  const work = path.join(tmp, 'work');
  const origin = path.join(tmp, 'origin.git');
  const files = git(ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter((f) => f && !/^content\/(papers|days)\//.test(f) && existsSync(path.join(ROOT, f)));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(work, f)), { recursive: true });
    cpSync(path.join(ROOT, f), path.join(work, f));
  }
  for (const sub of ['papers', 'days']) {
    const from = path.join(ROOT, 'tests/fixtures/archive', sub);
    if (existsSync(from)) cpSync(from, path.join(work, 'content', sub), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'));
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

function lastArchivedDay(contentDir: string): string | undefined {
  const days = path.join(contentDir, 'days');
  if (!existsSync(days)) return undefined;
  const dates = readdirSync(days, { recursive: true, encoding: 'utf8' })
    .map((f) => path.basename(f, '.json'))
    .filter((f) => /^\d{4}-\d{2}-\d{2}$/.test(f))
    .sort();
  return dates.at(-1);
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([\w-]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] ?? '', i + 1);
      out[heredoc[1] ?? ''] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    // The shell GitHub uses for `run:` on Linux.
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: 'inherit',
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/**
 * actions/upload-artifact with one folder as `path`: its files (hidden ones left out, as the action does by
 * default) go to artifacts/<name>. Globs and several paths are not emulated.
 */
export function uploadArtifact(
  store: string,
  w: Record<string, string>,
  work: string,
): { ok: boolean; detail: string } {
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
export function downloadArtifact(
  store: string,
  w: Record<string, string>,
  work: string,
): { ok: boolean; detail: string } {
  if (!w.name) throw new Error('download-artifact: only downloads by name are emulated');
  const from = path.join(store, w.name);
  const to = path.resolve(work, w.path || '.');
  if (!existsSync(from)) return { ok: false, detail: `artifact ${w.name} not found (no upload in this run)` };
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
  return { ok: true, detail: `artifact ${w.name}: ${dirStats(from).files} files into ${to}` };
}

interface StepRecord {
  workflow: string;
  job: string;
  step: string;
  result: 'success' | 'failure' | 'skipped' | 'emulated';
  note: string;
  seconds: number;
}

async function main(): Promise<number> {
  const { values } = parseOrExit('npm run ci:local', {
    options: {
      only: { type: 'string' },
      install: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      // Run every step even after one failed (GitHub would skip the rest), to see all problems at once.
      'keep-going': { type: 'boolean', default: false },
      // Link ../shared (the corpus and fixtures beside this checkout) next to the workspace, as it is here.
      'with-shared': { type: 'boolean', default: false },
      'fail-day': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      `Usage: npm run ci:local -- [--only ci|daily] [--fail-day YYYY-MM-DD] [--keep-going] [--with-shared] [--install] [--keep]\n`,
    );
    return 0;
  }
  const selected = WORKFLOWS.filter((w) => !values.only || w === `${values.only}.yml`);
  if (selected.length === 0) throw new Error(`--only ${values.only}: expected ci or daily`);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ci-local-'));
  const { work, origin, sha: runSha } = prepareWorkspace(tmp);
  // upload-artifact/download-artifact: one folder per artifact name, for the whole run (as GitHub keeps them).
  const artifacts = path.join(tmp, 'artifacts');
  const shared = path.resolve(ROOT, '../shared');
  if (values['with-shared'] && existsSync(shared)) symlinkSync(shared, path.join(tmp, 'shared'));
  else if (existsSync(shared)) {
    process.stdout.write(
      `note: ${shared} is not linked (GitHub's checkout has no ../shared either); the whole-corpus tests are skipped ` +
        `here as they are on GitHub. Pass --with-shared to link it.\n`,
    );
  }
  const { server, url } = await startFixtureServer(values['fail-day']);
  const nvmrc = readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim();
  const records: StepRecord[] = [];
  const summaries: string[] = [];
  const chromium = ['/usr/bin/chromium', '/usr/bin/google-chrome'].find((p) => existsSync(p));

  // Environment GitHub would give every step, pointed at local stand-ins.
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
  };
  // A stand-in `gh` first on PATH, so no step can reach the real GitHub from here: it reports what it would do and
  // says the previous run succeeded (so an ingest failure ends the run red without opening an issue).
  const stubBin = path.join(tmp, 'stub-bin');
  mkdirSync(stubBin);
  writeFileSync(
    path.join(stubBin, 'gh'),
    '#!/usr/bin/env bash\necho "gh (local stub, needs GitHub): $*" >&2\n[ "$1 $2" = "run list" ] && echo success\nexit 0\n',
    { mode: 0o755 },
  );
  baseEnv.PATH = `${stubBin}${path.delimiter}${process.env.PATH ?? ''}`;
  let failed = false;

  try {
    for (const wfFile of selected) {
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
          jobFailed: false,
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
        const jobNeeds =
          job.needs === undefined ? [] : typeof job.needs === 'string' ? [job.needs] : job.needs;
        ctx.jobFailed = jobNeeds.some((n) => {
          const r = needs[n];
          return r !== null && typeof r === 'object' && r.result !== 'success';
        });
        process.stdout.write(`\n=== ${wf.name} / ${job.name ?? jobId}\n`);
        if (!conditionHolds(job.if, ctx)) {
          process.stdout.write(`job skipped (if: ${job.if ?? 'success()'})\n`);
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
            process.stdout.write(`--- ${result}${note ? `: ${note}` : ''} (${seconds.toFixed(1)}s)\n`);
          };
          process.stdout.write(`\n--- [${jobId}] ${label}\n`);
          if (!conditionHolds(step.if, ctx)) {
            record('skipped', `if: ${step.if ?? 'success()'}`);
            continue;
          }
          const { mode, note } = localMode(step, values.install);
          if (note && mode === 'run') process.stdout.write(`(${note})\n`);
          const outputs: { [k: string]: Value } = {};
          steps[step.id ?? `_${i}`] = { outputs, outcome: 'success', conclusion: 'success' };
          if (mode === 'skip') {
            record('skipped', note);
            continue;
          }
          if (mode === 'emulate') {
            const action = actionName(step.uses ?? '');
            const w: Record<string, string> = {};
            for (const [k, v] of Object.entries(step.with ?? {})) w[k] = interpolate(String(v), ctx);
            let ok = true;
            let detail = note;
            if (action === 'actions/checkout') {
              // A fresh clone per job: nothing an earlier job left in the workspace (the ingest's content/) is
              // there unless it was pushed. Ignored files (node_modules, dist, .astro) stay, like caches would.
              const ref = w.ref || runSha;
              git(work, 'reset', '-q', '--hard', ref);
              git(work, 'clean', '-fdq');
              detail = `workspace reset to ${ref.slice(0, 12)}, untracked files removed`;
            } else if (action === 'actions/upload-artifact') {
              const result = uploadArtifact(artifacts, w, work);
              ok = result.ok;
              detail = result.detail;
            } else if (action === 'actions/download-artifact') {
              const result = downloadArtifact(artifacts, w, work);
              ok = result.ok;
              detail = result.detail;
            } else if (action === 'actions/setup-node') {
              const version = spawnSync(path.join(work, 'node_modules/.bin/node'), ['--version'], {
                encoding: 'utf8',
              }).stdout.trim();
              ok = version.startsWith(`v${nvmrc}.`) || version === `v${nvmrc}`;
              detail = `node ${version}, .nvmrc ${nvmrc}`;
            } else if (action === 'actions/configure-pages') {
              Object.assign(outputs, { origin: '', base_path: '', base_url: '' });
            } else if (action === 'actions/upload-pages-artifact') {
              const dir = path.join(work, String(step.with?.path ?? '_site'));
              ok = existsSync(dir);
              if (ok) {
                const size = dirStats(dir);
                ok = size.bytes < 1024 ** 3;
                detail = `${dir}: ${size.files} files, ${(size.bytes / 1024 ** 2).toFixed(1)} MB (GitHub Pages limit: 1 GB)`;
              } else detail = `${dir} is missing`;
            }
            if (!ok) {
              ctx.jobFailed = true;
              failed = true;
            }
            record(ok ? 'emulated' : 'failure', detail);
            continue;
          }
          const stepEnv: NodeJS.ProcessEnv = { ...baseEnv, ...jobEnv };
          for (const [k, v] of Object.entries(step.env ?? {})) stepEnv[k] = interpolate(String(v), ctx);
          const outFile = path.join(tmp, `output-${jobId}-${i}`);
          const summaryFile = path.join(tmp, `summary-${jobId}-${i}`);
          stepEnv.GITHUB_OUTPUT = outFile;
          stepEnv.GITHUB_STEP_SUMMARY = summaryFile;
          const code = await runBash(interpolate(step.run ?? '', ctx), work, stepEnv);
          Object.assign(outputs, readOutputs(outFile));
          if (existsSync(summaryFile)) summaries.push(readFileSync(summaryFile, 'utf8'));
          if (code !== 0 && !step['continue-on-error']) {
            ctx.jobFailed = !values['keep-going'];
            failed = true;
            steps[step.id ?? `_${i}`] = { outputs, outcome: 'failure', conclusion: 'failure' };
          }
          record(code === 0 ? 'success' : 'failure', code === 0 ? '' : `exit ${code}`);
        }
        const jobOutputs: { [k: string]: Value } = {};
        for (const [k, v] of Object.entries(job.outputs ?? {})) jobOutputs[k] = interpolate(v, ctx);
        needs[jobId] = { result: ctx.jobFailed ? 'failure' : 'success', outputs: jobOutputs };
      }
    }
  } finally {
    server.close();
  }

  process.stdout.write('\n=== Job summaries ($GITHUB_STEP_SUMMARY)\n');
  for (const s of summaries) process.stdout.write(`${s}\n`);
  if (selected.includes('daily.yml')) {
    const pushed = git(origin, 'log', '--format=%an: %s', '-n', '3', 'main').trim();
    process.stdout.write(`\n=== origin (temporary bare repository) main, latest commits\n${pushed}\n`);
  }
  process.stdout.write('\n=== ci:local results\n');
  for (const r of records) {
    process.stdout.write(
      `${r.result.padEnd(9)} ${`${r.workflow}/${r.job}`.padEnd(18)} ${r.step}${r.note ? ` (${r.note})` : ''} [${r.seconds.toFixed(1)}s]\n`,
    );
  }
  if (values.keep) process.stdout.write(`\nworkspace kept: ${work}\n`);
  else rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(failed ? '\nci:local FAILED\n' : '\nci:local passed\n');
  return failed ? 1 : 0;
}

if (import.meta.main) {
  process.exitCode = await main();
}
