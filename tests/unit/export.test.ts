import { describe, expect, it } from 'vitest';
import { dayManifestSchema, type DayManifest } from '../../src/lib/paper.ts';
import { EXPORT_SCHEMA_VERSION, exportDay, exportIndex, exportPaper } from '../../src/lib/export.ts';
import { hostilePaper, noidPaper, realPaper } from './site-libs.sample.ts';

const where = { site: 'https://u.github.io', base: '/repo/' };
const day = (date: string, ids: string[], fetchedAt: string): DayManifest =>
  dayManifestSchema.parse({
    date,
    status: ids.length ? 'ok' : 'empty',
    count: ids.length,
    ids,
    source: { kind: 'hf-api', url: `https://huggingface.co/api/daily_papers?date=${date}`, fetchedAt },
  });

describe('exportPaper', () => {
  it('applies overrides and adds abstract, topics and URLs; leaves internals out', () => {
    const e = exportPaper(realPaper, where);
    expect(e.title).toBe('Large Language Model Evaluation via Matrix Nuclear-Norm (corrected)');
    expect(e).not.toHaveProperty('overrides');
    expect(e).not.toHaveProperty('abstractHash');
    expect(e).toMatchObject({
      id: '2410.10672',
      featured: ['2024-10-15', '2024-10-17'],
      upvotes: 16,
      comments: 1,
      githubRepo: 'https://github.com/MLGroupJLU/MatrixNuclearNorm',
      topics: ['evaluation', 'llm'],
      url: 'https://u.github.io/repo/papers/2410.10672/',
      arxivUrl: 'https://arxiv.org/abs/2410.10672',
    });
    expect(e.abstract).toBe(realPaper.abstract);
    expect(e.authors.map((a) => a.name)).toEqual(['Yahan Li', 'Tingyu Xia', 'Yi Chang', 'Yuan Wu']);
    expect(e.authors[2]?.hidden).toBe(true);
  });
  it('lets topic overrides win and drops unknown keys', () => {
    const p = { ...noidPaper, overrides: { topics: ['agents'] }, secret: 'x' };
    const e = exportPaper(p, where);
    expect(e.topics).toEqual(['agents']);
    expect(e).not.toHaveProperty('secret');
    expect(e.arxivUrl).toBeUndefined();
    expect(Object.keys(e)).toEqual([
      'id',
      'title',
      'authors',
      'featured',
      'upvotes',
      'statsAt',
      'history',
      'source',
      'abstract',
      'topics',
      'url',
    ]);
  });
});

describe('exportDay / exportIndex', () => {
  const days = [
    day('2026-08-21', [noidPaper.id], '2026-08-21T07:45:00.000Z'),
    day('2024-10-17', [realPaper.id, hostilePaper.id], '2024-10-18T07:45:00+00:00'),
    day('2026-08-22', [], '2026-08-23T07:45:00.000Z'),
  ];
  it('exports a day with its papers in order', () => {
    const d = exportDay(days[1] as DayManifest, [realPaper, hostilePaper], where);
    expect(d).toMatchObject({
      schemaVersion: EXPORT_SCHEMA_VERSION,
      date: '2024-10-17',
      status: 'ok',
      count: 2,
    });
    expect(d.papers.map((p) => p.id)).toEqual(['2410.10672', '2608.00001']);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
  it('indexes days ascending, with data-derived generatedAt (deterministic)', () => {
    const idx = exportIndex(days, { base: '/repo/' });
    expect(idx.days.map((d) => [d.date, d.status, d.count])).toEqual([
      ['2024-10-17', 'ok', 2],
      ['2026-08-21', 'ok', 1],
      ['2026-08-22', 'empty', 0],
    ]);
    expect(idx.days[0]?.file).toBe('/repo/data/days/2024-10-17.json');
    expect(idx.generatedAt).toBe('2026-08-23T07:45:00.000Z');
    expect(idx.totals).toEqual({ days: 3, empty: 1, papers: 3 });
    expect(JSON.stringify(exportIndex([...days].reverse(), { base: '/repo/' }))).toBe(JSON.stringify(idx));
    expect(exportIndex([], { base: '/' })).toEqual({
      schemaVersion: EXPORT_SCHEMA_VERSION,
      totals: { days: 0, empty: 0, papers: 0 },
      days: [],
    });
  });
});
