import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/lib/errors.ts';
import { listedPaperSchema, type ListedPaper } from '../../../src/lib/paper.ts';
import { parseApiDay, parseApiItems } from '../../../src/lib/sources/hf-api.ts';
import { CORPUS_DIR, corpusPath, FULL_CORPUS_DIR, readCorpusDay } from '../../helpers/shared.ts';

const day = (date: string): ListedPaper[] =>
  parseApiDay(readCorpusDay(date), { date, where: corpusPath(date) }).papers;
const byId = (papers: ListedPaper[], id: string): ListedPaper => {
  const p = papers.find((x) => x.id === id);
  if (!p) throw new Error(`${id} missing`);
  return p;
};
/** Run fn and return the InputError it throws (fails the test if it throws anything else, or nothing). */
const inputError = (fn: () => unknown): InputError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, nothing was thrown');
};
const ctx = { date: '2025-01-02', where: 'https://huggingface.co/api/daily_papers?date=2025-01-02' };
/** The papers of a page (bad items skipped). */
const papersOf = (items: unknown[]): ListedPaper[] => parseApiItems(items, ctx).papers;
/** One item, mapped through the whole gate; fails the test if it was skipped. */
const mapApiItem = (raw: unknown): ListedPaper => {
  const { papers, skipped } = parseApiItems([raw], ctx);
  expect(skipped).toEqual([]);
  return papers[0] as ListedPaper;
};
const item = (
  paper: Record<string, unknown>,
  rest: Record<string, unknown> = {},
): Record<string, unknown> => ({
  paper: { id: '2501.00001', title: 'A title', summary: 'An\nabstract', authors: [], ...paper },
  ...rest,
});

describe('parseApiDay on one real day of each era', () => {
  it('2024-05-27 (mediaUrl era): 13 papers, thumbnail from mediaUrl, folded title, claimed author', () => {
    const papers = day('2024-05-27');
    expect(papers).toHaveLength(13);
    const p = byId(papers, '2405.15738');
    expect(p.title).toBe('ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models');
    expect(p.thumbnail).toBe('https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2405.15738.png');
    expect(p.upvotes).toBe(32);
    expect(p.comments).toBe(3);
    expect(p.publishedAt).toBe('2024-05-24T17:34:15.000Z');
    expect(p.authors).toHaveLength(9);
    expect(p.authors[0]).toEqual({ name: 'Chunjiang Ge', user: 'ChunjiangGe' });
    expect(p.abstract).not.toContain('\n');
    expect(
      p.abstract.startsWith(
        'High-resolution Large Multimodal Models (LMMs) encounter the challenges of excessive',
      ),
    ).toBe(true);
    // Fields that did not exist yet are absent, not null.
    for (const k of ['submittedBy', 'keywords', 'aiSummary', 'githubRepo', 'organization'] as const) {
      expect(p).not.toHaveProperty(k);
    }
  });

  it('2025-06-25 (AI fields + GitHub): keywords, AI summary, repo, stars, project page, submitter', () => {
    const papers = day('2025-06-25');
    expect(papers).toHaveLength(14);
    const p = byId(papers, '2506.19851');
    expect(p.title).toBe('AnimaX: Animating the Inanimate in 3D with Joint Video-Pose Diffusion Models');
    expect(p.githubRepo).toBe('https://github.com/anima-x/anima-x');
    expect(p.githubStars).toBe(20);
    expect(p.projectPage).toBe('https://anima-x.github.io/');
    expect(p.keywords).toHaveLength(15);
    expect(p.keywords?.[0]).toBe('feed-forward 3D animation framework');
    expect(p.keywords?.at(-1)).toBe('category-agnostic 3D animation');
    expect(p.aiSummary).toBe(
      'AnimaX creates multi-skeleton 3D animations by blending video diffusion model priors with skeleton-based control, using joint video-pose diffusion and shared positional encodings.',
    );
    expect(p.submittedBy).toEqual({ user: 'fanhongxing', fullname: 'fanhongxing' });
    expect(p.upvotes).toBe(21);
    expect(p.comments).toBe(1);
    expect(p.thumbnail).toBe('https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2506.19851.png');
    expect(p.authors[0]).toEqual({ name: 'Zehuan Huang' });
  });

  it('2025-09-30 (submitterOrganization, cut at 50): organization from the submitter organization', () => {
    const papers = day('2025-09-30');
    expect(papers).toHaveLength(50);
    const p = byId(papers, '2509.24006');
    expect(p.organization).toEqual({ name: 'Tsinghua', fullname: 'Tsinghua University' });
    expect(p.submittedBy).toEqual({ user: 'jt-zhang', fullname: 'Jintao Zhang' });
    expect(p.upvotes).toBe(78);
    expect(p.comments).toBe(2);
    expect(p.authors[0]).toEqual({ name: 'Jintao Zhang', user: 'jt-zhang' });
    expect(p.title).toBe(
      'SLA: Beyond Sparsity in Diffusion Transformers via Fine-Tunable Sparse-Linear Attention',
    );
  });

  it('2026-08-12 (organization + ai_summary_model)', () => {
    const papers = day('2026-08-12');
    expect(papers).toHaveLength(20);
    const first = papers[0] as ListedPaper;
    expect(first.id).toBe('2608.10915');
    expect(first.aiSummaryModel).toBe('thinkingmachines/Inkling-Small');
    expect(first.submittedBy).toEqual({ user: 'lifuguan', fullname: 'leoli' });
    expect(first.upvotes).toBe(72);
    expect(first.authors).toHaveLength(22);
    expect(first).not.toHaveProperty('organization');
    expect(first).not.toHaveProperty('githubRepo');
    const snu = byId(papers, '2607.27749');
    expect(snu.organization).toEqual({ name: 'snu', fullname: 'Seoul National University' });
    expect(snu.title).toBe('Articulated Object Reconstruction from Rest-State Observation');
  });

  it('keeps the listed order', () => {
    const raw = JSON.parse(readCorpusDay('2025-06-25')) as { paper: { id: string } }[];
    expect(day('2025-06-25').map((p) => p.id)).toEqual(raw.map((i) => i.paper.id));
  });

  it('flags a hidden author (2024-06-17, 2406.06263) and only that one', () => {
    const p = byId(day('2024-06-17'), '2406.06263');
    expect(p.authors).toEqual([
      { name: 'Amir Hossein Kargaran', user: 'kargaranamir', hidden: true },
      { name: 'François Yvon' },
      { name: 'Hinrich Schütze' },
    ]);
  });

  it('cleans upstream URLs: a leading space or a line break inside the URL is removed', () => {
    const page = byId(
      day('2025-03-17'),
      findIdWith('2025-03-17', (p) => p.projectPage === ' https://sites.google.com/view/adc-robot'),
    );
    expect(page.projectPage).toBe('https://sites.google.com/view/adc-robot');
    const repo = byId(
      day('2025-10-23'),
      findIdWith('2025-10-23', (p) => p.githubRepo === 'https://github.com/\nFightingFighting/NeuroAda.git'),
    );
    expect(repo.githubRepo).toBe('https://github.com/FightingFighting/NeuroAda.git');
  });
});

function findIdWith(date: string, pred: (p: Record<string, unknown>) => boolean): string {
  const raw = JSON.parse(readCorpusDay(date)) as { paper: Record<string, unknown> & { id: string } }[];
  const found = raw.find((i) => pred(i.paper));
  if (!found) throw new Error(`no matching paper on ${date}`);
  return found.paper.id;
}

describe.skipIf(!FULL_CORPUS_DIR)('parseApiDay over the whole corpus', () => {
  it('parses all 580 days without an error and finds 9,877 distinct papers, each schema-valid', () => {
    const files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(580);
    const ids = new Set<string>();
    let listed = 0;
    let hidden = 0;
    for (const f of files) {
      const date = f.slice(0, 10);
      const { papers, skipped, notes } = parseApiDay(readFileSync(`${CORPUS_DIR}${f}`, 'utf8'), {
        date,
        where: f,
      });
      // Real data is well within every cap and has no bad item.
      expect(skipped).toEqual([]);
      expect(notes).toEqual([]);
      for (const p of papers) {
        ids.add(p.id);
        listed += 1;
        hidden += p.authors.filter((a) => a.hidden).length;
        expect(p.title).not.toMatch(/\n/);
        expect(p.abstract).not.toMatch(/(^|[^\n])\n([^\n]|$)/);
      }
      expect(listedPaperSchema.array().safeParse(papers).success).toBe(true);
    }
    expect(ids.size).toBe(9877);
    expect(listed).toBeGreaterThan(ids.size);
    expect(hidden).toBe(30);
  });
});

describe('mapping rules', () => {
  it('drops non-http(s) URLs and keeps http(s) ones', () => {
    const [p] = papersOf([
      item(
        { githubRepo: 'javascript:alert(1)', projectPage: 'ftp://x.org/', githubStars: 3 },
        { thumbnail: 'data:image/png;base64,AAAA', mediaUrl: 'http://example.org/t.png' },
      ),
    ]);
    expect(p).not.toHaveProperty('githubRepo');
    expect(p).not.toHaveProperty('projectPage');
    expect(p?.githubStars).toBe(3);
    expect(p?.thumbnail).toBe('http://example.org/t.png');
  });

  it('keeps a thumbnail only when it is an image URL (a video mediaUrl is dropped)', () => {
    const map = (rest: Record<string, unknown>): ListedPaper => mapApiItem(item({}, rest));
    expect(map({ mediaUrl: 'https://cdn.example.org/clip.mp4' })).not.toHaveProperty('thumbnail');
    expect(
      map({ thumbnail: 'https://cdn.example.org/clip.mp4', mediaUrl: 'https://x.org/a.JPG?v=2' }).thumbnail,
    ).toBe('https://x.org/a.JPG?v=2');
  });

  it('leaves missing, null and empty optional fields absent (never null or "")', () => {
    const [p] = papersOf([
      item(
        {
          upvotes: null,
          ai_summary: '',
          ai_summary_model: null,
          ai_keywords: ['', '  ', 'diffusion', 'diffusion', 'LLM', 7],
          githubRepo: null,
          publishedAt: 'yesterday',
          organization: { name: '' },
        },
        { numComments: -1, submittedBy: null, extraUnknownField: { deep: true } },
      ),
    ]);
    expect(p).toEqual({
      id: '2501.00001',
      title: 'A title',
      authors: [],
      abstract: 'An abstract',
      keywords: ['diffusion', 'LLM'],
    });
  });

  it('prefers item.organization, then paper.organization, then item.submitterOrganization', () => {
    const org = (name: string): Record<string, string> => ({ name, fullname: `${name} Full`, _id: 'x' });
    const map = (rest: Record<string, unknown>, paper: Record<string, unknown> = {}): ListedPaper =>
      mapApiItem(item(paper, rest));
    expect(
      map({ organization: org('a'), submitterOrganization: org('c') }, { organization: org('b') })
        .organization,
    ).toEqual({
      name: 'a',
      fullname: 'a Full',
    });
    expect(map({ submitterOrganization: org('c') }, { organization: org('b') }).organization?.name).toBe('b');
    expect(map({ submitterOrganization: org('c') }).organization?.name).toBe('c');
  });

  it('falls back to paper.submittedOnDailyBy and to item.title', () => {
    const p = mapApiItem(
      item(
        { title: undefined, submittedOnDailyBy: { user: 'someone', fullname: 'Some One' } },
        { title: 'Item\n  title' },
      ),
    );
    expect(p.title).toBe('Item title');
    expect(p.submittedBy).toEqual({ user: 'someone', fullname: 'Some One' });
  });

  it('keeps the first of duplicate ids within a day', () => {
    const papers = papersOf([item({ upvotes: 5 }), item({ id: '2501.00002' }), item({ upvotes: 9 })]);
    expect(papers.map((p) => [p.id, p.upvotes])).toEqual([
      ['2501.00001', 5],
      ['2501.00002', undefined],
    ]);
  });
});

describe('errors: an unusable response fails in one line naming the date, the URL or file, and the problem', () => {
  const where = ctx.where;
  const cases: [string, string, string][] = [
    ['empty body', '  \n', 'empty body'],
    [
      'HTML where JSON was expected',
      '<!DOCTYPE html><html><head><title>429 Too Many Requests</title></head><body>slow down</body></html>',
      'got an HTML page, expected JSON (title "429 Too Many Requests")',
    ],
    ['truncated JSON', readCorpusDay('2024-05-27').slice(0, 500), 'invalid JSON: '],
    [
      'non-array JSON',
      '{"status":"success","date":"2025-01-10","count":9,"data":[]}',
      'expected a JSON array of papers, got an object with keys status, date, count, data',
    ],
    ['JSON null', 'null', 'expected a JSON array of papers, got null'],
    [
      'only string items',
      JSON.stringify(["{'paper': {'id': '1'}}", "{'paper': {'id': '2'}}"]),
      'expected paper objects, got 2 strings (Python reprs?)',
    ],
    [
      'no usable item',
      JSON.stringify([1, { paper: { title: 'x' } }]),
      'none of its 2 items is a usable paper; item 0: a number, not an object',
    ],
  ];
  it.each(cases)('%s', (_name, body, problem) => {
    const err = inputError(() => parseApiDay(body, ctx));
    expect(err.message.startsWith(`2025-01-02 ${where}: ${problem}`)).toBe(true);
    expect(err.message).not.toContain('\n');
    expect(err.date).toBe('2025-01-02');
    expect(err.where).toBe(where);
  });

  it('an empty array is a day with no papers, not an error', () => {
    expect(parseApiDay('[]', ctx)).toEqual({ papers: [], skipped: [], notes: [], itemCount: 0 });
  });
});

describe('a bad item is skipped, the rest of the day kept', () => {
  /** A real day (26 papers) with the item at `index` replaced. */
  const realDay = (): unknown[] => JSON.parse(readCorpusDay('2025-03-11')) as unknown[];
  const withItem = (index: number, bad: unknown): string => {
    const items = realDay();
    items[index] = bad;
    return JSON.stringify(items);
  };
  const realItem = (index: number): { paper: Record<string, unknown> } & Record<string, unknown> =>
    realDay()[index] as { paper: Record<string, unknown> } & Record<string, unknown>;

  it('the real day has 26 papers', () => {
    expect(realDay()).toHaveLength(26);
  });

  const cases: [string, () => unknown, { id?: string; reason: string | RegExp }][] = [
    [
      'a Python-repr string item (its id read from the repr)',
      () => `{'paper': {'id': '2503.01234', 'title': 'x'}}`,
      { id: '2503.01234', reason: /^a string \(a Python repr\?\), not an object: "\{'paper'/ },
    ],
    ['a number', () => 42, { reason: 'a number, not an object' }],
    ['no paper', () => ({ title: 'x' }), { reason: 'no paper' }],
    [
      'no paper.id',
      () => ({ ...realItem(3), paper: { ...realItem(3).paper, id: undefined } }),
      { reason: 'no paper.id' },
    ],
    [
      'paper.id of the wrong type',
      () => ({ ...realItem(3), paper: { ...realItem(3).paper, id: 2503.01234 } }),
      { reason: 'paper.id is a number, not a string' },
    ],
    [
      'a path-traversal id',
      () => ({ ...realItem(3), paper: { ...realItem(3).paper, id: '../../etc/passwd' } }),
      { reason: 'invalid paper.id "../../etc/passwd": not an arXiv id' },
    ],
    [
      'an old-style id of 240 characters (was ENAMETOOLONG)',
      () => ({ ...realItem(3), paper: { ...realItem(3).paper, id: `${'a'.repeat(232)}/9901001` } }),
      { reason: /^invalid paper\.id "a{40,}…": not an arXiv id$/ },
    ],
    [
      'an id with a newline',
      () => ({ ...realItem(3), paper: { ...realItem(3).paper, id: '2501.00001\nx' } }),
      { reason: 'invalid paper.id "2501.00001 x": not an arXiv id' },
    ],
    [
      'no title (both titles blank or control characters only)',
      () => ({ ...realItem(3), title: ' ', paper: { ...realItem(3).paper, title: '\u0000\u0007 ' } }),
      { id: String(realItem(3).paper.id), reason: 'no title' },
    ],
  ];
  it.each(cases)('%s', (_name, bad, expected) => {
    const { papers, skipped } = parseApiDay(withItem(3, bad()), ctx);
    expect(papers).toHaveLength(25);
    expect(papers.map((p) => p.id)).not.toContain(expected.id ?? '(none)');
    expect(skipped).toHaveLength(1);
    const s = skipped[0];
    expect(s?.where).toBe(ctx.where);
    expect(s?.index).toBe(3);
    expect(s?.id).toBe(expected.id);
    if (typeof expected.reason === 'string') expect(s?.reason).toBe(expected.reason);
    else expect(s?.reason).toMatch(expected.reason);
    expect(s?.reason).not.toMatch(/\n/);
  });

  it('a title only of control characters falls back to the item title', () => {
    const bad = { ...realItem(3), title: 'The item title', paper: { ...realItem(3).paper, title: '\u0000' } };
    const { papers, skipped } = parseApiDay(withItem(3, bad), ctx);
    expect(skipped).toEqual([]);
    expect(papers[3]?.title).toBe('The item title');
  });

  it('numbers items after earlier pages with an offset', () => {
    const { skipped } = parseApiItems([item({}), { paper: { id: '2501.00003' } }], ctx, 100);
    expect(skipped).toEqual([{ where: ctx.where, index: 101, id: '2501.00003', reason: 'no title' }]);
  });
});
