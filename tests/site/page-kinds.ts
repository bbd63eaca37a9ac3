// One built page of every kind (home, day, week, month, paper, topics, archive, ...), for checks that run on each.
import { walkFiles } from '../helpers/build-site.ts';

/** Kinds every build has; `optional` ones (organisation and author pages) only when the site has them. */
export const PAGE_KINDS: { kind: string; pattern: RegExp; optional?: boolean }[] = [
  { kind: 'home', pattern: /^index\.html$/ },
  { kind: 'day', pattern: /^papers\/date\/[^/]+\/index\.html$/ },
  { kind: 'week', pattern: /^papers\/week\/[^/]+\/index\.html$/ },
  { kind: 'month', pattern: /^papers\/month\/[^/]+\/index\.html$/ },
  { kind: 'paper', pattern: /^papers\/2405\.15738\/index\.html$/ },
  // Math in title and abstract, every optional field, hostile strings.
  { kind: 'paper with every field', pattern: /^papers\/2401\.00002\/index\.html$/ },
  { kind: 'paper with an old-style id', pattern: /^papers\/hep-th\/9901001\/index\.html$/ },
  { kind: 'topic index', pattern: /^topics\/index\.html$/ },
  { kind: 'topic', pattern: /^topics\/[^/]+\/index\.html$/ },
  { kind: 'archive', pattern: /^archive\/index\.html$/ },
  { kind: 'coverage', pattern: /^coverage\/index\.html$/ },
  { kind: 'about', pattern: /^about\/index\.html$/ },
  { kind: 'search', pattern: /^search\/index\.html$/ },
  { kind: '404', pattern: /^404\.html$/ },
  { kind: 'organisations index', pattern: /^organizations\/index\.html$/, optional: true },
  { kind: 'organisation', pattern: /^organizations\/[^/]+\/index\.html$/, optional: true },
  { kind: 'author', pattern: /^authors\/(?:[^/]+\/)?index\.html$/, optional: true },
];

/** The first built file of each kind (in walk order), by kind; kinds the build lacks are absent. */
export function pagesOfEveryKind(outDir: string): Map<string, string> {
  const files = walkFiles(outDir).filter((f) => f.endsWith('.html'));
  const out = new Map<string, string>();
  for (const { kind, pattern } of PAGE_KINDS) {
    const file = files.find((f) => pattern.test(f));
    if (file) out.set(kind, file);
  }
  return out;
}
