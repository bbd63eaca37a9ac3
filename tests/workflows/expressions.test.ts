// ci:local's expression adapter over @actions/expressions: every expression the workflows hold evaluates, with the
// values, status rules and errors the runner relies on.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { conditionHolds, evaluate, interpolate, type ExprContext } from '../../scripts/lib/ci/expressions.ts';

const WF_DIR = path.resolve(import.meta.dirname, '../../.github/workflows');

/** The contexts as the runner fills them during the daily run's report job, after an ingest that failed. */
function context(jobFailed = false): ExprContext {
  return {
    jobFailed,
    data: {
      inputs: { date: '', from: '', to: '', source: '' },
      vars: { HF_BASE_URL: 'http://127.0.0.1:1234' },
      github: {
        token: '',
        server_url: 'https://github.com',
        repository: 'local/daily-papers-archive',
        run_id: '7',
        ref: 'refs/heads/main',
        sha: 'abc123',
      },
      runner: { os: 'Linux', temp: '/tmp/runner-temp/commit' },
      needs: {
        ingest: { result: 'success', outputs: { status: 'failed', 'exit-code': '1', files: '0' } },
        commit: { result: 'success', outputs: { sha: 'def456', days: '' } },
      },
      steps: {
        ingest: {
          outputs: { log: '/tmp/ingest.log', status: 'failed', 'exit-code': '1' },
          outcome: 'success',
        },
        collect: { outputs: { files: '4' }, outcome: 'success' },
        pages: { outputs: { origin: '', base_path: '', base_url: '' }, outcome: 'success' },
      },
    },
  };
}

/** Every `${{ }}` in any value of the workflow files, and every job and step `if:`. */
function workflowExpressions(): { where: string; text: string; condition: boolean }[] {
  const found: { where: string; text: string; condition: boolean }[] = [];
  const walk = (node: unknown, where: string): void => {
    if (typeof node === 'string') {
      if (where.endsWith('.if')) found.push({ where, text: node, condition: true });
      else if (node.includes('${{')) found.push({ where, text: node, condition: false });
    } else if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`));
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`);
  };
  for (const f of readdirSync(WF_DIR).filter((f) => /\.ya?ml$/.test(f)))
    walk(parseYaml(readFileSync(path.join(WF_DIR, f), 'utf8')), f);
  return found;
}

describe('the workflows’ expressions', () => {
  const all = workflowExpressions();

  it('finds the expressions and conditions of both workflows', () => {
    expect(all.filter((e) => e.condition).length).toBeGreaterThanOrEqual(5);
    expect(all.filter((e) => !e.condition).length).toBeGreaterThanOrEqual(25);
    expect(all.some((e) => e.where.startsWith('ci.yml'))).toBe(true);
  });

  it.each(all.map((e) => [e.where, e] as const))('%s evaluates', (_, e) => {
    for (const jobFailed of [false, true]) {
      if (e.condition) expect(typeof conditionHolds(e.text, context(jobFailed))).toBe('boolean');
      else expect(interpolate(e.text, context(jobFailed))).not.toContain('${{');
    }
  });
});

describe('values', () => {
  it('reads hyphenated outputs, missing ones as empty, and several expressions in one value', () => {
    const ctx = context();
    expect(interpolate('${{ steps.ingest.outputs.exit-code }}', ctx)).toBe('1');
    expect(interpolate('${{ needs.ingest.outputs.exit-code }}', ctx)).toBe('1');
    expect(interpolate('${{ runner.temp }}/content-artifact', ctx)).toBe(
      '/tmp/runner-temp/commit/content-artifact',
    );
    expect(interpolate('${{ steps.deployment.outputs.page_url }}', ctx)).toBe('');
    expect(
      interpolate('${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}', ctx),
    ).toBe('https://github.com/local/daily-papers-archive/actions/runs/7');
    expect(interpolate('${{ vars.SITE_TITLE }}', ctx)).toBe('');
    expect(interpolate('${{ secrets.NOT_SET }}', ctx)).toBe('');
  });

  it('falls back with || as the build step does (a repository variable wins when set)', () => {
    const ctx = context();
    ctx.data.steps = { pages: { outputs: { origin: 'https://x.github.io', base_path: '/archive' } } };
    expect(interpolate('${{ vars.SITE_URL || steps.pages.outputs.origin }}', ctx)).toBe(
      'https://x.github.io',
    );
    expect(interpolate('${{ vars.BASE_PATH || steps.pages.outputs.base_path }}', ctx)).toBe('/archive');
    ctx.data.vars = { SITE_URL: 'https://papers.example' };
    expect(interpolate('${{ vars.SITE_URL || steps.pages.outputs.origin }}', ctx)).toBe(
      'https://papers.example',
    );
    ctx.data.steps = {};
    expect(interpolate('${{ vars.BASE_PATH || steps.pages.outputs.base_path }}', ctx)).toBe('');
  });

  it('gives hashFiles a stable stand-in per pattern, so the cache keys are well formed', () => {
    const ctx = context();
    const key = interpolate(
      "astro-${{ runner.os }}-${{ hashFiles('package-lock.json') }}-${{ github.run_id }}",
      ctx,
    );
    expect(key).toMatch(/^astro-Linux-local-[0-9a-f]{16}-7$/);
    expect(interpolate("${{ hashFiles('package-lock.json') }}", ctx)).toBe(
      key.split('-').slice(2, 4).join('-'),
    );
    expect(evaluate("hashFiles('a')", ctx)).not.toBe(evaluate("hashFiles('b')", ctx));
  });

  it("follows GitHub's rules, not a string comparison: case, numbers and null", () => {
    const ctx = context();
    expect(evaluate("needs.ingest.result == 'SUCCESS'", ctx)).toBe(true);
    expect(evaluate("Needs.Ingest.Result == 'success'", ctx)).toBe(true);
    expect(evaluate('steps.collect.outputs.files == 4', ctx)).toBe(true);
    expect(evaluate('steps.collect.outputs.files > 3', ctx)).toBe(true);
    // A missing value is null, which GitHub coerces to 0 against a number-like string.
    expect(evaluate("steps.nope.outputs.files == '0'", ctx)).toBe(true);
    expect(evaluate("steps.nope.outputs.files == ''", ctx)).toBe(true);
  });

  it('lets the library evaluate the GitHub functions the runner does not define', () => {
    const ctx = context();
    expect(evaluate('fromJSON(\'{"a": [1, 2]}\').a[1]', ctx)).toBe(2);
    expect(evaluate("contains(github.ref, 'main')", ctx)).toBe(true);
    expect(evaluate("startsWith(github.ref, 'refs/heads/')", ctx)).toBe(true);
    expect(evaluate("format('{0}@{1}', github.repository, github.sha)", ctx)).toBe(
      'local/daily-papers-archive@abc123',
    );
    expect(evaluate('join(fromJSON(\'["a", "b"]\'), \',\')', ctx)).toBe('a,b');
    expect(JSON.parse(String(evaluate('toJSON(needs.commit.outputs)', ctx)))).toEqual({
      sha: 'def456',
      days: '',
    });
    expect(evaluate('needs.*.result', ctx)).toEqual(['success', 'success']);
  });

  it('writes objects as JSON and other values as GitHub prints them', () => {
    const ctx = context();
    expect(JSON.parse(interpolate('${{ needs.commit.outputs }}', ctx))).toEqual({ sha: 'def456', days: '' });
    expect(interpolate('${{ 1 == 1 }} ${{ 3 }} ${{ null }}|', ctx)).toBe('true 3 |');
  });

  it('sees what the runner adds to the contexts after a step ran', () => {
    const ctx = context();
    const steps = ctx.data.steps as Record<string, unknown>;
    expect(conditionHolds("steps.later.outputs.ok == 'yes'", ctx)).toBe(false);
    steps.later = { outputs: { ok: 'yes' } };
    expect(conditionHolds("steps.later.outputs.ok == 'yes'", ctx)).toBe(true);
  });
});

describe('conditions', () => {
  it('runs the report job after a failed deploy only while the ingest job succeeded', () => {
    const report = "always() && needs.ingest.result == 'success'";
    expect(conditionHolds(report, context(true))).toBe(true);
    const ingestFailed = context(true);
    ingestFailed.data.needs = { ingest: { result: 'failure', outputs: {} } };
    expect(conditionHolds(report, ingestFailed)).toBe(false);
  });

  it('writes the ingest summary after a failed step when there is a log', () => {
    expect(conditionHolds("always() && steps.ingest.outputs.log != ''", context(true))).toBe(true);
    expect(conditionHolds("always() && steps.nope.outputs.log != ''", context(true))).toBe(false);
  });

  it('adds success() to a condition without a status function, as GitHub does', () => {
    const upload = "steps.collect.outputs.files != '0'";
    expect(conditionHolds(upload, context())).toBe(true);
    expect(conditionHolds(upload, context(true))).toBe(false);
    const ctx = context();
    ctx.data.steps = { collect: { outputs: { files: '0' } } };
    expect(conditionHolds(upload, ctx)).toBe(false);
    // A status function's name inside a string is not a call.
    expect(conditionHolds("github.ref != 'always()'", context(true))).toBe(false);
  });

  it('reads no `if:` as success(), and accepts the ${{ }} form and the other status functions', () => {
    expect(conditionHolds(undefined, context())).toBe(true);
    expect(conditionHolds(undefined, context(true))).toBe(false);
    expect(conditionHolds('${{ failure() }}', context(true))).toBe(true);
    expect(conditionHolds('${{ failure() }}', context())).toBe(false);
    expect(conditionHolds('success() || cancelled()', context(true))).toBe(false);
    expect(conditionHolds("  ${{ needs.commit.outputs.sha != '' }}  ", context())).toBe(true);
  });
});

describe('errors', () => {
  const ctx = context();

  it('names a function neither GitHub nor the runner defines as not emulated', () => {
    expect(() => evaluate('nope(1)', ctx)).toThrow(
      /^expression "nope\(1\)": function nope\(\) is not emulated/,
    );
    expect(() => conditionHolds('always() && nope()', ctx)).toThrow(/function nope\(\) is not emulated/);
  });

  it('rejects an unknown context (a typo) instead of reading it as empty', () => {
    expect(() => interpolate('${{ varz.SITE_URL }}', ctx)).toThrow(/Unrecognized named-value: 'varz'/);
  });

  it('rejects syntax errors, wrong argument counts and empty expressions', () => {
    expect(() => evaluate('a ==', ctx)).toThrow(/^expression "a =="/);
    expect(() => evaluate("steps.ingest.outputs.status == 'ok", ctx)).toThrow(/Unexpected symbol/);
    expect(() => evaluate('always(1)', ctx)).toThrow(/Too many parameters/);
    expect(() => evaluate('hashFiles()', ctx)).toThrow(/Too few parameters/);
    expect(() => interpolate('${{ }}', ctx)).toThrow(/empty expression/);
    expect(() => conditionHolds('steps.ingest.outputs.status ==', ctx)).toThrow(/^expression/);
  });
});
