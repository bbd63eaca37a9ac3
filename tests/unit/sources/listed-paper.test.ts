// The gate every source's items pass: text clean-up of every string field, the caps, and what passes unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listedPaperSchema, type ListedPaper } from '../../../src/lib/paper.ts';
import { parseApiDay } from '../../../src/lib/sources/hf-api.ts';
import { parseHtmlDay } from '../../../src/lib/sources/hf-html.ts';
import {
  ABSTRACT_MAX,
  AI_SUMMARY_MAX,
  AUTHOR_NAME_MAX,
  AUTHORS_MAX,
  DISPLAY_NAME_MAX,
  HANDLE_MAX,
  KEYWORD_MAX,
  KEYWORDS_MAX,
  MODEL_ID_MAX,
  normaliseListedPaper,
  TITLE_MAX,
  URL_MAX,
} from '../../../src/lib/sources/listed-paper.ts';
import { parseListingText } from '../../../src/lib/sources/listing-text.ts';
import { readCorpusDay, readFixture } from '../../helpers/shared.ts';

type RawItem = Record<string, unknown> & { paper: Record<string, unknown> };
const DATE = '2025-06-25';
const ctx = { date: DATE, where: `https://huggingface.co/api/daily_papers?date=${DATE}` };
/** The real items of a day with all the newer fields (repo, project page, keywords, AI summary). */
const realItems = (): RawItem[] => JSON.parse(readCorpusDay(DATE)) as RawItem[];
/** The real day with item 0 changed by `edit`; returns that item as the gate let it through, and the notes. */
function throughGate(edit: (item: RawItem) => void): { paper: ListedPaper; notes: string[] } {
  const items = realItems();
  edit(items[0] as RawItem);
  const { papers, skipped, notes } = parseApiDay(JSON.stringify(items), ctx);
  expect(skipped).toEqual([]);
  expect(papers).toHaveLength(items.length);
  return { paper: papers[0] as ListedPaper, notes };
}

/** Every string anywhere in a value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}
const FORBIDDEN = /[\0-\x08\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\p{Noncharacter_Code_Point}]/u;
const BAD = '\u0000\u0007\u001B\u007F\u0085\u009B\uFFFE\uFFFF\uD800';

describe('text is cleaned once, at the gate, in every string field', () => {
  it('removes lone surrogates, NUL, C0/C1 controls and noncharacters from every field of a real item', () => {
    const { paper } = throughGate((item) => {
      const p = item.paper;
      p.title = `Dirty${BAD} title`;
      p.summary = `An abstract${BAD} with\ta tab and a lone \uDE00surrogate.\n\nSecond paragraph.`;
      p.ai_summary = `Summary${BAD}.`;
      p.ai_keywords = [`key${BAD}word`, 'ok'];
      (p.authors as { name: string }[])[0]!.name = `Zehuan${BAD} Huang`;
      item.organization = { name: `org${BAD}`, fullname: `Org${BAD} Name` };
      p.ai_summary_model = `model${BAD}/x`;
      (item.submittedBy as { fullname: string }).fullname = `Sub${BAD}mitter`;
    });
    for (const s of strings(paper)) expect(s).not.toMatch(FORBIDDEN);
    expect(paper.title).toBe('Dirty title');
    // NEL (U+0085) is a line break: in a one-line field it is a space, like a newline.
    expect(paper.authors[0]?.name).toBe('Zehuan Huang');
    expect(paper.abstract).toBe('An abstract with\ta tab and a lone surrogate.\n\nSecond paragraph.');
    // NEL is a line break, so in a paragraph field it folds to a space.
    expect(paper.aiSummary).toBe('Summary .');
    expect(paper.keywords?.slice(0, 2)).toEqual(['key word', 'ok']);
    expect(paper.organization).toEqual({ name: 'org', fullname: 'Org Name' });
    expect(paper.aiSummaryModel).toBe('model /x');
    expect(paper.submittedBy?.fullname).toBe('Sub mitter');
  });

  it('makes titles, names and keywords one line (tabs too), and puts everything in NFC', () => {
    const { paper } = throughGate((item) => {
      item.paper.title = 'A\ttitle\r\n  over\u2028lines';
      (item.paper.authors as { name: string }[])[0]!.name = 'Hinrich Schu\u0308tze';
      item.paper.ai_keywords = ['multi\nline', 'cafe\u0301'];
    });
    expect(paper.title).toBe('A title over lines');
    expect(paper.authors[0]?.name).toBe('Hinrich Schütze');
    expect(paper.keywords).toEqual(['multi line', 'café']);
  });

  it('drops a field left empty by the clean-up, and an author whose name was only control characters', () => {
    const { paper } = throughGate((item) => {
      item.paper.ai_summary = '\u0000\u0001';
      (item.paper.authors as { name: string }[])[1]!.name = '\u0007';
    });
    expect(paper).not.toHaveProperty('aiSummary');
    expect(paper.authors.map((a) => a.name)).not.toContain('');
    expect(paper.authors).toHaveLength((realItems()[0]!.paper.authors as unknown[]).length - 1);
  });

  it('cleans the HTML page and text listings through the same gate', () => {
    const html = readFixture('hf-html/papers-date-2024-08-01.html').replace(
      'The Llama 3 Herd of Models',
      'The Llama 3 \\u0000Herd\\u0007 of\\ud800 Models',
    );
    const fromHtml = parseHtmlDay(html, { date: '2024-08-01', where: 'page.html' }).papers[0];
    expect(fromHtml?.title).toBe('The Llama 3 Herd of Models');
    const text = readFixture('listing-text/000_bce038e02205d070.txt').replace(
      'Bias Loss for Mobile Neural Networks',
      'Bias Loss for\u0000 Mobile\u0085Neural Networks',
    );
    const fromText = parseListingText(text, { date: '2025-12-10', where: 'list.txt' }).papers[0];
    expect(fromText?.title).toBe('Bias Loss for Mobile Neural Networks');
    // The id is made from the cleaned title: the same as for the clean copy.
    expect(fromText?.id).toBe('noid-bias-loss-for-mobile-neural-networks-c60441f2');
  });

  it('changes nothing on a second pass over real data (idempotent)', () => {
    const before = parseApiDay(readCorpusDay(DATE), ctx).papers;
    for (const p of before) expect(normaliseListedPaper(p)).toEqual(p);
  });
});

describe('caps', () => {
  it('cuts a 250 KB abstract to ABSTRACT_MAX at a word boundary with "…", and says so', () => {
    const { paper, notes } = throughGate((item) => {
      item.paper.summary = 'All work and no play makes a dull abstract. '.repeat(5_700);
    });
    expect(JSON.stringify(realItems()[0]).length).toBeLessThan(10_000);
    expect(paper.abstract.length).toBeLessThanOrEqual(ABSTRACT_MAX);
    expect(paper.abstract.length).toBeGreaterThan(ABSTRACT_MAX - 100);
    expect(paper.abstract).toMatch(/ [a-z.]+…$/);
    expect(notes).toEqual([
      `${DATE} ${ctx.where}: item 0 (2506.19851): abstract cut to 5,000 characters (was 250,799)`,
    ]);
  });

  it('cuts the title, AI summary, author and display names; each within its cap, ending in "…"', () => {
    const { paper, notes } = throughGate((item) => {
      item.paper.title = 'Title words '.repeat(100);
      item.paper.ai_summary = 'Summary words. '.repeat(500);
      (item.paper.authors as { name: string }[])[0]!.name = 'Name '.repeat(100);
      item.organization = { name: 'org', fullname: 'Full Name '.repeat(50) };
      (item.submittedBy as { fullname: string }).fullname = 'Sub '.repeat(100);
    });
    const capped: [string | undefined, number][] = [
      [paper.title, TITLE_MAX],
      [paper.aiSummary, AI_SUMMARY_MAX],
      [paper.authors[0]?.name, AUTHOR_NAME_MAX],
      [paper.organization?.fullname, DISPLAY_NAME_MAX],
      [paper.submittedBy?.fullname, DISPLAY_NAME_MAX],
    ];
    for (const [value, max] of capped) {
      expect(value?.length).toBeLessThanOrEqual(max);
      expect(value?.length).toBeGreaterThan(max * 0.9);
      expect(value?.endsWith('…')).toBe(true);
    }
    expect(notes).toHaveLength(5);
  });

  it('drops identifiers past their cap rather than cutting them: handles, keywords, model id, URLs', () => {
    const { paper, notes } = throughGate((item) => {
      item.paper.githubRepo = `https://github.com/${'a'.repeat(URL_MAX)}`;
      item.paper.projectPage = `https://example.org/${'p'.repeat(100)}`;
      item.paper.ai_keywords = ['k'.repeat(KEYWORD_MAX + 1), 'kept'];
      item.paper.ai_summary_model = 'm'.repeat(MODEL_ID_MAX + 1);
      item.organization = { name: 'o'.repeat(HANDLE_MAX + 1), fullname: 'Org' };
      (item.submittedBy as { name: string }).name = 'u'.repeat(HANDLE_MAX + 1);
    });
    expect(paper).not.toHaveProperty('githubRepo');
    expect(paper.projectPage).toBe(`https://example.org/${'p'.repeat(100)}`);
    expect(paper.keywords).toEqual(['kept']);
    expect(paper).not.toHaveProperty('aiSummaryModel');
    expect(paper).not.toHaveProperty('organization');
    expect(paper).not.toHaveProperty('submittedBy');
    expect(notes).toHaveLength(5);
    expect(notes).toContain(
      `${DATE} ${ctx.where}: item 0 (2506.19851): githubRepo dropped: not an http(s) URL of at most 2,048 characters`,
    );
  });

  it('keeps the first AUTHORS_MAX authors and KEYWORDS_MAX keywords', () => {
    const { paper, notes } = throughGate((item) => {
      item.paper.authors = Array.from({ length: AUTHORS_MAX + 7 }, (_, i) => ({
        _id: `x${i}`,
        name: `Author ${i}`,
        hidden: false,
      }));
      item.paper.ai_keywords = Array.from({ length: 80 }, (_, i) => `keyword ${i}`);
    });
    expect(paper.authors).toHaveLength(AUTHORS_MAX);
    expect(paper.authors.at(-1)?.name).toBe(`Author ${AUTHORS_MAX - 1}`);
    expect(paper.keywords).toHaveLength(KEYWORDS_MAX);
    expect(notes.map((n) => n.replace(/^.*\): /, ''))).toEqual([
      'kept the first 5,000 of 5,007 authors',
      'kept the first 50 of 80 keywords',
    ]);
  });

  it('drops URLs with controls or spaces inside; keeps the real ones with a stray line break', () => {
    const { paper } = throughGate((item) => {
      item.paper.githubRepo = 'https://github.com/\nFightingFighting/NeuroAda.git';
      item.paper.projectPage = 'https://example.org/a\u0000b';
      item.thumbnail = 'https://example.org/a b.png';
    });
    expect(paper.githubRepo).toBe('https://github.com/FightingFighting/NeuroAda.git');
    expect(paper).not.toHaveProperty('projectPage');
    expect(paper).not.toHaveProperty('thumbnail');
  });
});

describe('normaliseListedPaper', () => {
  const anyText = fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
        fc.constantFrom('😀', 'e\u0301', '\r\n', ' ', '\t', 'word ', '日本語'),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));
  const long = fc.oneof(
    anyText,
    anyText.map((s) => `${s} `.repeat(200)),
  );

  it('gives a bounded paper with nothing forbidden, and is idempotent (so re-runs report no change)', () => {
    fc.assert(
      fc.property(
        long,
        long,
        anyText,
        fc.array(anyText, { maxLength: 5 }),
        (title, abstract, name, keywords) => {
          const raw: ListedPaper = {
            id: '2501.00001',
            title: `T ${title}`,
            authors: [{ name: `N ${name}`, user: name }],
            abstract,
            aiSummary: abstract,
            keywords,
            organization: { name: `o${name}`, fullname: name },
          };
          const once = normaliseListedPaper(raw);
          for (const s of strings(once)) expect(s).not.toMatch(FORBIDDEN);
          expect(once.title.length).toBeLessThanOrEqual(TITLE_MAX);
          expect(once.abstract.length).toBeLessThanOrEqual(ABSTRACT_MAX);
          expect(once.title).not.toMatch(/[\n\t]/);
          expect(listedPaperSchema.safeParse(once).success).toBe(true);
          expect(normaliseListedPaper(once)).toEqual(once);
        },
      ),
    );
  });
});
