import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/lib/errors.ts';
import { detectSavedKind, parseSavedFile } from '../../../src/lib/sources/saved-file.ts';
import { corpusPath, FIXTURES_DIR, readCorpusDay, readFixture } from '../../helpers/shared.ts';

const thrown = (fn: () => unknown): InputError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError, nothing was thrown');
};

describe('parseSavedFile: all three saved kinds import', () => {
  it('a saved API response, its day from the file name', () => {
    const file = corpusPath('2025-09-30');
    const r = parseSavedFile(file, readCorpusDay('2025-09-30'), {});
    expect(r.date).toBe('2025-09-30');
    expect(r.kind).toBe('api-file');
    expect(r.papers).toHaveLength(50);
    expect(r.papers[0]?.id).toBe('2509.24006');
  });

  it('a saved daily HTML page, its day from the file name', () => {
    const file = `${FIXTURES_DIR}hf-html/papers-date-2024-08-01.html`;
    const r = parseSavedFile(file, readFixture('hf-html/papers-date-2024-08-01.html'), {});
    expect(r).toMatchObject({ date: '2024-08-01', kind: 'html-file' });
    expect(r.papers).toHaveLength(13);
  });

  it('a text listing, its day from --date', () => {
    const file = `${FIXTURES_DIR}listing-text/004_0db57e00b4124a01.txt`;
    const r = parseSavedFile(file, readFixture('listing-text/004_0db57e00b4124a01.txt'), {
      date: '2025-11-14',
    });
    expect(r).toMatchObject({ date: '2025-11-14', kind: 'text-file' });
    expect(r.papers).toHaveLength(58);
    expect(r.papers[0]?.title).toBe(
      'Unsupervised Night Image Enhancement: When Layer Decomposition Meets Light-Effects Suppression',
    );
  });

  it('an explicit date wins over the one in the file name; a BOM is ignored', () => {
    const r = parseSavedFile('/x/2024-05-27.json', `\uFEFF${readCorpusDay('2024-05-27')}`, {
      date: '2024-05-28',
    });
    expect(r.date).toBe('2024-05-28');
    expect(r.papers).toHaveLength(13);
  });

  it('detects kind from content, not from the extension', () => {
    expect(detectSavedKind('  [{"paper":{}}]')).toBe('api-file');
    expect(detectSavedKind('\n<!doctype html><html></html>')).toBe('html-file');
    expect(detectSavedKind('Daily Papers\nSome title')).toBe('text-file');
    const r = parseSavedFile('/tmp/2024-08-01.txt', readFixture('hf-html/papers-date-2024-08-01.html'), {});
    expect(r.kind).toBe('html-file');
  });
});

describe('parseSavedFile: bad input fails with one line naming date and file', () => {
  it('the Python-repr items file', () => {
    const file = `${FIXTURES_DIR}bad-input/python-repr-items-2024-12-11.json`;
    const err = thrown(() =>
      parseSavedFile(file, readFixture('bad-input/python-repr-items-2024-12-11.json'), {}),
    );
    // A whole file of strings is not 26 skipped items but a file that is no API response.
    expect(err.message).toBe(`2024-12-11 ${file}: expected paper objects, got 26 strings (Python reprs?)`);
  });

  it('the wrapped Python-repr file', () => {
    const file = `${FIXTURES_DIR}bad-input/wrapped-python-repr-2025-01-10.json`;
    const err = thrown(() =>
      parseSavedFile(file, readFixture('bad-input/wrapped-python-repr-2025-01-10.json'), {}),
    );
    expect(err.message).toBe(
      `2025-01-10 ${file}: expected a JSON array of papers, got an object with keys status, date, count, data`,
    );
  });

  it('a file with no date in its name and no --date', () => {
    const file = `${FIXTURES_DIR}listing-text/000_bce038e02205d070.txt`;
    const err = thrown(() => parseSavedFile(file, readFixture('listing-text/000_bce038e02205d070.txt'), {}));
    expect(err.message).toBe(`${file}: no date: name the file YYYY-MM-DD.<ext> or pass --date`);
  });

  it('an impossible date, in the name or given', () => {
    expect(thrown(() => parseSavedFile('/x/2025-02-30.json', '[]', {})).message).toBe(
      '/x/2025-02-30.json: 2025-02-30 in the file name is not a real date',
    );
    expect(thrown(() => parseSavedFile('/x/a.json', '[]', { date: '2025-13-01' })).message).toBe(
      '/x/a.json: --date "2025-13-01" is not a real YYYY-MM-DD date',
    );
  });

  it('an empty file and a truncated saved response', () => {
    expect(thrown(() => parseSavedFile('/x/2025-01-02.json', '\n', {})).message).toBe(
      '2025-01-02 /x/2025-01-02.json: empty file',
    );
    const truncated = readCorpusDay('2024-05-27').slice(0, 1000);
    expect(thrown(() => parseSavedFile('/x/2024-05-27.json', truncated, {})).message).toMatch(
      /^2024-05-27 \/x\/2024-05-27\.json: invalid JSON: /,
    );
  });

  it('an empty API day is not an error: zero papers', () => {
    expect(parseSavedFile('/x/2025-12-25.json', '[]', {})).toEqual({
      date: '2025-12-25',
      kind: 'api-file',
      papers: [],
      skipped: [],
      notes: [],
      itemCount: 0,
    });
  });
});
