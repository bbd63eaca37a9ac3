import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  arxivAbsUrl,
  arxivPdfUrl,
  dayPagePath,
  githubRepoInText,
  githubRepoLabel,
  hfPaperUrl,
  paperBibPath,
  paperIdFromPath,
  paperPagePath,
  safeHref,
  withBase,
} from '../../src/lib/links.ts';

describe('paper links', () => {
  it('builds arXiv and HF URLs for arXiv ids only', () => {
    expect(arxivAbsUrl('2405.15738')).toBe('https://arxiv.org/abs/2405.15738');
    expect(arxivPdfUrl('2405.15738v2')).toBe('https://arxiv.org/pdf/2405.15738v2');
    expect(arxivAbsUrl('hep-th/9901001')).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(hfPaperUrl('2405.15738v2')).toBe('https://huggingface.co/papers/2405.15738');
    expect(hfPaperUrl('hep-th/9901001')).toBeUndefined();
    expect(arxivAbsUrl('noid-some-paper-1a2b3c4d')).toBeUndefined();
    expect(arxivPdfUrl('noid-some-paper-1a2b3c4d')).toBeUndefined();
    expect(hfPaperUrl('noid-some-paper-1a2b3c4d')).toBeUndefined();
    expect(arxivAbsUrl('../../etc/passwd')).toBeUndefined();
  });
});

describe('safeHref', () => {
  it('accepts only absolute http(s) URLs', () => {
    expect(safeHref('https://github.com/a/b')).toBe('https://github.com/a/b');
    expect(safeHref(' http://x.org/p?q=1 ')).toBe('http://x.org/p?q=1');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('/relative')).toBeUndefined();
    expect(safeHref('//evil.example')).toBeUndefined();
    expect(safeHref(undefined)).toBeUndefined();
  });
  it('returns a normalised href (quotes and spaces percent-encoded)', () => {
    expect(safeHref('https://x.org/a"b c')).toBe('https://x.org/a%22b%20c');
  });
});

describe('githubRepoLabel', () => {
  it('labels repositories as owner/repo', () => {
    expect(githubRepoLabel('https://github.com/huggingface/transformers')).toBe('huggingface/transformers');
    expect(githubRepoLabel('https://github.com/owner/repo.git')).toBe('owner/repo');
    expect(githubRepoLabel('https://github.com/owner/repo/tree/main/sub')).toBe('owner/repo');
    expect(githubRepoLabel('https://gitlab.com/group/proj/')).toBe('gitlab.com/group/proj');
  });
});

describe('site paths', () => {
  it('respects the base path', () => {
    expect(withBase('/', paperPagePath('2405.15738'))).toBe('/papers/2405.15738/');
    expect(withBase('/repo/', paperBibPath('2405.15738'))).toBe('/repo/papers/2405.15738/cite.bib');
    expect(withBase('/repo', '/papers/date/2026-08-21/')).toBe('/repo/papers/date/2026-08-21/');
    expect(dayPagePath('2026-08-21')).toBe('papers/date/2026-08-21/');
    expect(absoluteUrl('https://u.github.io', '/repo/', paperPagePath('hep-th/9901001'))).toBe(
      'https://u.github.io/repo/papers/hep-th/9901001/',
    );
  });
  it('refuses invalid ids and dates', () => {
    expect(() => paperPagePath('../x')).toThrow(/invalid paper id/);
    expect(() => dayPagePath('2026-02-30')).toThrow(/invalid date/);
  });
});

describe('githubRepoInText', () => {
  it('finds the repository an abstract names, without the sentence around it', () => {
    expect(githubRepoInText('Code: https://github.com/alibaba/conv-llava.')).toBe(
      'https://github.com/alibaba/conv-llava',
    );
    expect(githubRepoInText('see (https://github.com/facebookresearch/schedule_free).')).toBe(
      'https://github.com/facebookresearch/schedule_free',
    );
    expect(githubRepoInText('no code, www.github.com/a/b or github.com/a/b')).toBeUndefined();
  });
  it('finds one upstream glued to the previous word (real abstracts: "athttps://github.com/...")', () => {
    expect(
      githubRepoInText(
        'available to the research community athttps://github.com/open-compass/CompassJudger.',
      ),
    ).toBe('https://github.com/open-compass/CompassJudger');
  });
});

describe('paperIdFromPath (the 404 page)', () => {
  it('reads a paper id from a permalink-shaped path, under the base, with or without the slash', () => {
    expect(paperIdFromPath('/papers/2609.01234/')).toBe('2609.01234');
    expect(paperIdFromPath('/papers/2609.01234')).toBe('2609.01234');
    expect(paperIdFromPath('/papers/2609.01234v2/')).toBe('2609.01234v2');
    expect(paperIdFromPath('/papers/math.GT/0309136/')).toBe('math.GT/0309136');
    expect(paperIdFromPath('/papers/hep-th%2F9901001/')).toBe('hep-th/9901001');
    expect(paperIdFromPath('/sub/path/papers/2609.01234/', '/sub/path/')).toBe('2609.01234');
    expect(paperIdFromPath('/papers/noid-some-paper-1a2b3c4d/')).toBe('noid-some-paper-1a2b3c4d');
  });
  it('refuses anything else', () => {
    for (const p of [
      '/papers/2613.01234/',
      '/papers/<script>alert(1)</script>/',
      '/papers/2609.01234/extra/',
      '/papers/../../etc/passwd',
      '/papers/%E0%A4%A/',
      '/papers/',
      '/other/2609.01234/',
      '/papers/javascript:alert(1)/',
    ]) {
      expect(paperIdFromPath(p), p).toBeUndefined();
    }
    expect(paperIdFromPath('/papers/2609.01234/', '/sub/')).toBeUndefined();
  });
});
