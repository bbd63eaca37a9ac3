// GitHub Actions expressions (`${{ }}` in values, `if:` conditions) for ci:local, parsed and evaluated by GitHub's own
// @actions/expressions with one job's contexts, the status functions and a stand-in hashFiles.
import { createHash } from 'node:crypto';
import { Evaluator, Lexer, Parser, data, type Expr } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { TokenType, type Token } from '@actions/expressions/lexer';
import { truthy } from '@actions/expressions/result';

/** A context's value as plain JSON (what the runner keeps and what an expression returns). */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

/**
 * GitHub's context names. Any of them may be named; one the runner does not fill is empty, so its properties are
 * null (as an unset secret or variable is on GitHub). Any other name is a parse error, as on GitHub.
 */
export const CONTEXT_NAMES = [
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
] as const;
export type ContextName = (typeof CONTEXT_NAMES)[number];

export interface ExprContext {
  data: Partial<Record<ContextName, Value>>;
  /** Whether a step of this job failed (for a job's own `if`: whether a job it needs did not succeed). */
  jobFailed: boolean;
}

const STATUS_FUNCTIONS = ['always', 'success', 'failure', 'cancelled'];

/**
 * The functions GitHub's runner adds to the library's own (contains, startsWith, endsWith, format, join, toJSON,
 * fromJSON, case). Keys are lower case: the evaluator looks functions up by their lower-cased name.
 */
function runnerFunctions(ctx: ExprContext): Map<string, FunctionDefinition> {
  const status = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) },
  ];
  return new Map([
    status('always', () => true),
    status('success', () => !ctx.jobFailed),
    status('failure', () => ctx.jobFailed),
    // Nothing cancels a local run except Ctrl-C, which ends the runner itself.
    status('cancelled', () => false),
    [
      'hashfiles',
      {
        name: 'hashFiles',
        minArgs: 1,
        maxArgs: 255,
        // Only actions/cache keys use it, and the emulated cache is one folder per run that never compares keys:
        // a stable stand-in derived from the patterns is enough.
        call: (...patterns) =>
          new data.StringData(
            `local-${createHash('sha256')
              .update(patterns.map((p) => p.coerceString()).join('\n'))
              .digest('hex')
              .slice(0, 16)}`,
          ),
      },
    ],
  ]);
}
const FUNCTION_INFO = [...runnerFunctions({ data: {}, jobFailed: false }).values()].map(
  ({ name, minArgs, maxArgs }) => ({ name, minArgs, maxArgs }),
);

/** The library's messages, with "Unrecognized function" said the way this runner means it. */
function reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const fn = /^Unrecognized function: '(.+)'$/.exec(message);
  return fn ? `function ${fn[1]}() is not emulated (not a GitHub expression function)` : message;
}

function parse(expr: string): { tokens: Token[]; ast: Expr } {
  try {
    const { tokens } = new Lexer(expr).lex();
    // parse() returns undefined for an empty expression, which GitHub rejects too.
    const ast = new Parser(tokens, [...CONTEXT_NAMES], FUNCTION_INFO).parse() as Expr | undefined;
    if (ast === undefined) throw new Error('empty expression');
    return { tokens, ast };
  } catch (e) {
    throw new Error(`expression ${JSON.stringify(expr)}: ${reason(e)}`, { cause: e });
  }
}

function toData(value: Value): data.ExpressionData {
  return JSON.parse(JSON.stringify(value), data.reviver) as data.ExpressionData;
}

function run(expr: string, ast: Expr, ctx: ExprContext): data.ExpressionData {
  const contexts = new data.Dictionary();
  for (const name of CONTEXT_NAMES) contexts.add(name, toData(ctx.data[name] ?? {}));
  try {
    return new Evaluator(ast, contexts, runnerFunctions(ctx)).evaluate();
  } catch (e) {
    throw new Error(`expression ${JSON.stringify(expr)}: ${reason(e)}`, { cause: e });
  }
}

function toValue(result: data.ExpressionData): Value {
  return JSON.parse(JSON.stringify(result, data.replacer) ?? 'null') as Value;
}

/** The value of one expression (without `${{ }}`); a syntax error, unknown context or function throws. */
export function evaluate(expr: string, ctx: ExprContext): Value {
  return toValue(run(expr, parse(expr).ast, ctx));
}

/** A workflow value with every `${{ expr }}` replaced by its value as text (objects and arrays as JSON). */
export function interpolate(text: string, ctx: ExprContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, inner: string) => {
    const expr = inner.trim();
    const result = run(expr, parse(expr).ast, ctx);
    return result.primitive ? result.coerceString() : JSON.stringify(toValue(result));
  });
}

/** Whether a step or job with this `if:` runs; no `if:` means success(). */
export function conditionHolds(cond: string | undefined, ctx: ExprContext): boolean {
  if (cond === undefined) return !ctx.jobFailed;
  const expr = cond
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1')
    .trim();
  const { tokens, ast } = parse(expr);
  // GitHub reads a condition that calls no status function as `success() && (condition)`.
  const callsStatus = tokens.some(
    (t, i) =>
      t.type === TokenType.IDENTIFIER &&
      STATUS_FUNCTIONS.includes(t.lexeme.toLowerCase()) &&
      tokens[i + 1]?.type === TokenType.LEFT_PAREN,
  );
  if (!callsStatus && ctx.jobFailed) return false;
  return truthy(run(expr, ast, ctx));
}
