// The floor: a bare Astro site of N trivial pages, built with the project's Astro, to compare our builds against.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseOrExit } from '../scripts/lib/cli.ts';
import { ASTRO, astroBuildEnv } from '../tests/helpers/build-site.ts';
import { NODE, ROOT } from '../tests/helpers/run-process.ts';
import { measure, peakOf, type Measured } from './lib/measure.ts';

export interface FloorResult extends Measured {
  pages: number;
  peakMb: number;
}

/**
 * Build `pages` trivial pages (one `[...id].astro`, getStaticPaths over N ids, a title and a paragraph each) in
 * a temp project that links the project's node_modules, so the same Astro and Node versions are measured.
 */
export async function buildFloor(
  pages: number,
  workDir = path.join('/tmp/dpa-bench', `floor-${pages}`),
): Promise<FloorResult> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(path.join(workDir, 'src/pages/p'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(workDir, 'node_modules'));
  writeFileSync(path.join(workDir, 'package.json'), '{"name":"floor","private":true,"type":"module"}\n');
  writeFileSync(
    path.join(workDir, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nexport default defineConfig({ trailingSlash: 'always', build: { format: 'directory' } });\n",
  );
  writeFileSync(
    path.join(workDir, 'src/pages/p/[...id].astro'),
    `---
export function getStaticPaths() {
  return Array.from({ length: ${pages} }, (_, i) => ({ params: { id: String(i) } }));
}
const { id } = Astro.params;
---
<html lang="en"><head><title>Page {id}</title></head><body><h1>Page {id}</h1><p>A trivial page.</p></body></html>
`,
  );
  const m = await measure(NODE, [ASTRO, 'build'], {
    cwd: workDir,
    env: astroBuildEnv(),
    name: `floor build (${pages} pages)`,
  });
  rmSync(workDir, { recursive: true, force: true });
  return { ...m, pages, peakMb: peakOf(m, 'astro') };
}

if (import.meta.main) {
  const { values } = parseOrExit('node bench/floor.ts', {
    options: { pages: { type: 'string', default: '10000' } },
  });
  const r = await buildFloor(Number(values.pages));
  console.log(`floor: ${r.pages} pages in ${r.seconds.toFixed(1)}s, peak ${r.peakMb.toFixed(0)} MB`);
}
