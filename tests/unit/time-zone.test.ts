// The calendar code gives the same days, keys and labels whatever the machine's time zone: Node reads TZ when it
// starts, so each zone is a fresh process running time-zone.probe.ts, compared with this process and with UTC.
import { describe, expect, it } from 'vitest';
import { NODE, runProcess } from '../helpers/run-process.ts';
import { probe } from './time-zone.probe.ts';

const PROBE = new URL('./time-zone.probe.ts', import.meta.url).href;

async function probeIn(tz: string): Promise<{ offset: number; out: unknown }> {
  const script =
    `import { probe } from ${JSON.stringify(PROBE)};` +
    'console.log(JSON.stringify({ offset: new Date(2024, 0, 1).getTimezoneOffset(), out: probe() }));';
  const { stdout } = await runProcess(NODE, ['--input-type=module', '-e', script], {
    env: { ...process.env, TZ: tz },
    name: `time-zone probe (TZ=${tz})`,
    timeoutMs: 30_000,
  });
  return JSON.parse(stdout) as { offset: number; out: unknown };
}

describe('calendar code under other time zones', () => {
  // Minutes behind UTC on 1 January 2024: proves the child really ran in that zone (Node honours TZ).
  const zones = { UTC: 0, 'Pacific/Kiritimati': -840, 'America/Los_Angeles': 480 };
  const here = probe();

  it('gives the UTC answers on real days (anchors, so a shared mistake cannot pass)', () => {
    const days = here['days'] as { d: string; week: string; short: string; shortDay: string }[];
    expect(days.find((d) => d.d === '2024-03-10')).toMatchObject({
      week: '2024-W10',
      short: '10 Mar 2024',
      shortDay: 'Sun 10',
    });
    expect(days.find((d) => d.d === '2024-12-30')?.week).toBe('2025-W01');
    const instants = here['instants'] as { i: string; day: string; date: string }[];
    expect(instants[0]).toMatchObject({ day: '2024-03-09', date: '9 Mar 2024' });
    expect(instants[1]).toMatchObject({ day: '2024-03-10', date: '10 Mar 2024' });
  });

  for (const [tz, offset] of Object.entries(zones)) {
    it(`TZ=${tz}: same output as this process`, async () => {
      const got = await probeIn(tz);
      expect(got.offset).toBe(offset);
      expect(got.out).toEqual(here);
    });
  }
});
