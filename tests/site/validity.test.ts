// Valid HTML on one page of every kind: html-validate's recommended and document rules, and nothing after </html>.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HtmlValidate, type ConfigData } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, type BuiltSite } from '../helpers/build-site.ts';
import { PAGE_KINDS, pagesOfEveryKind } from './page-kinds.ts';

/** The rules, and why the few changed ones are. */
const VALIDATOR_CONFIG: ConfigData = {
  extends: ['html-validate:recommended', 'html-validate:document'],
  rules: {
    // KaTeX positions every glyph with inline styles; its output is not ours to restyle.
    'no-inline-style': 'off',
    // A paper page's title is the paper's title: upstream's length, not ours to cut.
    'long-title': 'off',
    // Our own scripts and styles are same-origin files; SRI matters for what a third party serves.
    'require-sri': ['error', { target: 'crossorigin' }],
  },
};

let site: BuiltSite;
const validator = new HtmlValidate(VALIDATOR_CONFIG);
beforeAll(async () => {
  site = await buildFixtureSite('/');
}, 600_000);

/** What a parser would put somewhere else than written: markup after </body> or after </html> (a stray script). */
function outsideTheDocument(html: string): string[] {
  const problems: string[] = [];
  const end = html.lastIndexOf('</html>');
  if (end === -1) problems.push('no </html>');
  else if (html.slice(end + '</html>'.length).trim())
    problems.push(`after </html>: ${html.slice(end + 7, end + 87)}`);
  const body = html.lastIndexOf('</body>');
  if (body === -1) problems.push('no </body>');
  else if (end !== -1 && html.slice(body + '</body>'.length, end).trim())
    problems.push(`between </body> and </html>: ${html.slice(body + 7, body + 87)}`);
  return problems;
}

describe('the checks', () => {
  it('find what they are for', async () => {
    const report = await validator.validateString(
      '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>x</h1><h3>y</h3>' +
        '<span aria-label="not archived">–</span></main></body></html><script src="/a.js"></script>',
    );
    const rules = report.results.flatMap((r) => r.messages.map((m) => m.ruleId)).sort();
    expect(rules).toEqual(['aria-label-misuse', 'heading-level']);
    expect(outsideTheDocument('<html><body></body></html><script src="/a.js"></script>')).toHaveLength(1);
    expect(outsideTheDocument('<html><body></body></html>\n')).toEqual([]);
  });
});

describe('valid HTML', () => {
  it('covers one page of every kind', () => {
    const found = pagesOfEveryKind(site.outDir);
    for (const { kind, optional } of PAGE_KINDS) if (!optional) expect([...found.keys()]).toContain(kind);
  });

  it.each(PAGE_KINDS.map((k) => k.kind))('%s', async (kind) => {
    const file = pagesOfEveryKind(site.outDir).get(kind);
    if (!file) return; // An optional kind this build does not have.
    const html = readFileSync(path.join(site.outDir, file), 'utf8');
    const report = await validator.validateString(html, file);
    const errors = report.results.flatMap((r) =>
      r.messages.map((m) => `${m.ruleId} ${m.line}:${m.column} ${m.message} [${m.selector ?? ''}]`),
    );
    expect([...errors, ...outsideTheDocument(html)], file).toEqual([]);
  });
});
