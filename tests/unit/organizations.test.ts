// Organisation keys (one per HF organisation whatever the spelling, distinct handles apart) and their summaries.
import { describe, expect, it } from 'vitest';
import {
  hfOrganizationUrl,
  isHfHandle,
  organizationKey,
  summarizeOrganizations,
  type OrganizationPaper,
} from '../../src/lib/organizations.ts';
import { readContentDir } from '../../src/lib/content/read.ts';
import { FIXTURE_CONTENT, ROOT } from '../helpers/build-site.ts';
import path from 'node:path';

const key = (name: string) => organizationKey({ name });

describe('organizationKey', () => {
  it('merges spellings that differ only in case or spacing', () => {
    // Both spellings occur in the real archive, on papers of the same lab.
    expect(key('SJTU-Deng-Lab')).toBe('sjtu-deng-lab');
    expect(key('SJTU-DENG-Lab')).toBe('sjtu-deng-lab');
    expect(key('  sjtu  deng lab ')).toBe('sjtu-deng-lab');
    expect(key('sjtu - deng-lab')).toBe('sjtu-deng-lab');
    expect(key('ＮＶＩＤＩＡ')).toBe('nvidia'); // full-width letters, NFKC
  });

  it('keeps distinct handles apart (github-slugger alone merged `foo.bar` into `foobar`)', () => {
    const keys = ['foo.bar', 'foobar', 'foo_bar', 'foo-bar'].map(key);
    expect(new Set(keys).size).toBe(4);
    expect(keys).toEqual(['foo.bar', 'foobar', 'foo_bar', 'foo-bar']);
  });

  it('gives a name HF could not have issued a hashed key that stays in its directory and collides with no handle', () => {
    for (const name of ['../../etc', '..', '.', 'a/b', '<script>x</script>', '東京大学', '   ', '-lead']) {
      const k = key(name);
      expect(k, name).toMatch(/~[0-9a-f]{8}$/);
      expect(k, name).not.toMatch(/[/\\?#%]/);
      expect(k, name).not.toMatch(/^\.+$/);
      expect(isHfHandle(k), name).toBe(false);
    }
    expect(key('a/b')).not.toBe(key('a\\b'));
    expect(key('東京大学')).toMatch(/^東京大学~/);
  });

  it('keys the real archive as the brief counts it: 794 spellings, 793 organisations, every one a handle', async () => {
    const { papers } = await readContentDir(path.join(ROOT, 'content'));
    const names = new Set(papers.flatMap((p) => (p.data.organization ? [p.data.organization.name] : [])));
    const keys = new Set([...names].map(key));
    expect(names.size).toBe(794);
    expect(keys.size).toBe(793);
    for (const n of names) expect(isHfHandle(n), n).toBe(true);
    for (const n of names) expect(key(n)).toBe(n.toLowerCase());
  }, 60_000);
});

describe('isHfHandle / hfOrganizationUrl', () => {
  it.each([
    ['nvidia', true],
    ['SJTU-Deng-Lab', true],
    ['foo.bar_baz', true],
    ['a', true],
    ['-a', false],
    ['a-', false],
    ['a--b', false],
    ['a..b', false],
    ['a b', false],
    ['a/b', false],
    ['<i>x</i>', false],
    ['x'.repeat(97), false],
  ])('%j -> %j', (name, ok) => {
    expect(isHfHandle(name)).toBe(ok);
    expect(hfOrganizationUrl(name)).toBe(ok ? `https://huggingface.co/${name}` : undefined);
  });
});

const paper = (
  id: string,
  day: string,
  name: string,
  fullname?: string,
  topics: string[] = [],
): OrganizationPaper => ({
  id,
  featured: [day],
  topics,
  organization: { name, ...(fullname ? { fullname } : {}) },
});

describe('summarizeOrganizations', () => {
  it('merges keys, shows the most frequent full name (newest on a tie) and lists the others once', () => {
    // Newest first, as the archive passes them.
    const [lab, other] = summarizeOrganizations([
      paper('4', '2025-04-01', 'SJTU-DENG-Lab', 'DENG Lab @ SJTU', ['llm']),
      paper('3', '2025-03-01', 'SJTU-Deng-Lab', 'Deng Lab', ['llm', 'vision']),
      paper('2', '2025-02-01', 'SJTU-Deng-Lab', 'DENG Lab @ SJTU', ['vision']),
      paper('1', '2025-01-01', 'SJTU-Deng-Lab', 'deng  lab', ['llm']),
      paper('0', '2024-12-01', 'other'),
    ]);
    expect(lab).toMatchObject({
      key: 'sjtu-deng-lab',
      name: 'SJTU-Deng-Lab',
      displayName: 'DENG Lab @ SJTU',
      // `deng  lab` reads as `Deng Lab`: listed once.
      alsoListedAs: ['Deng Lab'],
      hfUrl: 'https://huggingface.co/SJTU-Deng-Lab',
      paperIds: ['4', '3', '2', '1'],
      topics: [
        { slug: 'llm', count: 3 },
        { slug: 'vision', count: 2 },
      ],
    });
    // No full name: the handle is the display name.
    expect(other).toMatchObject({ key: 'other', displayName: 'other', alsoListedAs: [], paperIds: ['0'] });
  });

  it('breaks a tie between full names by the newest paper, then orders organisations by paper count', () => {
    const orgs = summarizeOrganizations([
      paper('3', '2025-03-01', 'b', 'Bee'),
      paper('2', '2025-02-01', 'a', 'New name'),
      paper('1', '2025-01-01', 'a', 'Old name'),
    ]);
    expect(orgs.map((o) => [o.key, o.displayName, o.alsoListedAs])).toEqual([
      ['a', 'New name', ['Old name']],
      ['b', 'Bee', []],
    ]);
  });

  it('summarises the fixture archive: every paper with an organisation in exactly one summary', async () => {
    const { papers } = await readContentDir(path.join(ROOT, FIXTURE_CONTENT));
    const input = papers.map((p) => ({ ...p.data, topics: [] }));
    const orgs = summarizeOrganizations(input);
    const ids = orgs.flatMap((o) => o.paperIds);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(papers.filter((p) => p.data.organization).length);
    const evil = orgs.find((o) => o.key === 'evil-org');
    expect(evil?.displayName).toBe('<i>Evil</i> Org <script>alert(4)</script>');
  });
});
