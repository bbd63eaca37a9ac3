// A `run:` step as GitHub runs it on Linux (bash -eo pipefail, output shown live), and the step's $GITHUB_OUTPUT
// file read back into outputs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** The exit status of `script` run by bash in cwd. */
export function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: 'inherit',
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/**
 * `name=value` lines and `name<<DELIMITER` blocks of a $GITHUB_OUTPUT file; a missing file has none. A block
 * without its closing delimiter throws, as it fails the step on GitHub.
 */
export function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([\w-]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] ?? '', i + 1);
      if (end < 0) throw new Error(`${file}: ${line} has no closing ${heredoc[2]} line`);
      out[heredoc[1] ?? ''] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}
