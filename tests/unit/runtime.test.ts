import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on the pinned Node LTS (>= 22.12), not the machine Node 20', () => {
    console.log(`node ${process.version} (${process.execPath})`);
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(major > 22 || (major === 22 && minor >= 12)).toBe(true);
  });
});
