// The one spawn helper: output collected per stream and interleaved, lines as they come, failures with the log's tail.
import { describe, expect, it } from 'vitest';
import { logTail, ProcessError, runProcess } from './run-process.ts';

/** Runs a short script in this Node. */
const node = (script: string, opts: Parameters<typeof runProcess>[2] = {}) =>
  runProcess(process.execPath, ['-e', script], opts);

describe('runProcess', () => {
  it('resolves with stdout, stderr, their interleaving and the exit code', async () => {
    const r = await node(
      "process.stdout.write('one\\n'); setTimeout(() => { process.stderr.write('two\\n'); setTimeout(() => process.stdout.write('three'), 50); }, 50);",
    );
    expect(r).toMatchObject({ code: 0, signal: null, stdout: 'one\nthree', stderr: 'two\n' });
    expect(r.log).toBe('one\ntwo\nthree');
    expect(r.seconds).toBeGreaterThan(0.05);
  });

  it('passes whole lines to onLine, a character split across writes and the unfinished last line too', async () => {
    const lines: string[] = [];
    // "é" is C3 A9 in UTF-8: its two bytes in two writes must still arrive as one character.
    await node(
      "process.stdout.write(Buffer.from([0x61, 0xc3])); setTimeout(() => { process.stdout.write(Buffer.from([0xa9, 0x0a, 0x62, 0x0a])); process.stderr.write('err\\nlast'); }, 50);",
      { onLine: (line, stream) => lines.push(`${stream}:${line}`) },
    );
    expect(lines).toEqual(['stdout:aé', 'stdout:b', 'stderr:err', 'stderr:last']);
  });

  it('rejects on a non-zero exit with the name and the log tail, unless told to allow it', async () => {
    const script = "console.log('working'); console.error('bad paper file x.md'); process.exit(3);";
    const err = await node(script, { name: 'the indexer' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProcessError);
    expect((err as ProcessError).message).toBe('the indexer exited 3:\nworking\nbad paper file x.md');
    expect((err as ProcessError).result.code).toBe(3);
    const allowed = await node(script, { allowFailure: true });
    expect(allowed.code).toBe(3);
    expect(allowed.stderr).toBe('bad paper file x.md\n');
  });

  it('kills a process that outlives its timeout and says so', async () => {
    const started = Date.now();
    const err = await node("console.log('started'); setInterval(() => {}, 1000);", {
      timeoutMs: 300,
      name: 'sleeper',
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('sleeper timed out after 0.3 s:\nstarted');
    expect((err as ProcessError).result.signal).toBe('SIGTERM');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects when the command does not exist', async () => {
    const err = await runProcess('/nonexistent/command', ['x']).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /^command x could not run \(spawn \/nonexistent\/command ENOENT\) \(no output\)$/,
    );
  });

  it('passes cwd and env to the child', async () => {
    const r = await node('console.log(process.cwd(), process.env.DPA_PROBE)', {
      cwd: '/tmp',
      env: { ...process.env, DPA_PROBE: 'here' },
    });
    expect(r.stdout).toBe('/tmp here\n');
  });
});

describe('logTail', () => {
  it('keeps a short log whole and cuts a long one at a line start', () => {
    expect(logTail('a\nb\n')).toBe('a\nb');
    const log = `${'x'.repeat(50)}\n${'y'.repeat(10)}\nlast line\n`;
    expect(logTail(log, 25)).toBe('[...]\nyyyyyyyyyy\nlast line');
    expect(logTail(log, 15)).toBe('[...]\nlast line');
  });
});
