// The indexer-to-pages hand-off (src/lib/build/handoff.ts): a part is received whether it was published before or
// after the wait began, a failure rejects every wait with its reason, and without a hand-off there is nothing to wait for.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHandoff,
  disposeHandoff,
  fail,
  HANDOFF_ENV,
  missingParts,
  publish,
  receive,
} from '../../src/lib/build/handoff.ts';

let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dir = await createHandoff();
  env = { [HANDOFF_ENV]: dir };
});
afterEach(() => disposeHandoff(dir));

describe('build hand-off', () => {
  it('answers undefined when no indexer runs beside the build', () => {
    expect(receive('related', {})).toBeUndefined();
  });

  it('receives a part published before the wait began', async () => {
    await publish(dir, 'related', [['2405.15738', []]]);
    await expect(receive('related', env)).resolves.toEqual([['2405.15738', []]]);
  });

  it('receives a part published while it waits, and only that part', async () => {
    const plan = receive('plan', env)!;
    let settled = false;
    void plan.then(() => (settled = true));
    await publish(dir, 'related', []);
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    await publish(dir, 'plan', { bundles: [], tag: 'abc' });
    await expect(plan).resolves.toEqual({ bundles: [], tag: 'abc' });
  });

  it('rejects every wait with the reason when the indexer stopped without publishing', async () => {
    const plan = expect(receive('plan', env)).rejects.toThrow(
      /before handing over plan: content\/papers\/2405\/2405\.15738\.md/,
    );
    await publish(dir, 'related', []);
    expect(missingParts(dir)).toEqual(['plan']);
    await fail(dir, 'content/papers/2405/2405.15738.md: upvotes: expected a number');
    await plan;
    // A part that was published is still there for whoever asks.
    await expect(receive('related', env)).resolves.toEqual([]);
  });

  it('writes each part whole: no temp files left, nothing half-written', async () => {
    await publish(dir, 'plan', { bundles: [], tag: 'abc' });
    expect(existsSync(`${dir}/plan.json`)).toBe(true);
    expect(missingParts(dir)).toEqual(['related']);
  });
});
