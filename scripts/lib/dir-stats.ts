// Files and bytes under a directory, optionally grouped (benchmarks, ci:local): the one tree walk for sizes.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface DirStats {
  bytes: number;
  files: number;
}

/**
 * Regular files under `dir` and their total size. With `groupOf`, also per group: it gets each file's path
 * relative to `dir` (`/`-separated) and names the group it counts in.
 */
export function dirStats(
  dir: string,
  groupOf?: (rel: string) => string,
): DirStats & { byGroup: Map<string, DirStats> } {
  const byGroup = new Map<string, DirStats>();
  let bytes = 0;
  let files = 0;
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = statSync(path.join(dir, rel));
    if (!s.isFile()) continue;
    bytes += s.size;
    files += 1;
    if (groupOf) {
      const g = groupOf(rel.split(path.sep).join('/'));
      const entry = byGroup.get(g) ?? { bytes: 0, files: 0 };
      entry.bytes += s.size;
      entry.files += 1;
      byGroup.set(g, entry);
    }
  }
  return { bytes, files, byGroup };
}
