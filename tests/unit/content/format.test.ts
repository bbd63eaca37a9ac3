// Serialisation: deterministic text (key order, no null/undefined), round trips, and errors naming file and field.
import { describe, expect, it } from 'vitest';
import { mergePaper, type StoredPaper } from '../../../src/lib/ingest/merge.ts';
import {
  parseDayFile,
  parsePaperFile,
  serializeDay,
  serializePaper,
} from '../../../src/lib/content/format.ts';
import type { DayManifest, Paper } from '../../../src/lib/paper.ts';

const source = {
  kind: 'api-file' as const,
  file: '../shared/corpus/hf-daily-papers/2025-03-04.json',
  fetchedAt: '2025-03-04T07:45:00.000Z',
};

function sample(): StoredPaper {
  return mergePaper(
    undefined,
    {
      id: '2503.01234',
      title: 'Costs: $5 and `code` with "quotes" & a # hash',
      authors: [
        { name: 'Ada Lovelace', user: 'ada' },
        { name: 'Hidden Person', hidden: true },
      ],
      abstract: 'We prove $\\alpha^2$ and **bold** claims.\n\nSecond paragraph: yes',
      publishedAt: '2025-03-03T00:00:00.000Z',
      upvotes: 7,
      comments: 0,
      organization: { name: 'snu', fullname: 'Seoul National University' },
      keywords: ['diffusion', 'yes', 'null', '2025-03-04'],
      aiSummary: 'A summary: with a colon',
    },
    { date: '2025-03-04', source },
  );
}

describe('serializePaper / parsePaperFile', () => {
  it('writes keys in schema order whatever order the object was built in, and round-trips exactly', () => {
    const p = sample();
    const shuffled = Object.fromEntries(Object.entries(p.data).reverse()) as Paper;
    const text = serializePaper({ data: shuffled, body: p.body });
    expect(text).toBe(serializePaper(p));
    const keys = [...text.matchAll(/^([a-zA-Z]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual([
      'id',
      'title',
      'authors',
      'publishedAt',
      'featured',
      'upvotes',
      'comments',
      'statsAt',
      'history',
      'organization',
      'keywords',
      'aiSummary',
      'source',
      'abstractHash',
    ]);
    const back = parsePaperFile(text, 'papers/2503/2503.01234.md');
    expect(back).toEqual(p);
    expect(serializePaper(back)).toBe(text);
  });

  it('quotes date-like and keyword-like strings so no YAML reader turns them into dates, booleans or null', () => {
    const text = serializePaper(sample());
    expect(text).toContain('- "2025-03-04"');
    expect(text).toContain('- "yes"');
    expect(text).toContain('- "null"');
    expect(text).toContain('statsAt: "2025-03-04T07:45:00.000Z"');
    expect(text).not.toMatch(/: null$|: undefined$/m);
  });

  it('ends the body with exactly one newline and keeps LaTeX and markdown as written', () => {
    const text = serializePaper(sample());
    expect(text.endsWith('Second paragraph: yes\n')).toBe(true);
    expect(text).toContain('We prove $\\alpha^2$ and **bold** claims.\n\nSecond paragraph: yes\n');
  });

  it('reads hand-edited files with unquoted dates', () => {
    const text = serializePaper(sample())
      .replace('- "2025-03-04"\n', '- 2025-03-04\n')
      .replace('statsAt: "2025-03-04T07:45:00.000Z"', 'statsAt: 2025-03-04T07:45:00.000Z');
    const p = parsePaperFile(text, 'x.md');
    expect(p.data.featured).toEqual(['2025-03-04']);
    expect(p.data.statsAt).toBe('2025-03-04T07:45:00.000Z');
  });

  it('names the file and the field when the front matter is invalid', () => {
    const text = serializePaper(sample()).replace('upvotes: 7', 'upvotes: -3');
    expect(() => parsePaperFile(text, 'content/papers/2503/2503.01234.md')).toThrow(
      /^content\/papers\/2503\/2503\.01234\.md: field upvotes: /,
    );
    expect(() => parsePaperFile('no front matter', 'a.md')).toThrow(/^a\.md: no front matter/);
    expect(() => parsePaperFile('---\ntitle: [unclosed\n---\n', 'b.md')).toThrow(
      /^b\.md: front matter is not valid YAML/,
    );
    const badId = serializePaper(sample()).replace('id: "2503.01234"', 'id: ../../etc/passwd');
    expect(() => parsePaperFile(badId, 'c.md')).toThrow(/^c\.md: field id: /);
  });
});

describe('serializeDay / parseDayFile', () => {
  const day: DayManifest = {
    date: '2025-03-04',
    status: 'ok',
    count: 2,
    ids: ['2503.00002', '2503.00001'],
    source,
  };

  it('writes 2-space JSON with a final newline in schema order, and round-trips', () => {
    const text = serializeDay({
      source,
      ids: day.ids,
      count: 2,
      status: 'ok',
      date: '2025-03-04',
    } as DayManifest);
    expect(text).toBe(`${JSON.stringify(day, null, 2)}\n`);
    expect(parseDayFile(text, 'd.json')).toEqual(day);
  });

  it('rejects inconsistent manifests, naming the file', () => {
    expect(() => parseDayFile(JSON.stringify({ ...day, count: 3 }), 'days/2025/2025-03-04.json')).toThrow(
      /^days\/2025\/2025-03-04\.json: .*count must equal/,
    );
    expect(() => parseDayFile('{"date": "2025-02-30"', 'x.json')).toThrow(/^x\.json: not valid JSON/);
  });
});

describe('ids that look like numbers', () => {
  it('quotes a 2007-2009 arXiv id so YAML 1.2 readers (Astro) keep it a string', async () => {
    const { parseFrontmatter } = await import('@astrojs/internal-helpers/frontmatter');
    const stored = sample();
    const old = { ...stored, data: { ...stored.data, id: '0704.0001' } };
    const text = serializePaper(old);
    expect(text).toMatch(/^id: "0704\.0001"$/m);
    expect(parseFrontmatter(text).frontmatter.id).toBe('0704.0001');
    expect(parsePaperFile(text, 'old.md').data.id).toBe('0704.0001');
    expect(serializePaper(parsePaperFile(text, 'old.md'))).toBe(text);
  });
});

describe('upstream text stays data', () => {
  const withBody = (body: string): StoredPaper => ({ ...sample(), body });

  it('never evaluates an abstract that looks like a JavaScript front-matter block', () => {
    const g = globalThis as { __dpaPwned?: boolean };
    delete g.__dpaPwned;
    for (const lang of ['js', 'javascript', 'coffee', 'json', 'toml', 'yaml']) {
      const body = `---${lang}\nglobalThis.__dpaPwned = true; ({ title: 'x' })\n---\nThe real abstract.`;
      const text = serializePaper(withBody(body));
      expect(g.__dpaPwned).toBeUndefined();
      const back = parsePaperFile(text, 'x.md');
      expect(g.__dpaPwned).toBeUndefined();
      expect(back.body).toBe(body);
      expect(back.data).toEqual(sample().data);
    }
  });

  it('never lets an abstract write front matter (overrides, projectPage) or cut itself short', () => {
    for (const body of [
      "---\n\noverrides: {title: X, projectPage: 'https://evil.example'}\n\n---\n\nReal abstract",
      '---\noverrides: not-an-object\n---\nReal abstract',
      'Intro\n---\ntitle: Injected\n---\nRest',
    ]) {
      const text = serializePaper(withBody(body));
      const back = parsePaperFile(text, 'x.md');
      expect(back.data.overrides).toBeUndefined();
      expect(back.data.projectPage).toBeUndefined();
      expect(back.data.title).toBe(sample().data.title);
      expect(back.body).toBe(body);
      expect(serializePaper(back)).toBe(text);
    }
  });

  it.each(['0123.5', '09', '0o17', '+.5', '1e3', '.inf', 'yes', 'null', '~', '2024-05-27', '0x1F', '12:30'])(
    'writes the title and author %j so that every YAML reader (ours, Astro\'s) reads a string',
    async (s) => {
      const { parseFrontmatter } = await import('@astrojs/internal-helpers/frontmatter');
      const p = sample();
      const text = serializePaper({
        ...p,
        data: { ...p.data, title: s, authors: [{ name: s }], keywords: [s] },
      });
      const back = parsePaperFile(text, 'x.md');
      expect(back.data.title).toBe(s);
      expect(back.data.authors).toEqual([{ name: s }]);
      const astro = parseFrontmatter(text).frontmatter as { title: unknown; authors: { name: unknown }[] };
      expect(astro.title).toBe(s);
      expect(astro.authors[0]?.name).toBe(s);
    },
  );
});
