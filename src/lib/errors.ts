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
