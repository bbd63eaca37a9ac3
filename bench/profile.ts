// Summarise a V8 .cpuprofile (node --cpu-prof): self time by function and by module, for bench/README.md profiles.
import { readFileSync } from 'node:fs';
import { parseOrExit } from '../scripts/lib/cli.ts';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const { positionals, values } = parseOrExit('node bench/profile.ts', {
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: node bench/profile.ts <file.cpuprofile> [--top N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) =>
  selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
);
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

/** Short module name: the path inside the project or node_modules package. */
const moduleOf = (url: string): string => {
  if (!url) return '(native/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  // Astro's prerender bundle: keep the chunk's name (named after the page or module it holds).
  const chunk = /\/(chunks|pages)\/([^/]+?)(_[A-Za-z0-9-]{8})?\.mjs$/.exec(url);
  if (chunk) return `build:${chunk[1]}/${chunk[2]}`;
  return url.replace(/^file:\/\//, '');
};

const bySelf = new Map<string, number>();
const byModule = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const { callFrame: f } = byId.get(id)!;
  const key = `${f.functionName || '(anonymous)'}  ${moduleOf(f.url)}:${f.lineNumber + 1}`;
  bySelf.set(key, (bySelf.get(key) ?? 0) + ms);
  byModule.set(moduleOf(f.url), (byModule.get(moduleOf(f.url)) ?? 0) + ms);
}

// Inclusive time of project functions (src/): attribute each sample to every distinct src frame on its stack.
const inclusive = new Map<string, number>();
profile.samples.forEach((leaf, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  const seen = new Set<string>();
  for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
    const f = byId.get(id)!.callFrame;
    if (!f.url.includes('/src/') && !/\/(chunks|pages)\/[^/]+\.mjs$/.test(f.url)) continue;
    const key = `${f.functionName || '(anonymous)'}  ${moduleOf(f.url)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
  }
});

const top = Number(values.top);
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${(ms / 1000).toFixed(1).padStart(7)} s ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`,
    );
  }
};
console.log(`total sampled: ${(total / 1000).toFixed(1)} s`);
print('self time by module', byModule);
print('self time by function', bySelf);
print('inclusive time of project code', inclusive);
