// Errors that carry the context a reader needs: which day, which URL or file, and what was wrong.

/**
 * One bad input: a day's response or file that cannot be used. Its message is one line:
 * `2024-12-11 <file or URL>: <problem>`.
 */
export class InputError extends Error {
  readonly date: string | undefined;
  readonly where: string;
  readonly problem: string;

  constructor(where: string, problem: string, date?: string) {
    super(`${date ? `${date} ` : ''}${where}: ${problem}`);
    this.name = 'InputError';
    this.date = date;
    this.where = where;
    this.problem = problem;
  }
}

/** The part of a zod issue a reader needs. */
interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * A schema failure in one line: `field authors.0.name: Too small…` (the first issue, where the data is
 * large), `(root)` for the value itself. One wording for every file, item and workflow the project validates.
 */
export function describeIssue(issue: SchemaIssue | undefined, root = '(root)'): string {
  if (!issue) return 'invalid';
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : root;
  return `field ${field}: ${issue.message}`;
}
