import { readFileSync, readdirSync } from 'node:fs';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import {
  findBareUrl,
  plainText,
  renderAbstractHtml,
  renderInlineHtml,
  renderTitleHtml,
  splitMath,
} from '../../src/lib/math.ts';
import { CORPUS_DIR, FULL_CORPUS_DIR } from '../helpers/shared.ts';

const mathSources = (s: string) => splitMath(s).flatMap((seg) => (seg.kind === 'math' ? [seg.source] : []));

describe('splitMath: math versus money (real corpus sentences)', () => {
  it('finds \\( \\) and $ $ math', () => {
    expect(mathSources('their \\( O(n^3) \\) time complexity with Singular Value Decomposition')).toEqual([
      '\\( O(n^3) \\)',
    ]);
    expect(mathSources('with respect to N and K: $P(x) le (1 - p_{gen})^N$. Our empirical')).toEqual([
      '$P(x) le (1 - p_{gen})^N$',
    ]);
    expect(mathSources('a loss $\\mathcal{L} = x^2$ and $$\\sum_i a_i$$ and \\[ b \\]')).toEqual([
      '$\\mathcal{L} = x^2$',
      '$$\\sum_i a_i$$',
      '\\[ b \\]',
    ]);
  });
  it.each([
    'ranking, all at a cost of only $25 and without human labelers.',
    'costs $10 and $20 per run',
    'between $5-$10 per paper',
    'incurred only US$44 in model-token charges',
    'a custom 2-DoF robot neck (cost around $250) for egocentric vision',
    'cost of pass of only $0.00487 per correct answer-cutting cost by 45.2%',
    'environments for <$10 in compute cost',
    'physical-admissibility gate prevent 87-$89% of invalid proposals',
    'kept the overhead reasonable, at 4$ per hour.',
    'Fixing 7,400 Bugs for 1$: Cheap Crash-Site Program Repair',
    'finish above the $1M starting balance, and neither consist $ here',
    'from 50 bug fixes to \\$32,000 feature implementations, and \\$5 more',
    'approximately $1.47 million, yielding about 13,000 curated $ items',
  ])('keeps currency as text: %s', (s) => {
    expect(mathSources(s)).toEqual([]);
  });
});

describe('renderAbstractHtml', () => {
  it('typesets math with KaTeX and keeps the text around it', () => {
    const html = renderAbstractHtml('their \\( O(n^3) \\) time complexity and $\\alpha_j^{\\max}$.');
    const $ = load(html);
    expect($('p')).toHaveLength(1);
    expect($('.katex')).toHaveLength(2);
    expect($('annotation[encoding="application/x-tex"]').first().text()).toBe(' O(n^3) ');
    expect($('p').text()).toContain('time complexity and');
  });
  it('renders display math as a block', () => {
    const $ = load(renderAbstractHtml('Intro.\n\n$$E = mc^2$$\n\nAfter.'));
    expect($('p')).toHaveLength(2);
    expect($('.katex-display')).toHaveLength(1);
  });
  it('shows the TeX source of an expression that fails, never a gap or a throw', () => {
    const $ = load(renderAbstractHtml('Broken $\\frac{1$ and unknown $\\foo{x}$ here.'));
    expect(
      $('code.tex-source')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['$\\frac{1$', '$\\foo{x}$']);
    expect($('.katex')).toHaveLength(0);
  });
  it('keeps currency as text with the dollar sign visible', () => {
    const $ = load(renderAbstractHtml('It costs $10 and $20, or \\$32,000 (US$ 3).'));
    expect($('.katex')).toHaveLength(0);
    expect($('p').text()).toBe('It costs $10 and $20, or $32,000 (US$ 3).');
  });
  it('splits paragraphs on blank lines and folds single newlines', () => {
    const $ = load(renderAbstractHtml('First line\nsame paragraph.\n\nSecond paragraph.'));
    expect(
      $('p')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['First line same paragraph.', 'Second paragraph.']);
  });
  it('turns markdown and known TeX macros into tags (real corpus markup)', () => {
    const $ = load(
      renderAbstractHtml(
        'we introduce **LongRecipe**, an *efficient* strategy _here_; \\textbf{CII-Bench}, \\emph{vs.}, ' +
          "{\\em and} follow, `cat.n.01` and ``system 2 thinking`` of the `meaning'' of words at 27.33\\%.",
      ),
    );
    expect(
      $('strong')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['LongRecipe', 'CII-Bench']);
    expect(
      $('em')
        .map((_, e) => $(e).text())
        .get(),
    ).toEqual(['efficient', 'here', 'vs.', 'and']);
    expect($('code').text()).toBe('cat.n.01');
    expect($('p').text()).toContain(
      '\u201csystem 2 thinking\u201d of the \u2018meaning\u201d of words at 27.33%.',
    );
  });
  it('leaves underscores inside math and identifiers alone', () => {
    const $ = load(renderAbstractHtml('see seedtts_tech_report and $x_i + y_j$ or AutoPage_ProjectPage_v2'));
    expect($('em')).toHaveLength(0);
    expect($('p').text()).toContain('seedtts_tech_report');
    expect($('p').text()).toContain('AutoPage_ProjectPage_v2');
    expect($('.katex')).toHaveLength(1);
  });
  it('keeps unknown macros as source text', () => {
    const $ = load(renderAbstractHtml('we propose \\method, which beats \\ours.'));
    expect($('p').text()).toBe('we propose \\method, which beats \\ours.');
  });
  it('folds TeX accents', () => {
    expect(load(renderAbstractHtml('G\\"odel and Erd\\H{o}s and Caf\\\'e'))('p').text()).toContain('Gödel');
    expect(load(renderAbstractHtml("Caf\\'e"))('p').text()).toBe('Café');
  });
});

describe('hostile input comes out inert', () => {
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '$<script>alert(1)</script>$',
    '\\href{javascript:alert(1)}{click}',
    '$\\href{javascript:alert(1)}{x}$',
    '\\url{javascript:alert(1)}',
    '$\\url{javascript:alert(1)}$',
    '**<b onmouseover=alert(1)>x</b>**',
    '`<svg onload=alert(1)>`',
    '$\\htmlClass{x}{y}$ \\textbf{<iframe src=javascript:alert(1)>}',
  ];
  it.each(hostile)('%s', (s) => {
    for (const html of [renderAbstractHtml(s), renderTitleHtml(s)]) {
      const $ = load(html);
      expect($('script, img, iframe, svg:not(.katex svg), b')).toHaveLength(0);
      $('*').each((_, el) => {
        for (const [name, value] of Object.entries(
          (el as unknown as { attribs: Record<string, string> }).attribs,
        )) {
          expect(name.startsWith('on')).toBe(false);
          expect(value.toLowerCase()).not.toContain('javascript:');
        }
      });
    }
  });
  it('links \\url and \\href only for http(s) targets', () => {
    const $ = load(
      renderAbstractHtml('Code at \\url{https://github.com/a/b} and \\href{https://x.org}{the site}.'),
    );
    expect(
      $('a')
        .map((_, e) => $(e).attr('href'))
        .get(),
    ).toEqual(['https://github.com/a/b', 'https://x.org/']);
    expect($('a').eq(1).text()).toBe('the site');
    const bad = load(renderAbstractHtml('\\href{javascript:alert(1)}{click}'));
    expect(bad('a')).toHaveLength(0);
    expect(bad('p').text()).toBe('click');
  });
  it('shows untrusted math commands as source instead of red KaTeX errors', () => {
    const $ = load(renderAbstractHtml('$\\href{javascript:alert(1)}{x}$'));
    expect($('code.tex-source').text()).toBe('$\\href{javascript:alert(1)}{x}$');
  });
});

describe('bare URLs in abstracts', () => {
  const links = (html: string) => {
    const $ = load(html);
    return $('a')
      .map((_, e) => ({ href: $(e).attr('href'), text: $(e).text(), rel: $(e).attr('rel') }))
      .get();
  };
  it('links http(s) URLs, showing the URL, marked as user content', () => {
    expect(
      links(
        renderAbstractHtml('Code is at https://github.com/alibaba/conv-llava. Demo: http://x.org/a?b=1&c=2'),
      ),
    ).toEqual([
      {
        href: 'https://github.com/alibaba/conv-llava',
        text: 'https://github.com/alibaba/conv-llava',
        rel: 'nofollow ugc noopener',
      },
      { href: 'http://x.org/a?b=1&c=2', text: 'http://x.org/a?b=1&c=2', rel: 'nofollow ugc noopener' },
    ]);
  });
  it('leaves the sentence punctuation after a URL out of it (real corpus endings)', () => {
    const cases: [string, string][] = [
      [
        '(https://github.com/facebookresearch/schedule_free).',
        'https://github.com/facebookresearch/schedule_free',
      ],
      ['at https://craftsman3d.github.io/, and', 'https://craftsman3d.github.io/'],
      ['see https://x.org/a; or', 'https://x.org/a'],
      ['"https://x.org/q?a=1"!', 'https://x.org/q?a=1'],
      ['https://en.wikipedia.org/wiki/Foo_(bar)).', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
      ['https://x.org/a\\_b\\_c?', 'https://x.org/a_b_c'],
    ];
    for (const [text, url] of cases)
      expect(
        links(renderAbstractHtml(text)).map((l) => l.href),
        text,
      ).toEqual([url]);
    expect(findBareUrl('x (https://a.org/b).')).toEqual({ index: 3, url: 'https://a.org/b' });
  });
  it('links a URL upstream glued to the word before it', () => {
    expect(
      links(renderAbstractHtml('available athttps://github.com/open-compass/CompassJudger.'))[0]?.href,
    ).toBe('https://github.com/open-compass/CompassJudger');
  });
  it('makes nothing else a link', () => {
    for (const text of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)//https',
      'data:text/html,<script>alert(1)</script>',
      'www.example.org and example.org/path',
      'ftp://x.org/file and mailto:a@b.org',
      'https:// and https://',
    ]) {
      expect(links(renderAbstractHtml(text)), text).toEqual([]);
    }
  });
  it('escapes what follows a URL and never lets it out of the attribute', () => {
    const $ = load(
      renderAbstractHtml(
        'see https://x.org/"onmouseover="alert(1) and https://y.org/<script>alert(1)</script>',
      ),
    );
    expect($('script')).toHaveLength(0);
    expect(
      $('a')
        .map((_, e) => $(e).attr('href'))
        .get(),
    ).toEqual(['https://x.org/', 'https://y.org/']);
    $('a').each((_, e) =>
      expect(Object.keys((e as unknown as { attribs: object }).attribs).sort()).toEqual(['href', 'rel']),
    );
  });
  it('works with markup and math: no nested links, math untouched', () => {
    const html = renderAbstractHtml(
      '**Code: https://x.org/a** and \\href{https://y.org}{see https://z.org} with $x_1$ at https://w.org/, $y$ and `https://code.org`',
    );
    const $ = load(html);
    expect($('strong a').attr('href')).toBe('https://x.org/a');
    expect($('a a')).toHaveLength(0);
    expect(
      $('a')
        .map((_, e) => $(e).attr('href'))
        .get(),
    ).toEqual(['https://x.org/a', 'https://y.org/', 'https://w.org/']);
    expect($('.katex')).toHaveLength(2);
    expect($('code').text()).toBe('https://code.org');
  });
  it('links nothing in titles and other inline text (shown inside links on listings)', () => {
    const $ = load(
      renderTitleHtml('A \\url{https://x.org} title at https://y.org \\href{https://z.org}{here}'),
    );
    expect($('a')).toHaveLength(0);
    expect($.root().text()).toBe('A https://x.org title at https://y.org here');
  });
  it('keeps plain text unchanged', () => {
    expect(plainText('Code: https://x.org/a\\_b.')).toBe('Code: https://x.org/a_b.');
  });
});

describe('renderInlineHtml: HF keywords and AI summaries', () => {
  it('typesets the TeX HF writes in keywords (real keywords of 2510.14974 and others)', () => {
    for (const k of [
      '$\\pi$-Flow',
      'ImageNet 256$^2$',
      '$\\ell_2$ flow matching loss',
      'A$^*$ search',
      'F$_1$',
    ]) {
      const $ = load(renderInlineHtml(k));
      expect($('.katex'), k).toHaveLength(1);
      expect($('.katex-html').text(), k).not.toContain('$');
    }
    expect(load(renderInlineHtml('E\\textsuperscript{2}R-FLOPs'))('sup').text()).toBe('2');
  });
  it('still keeps money glued to digits as text', () => {
    expect(renderInlineHtml('It costs 5$ and 10$ per run')).toBe('It costs 5$ and 10$ per run');
  });
});

describe('renderTitleHtml', () => {
  it('is inline only, even for display math', () => {
    const html = renderTitleHtml('Scaling $\\mathcal{O}(n)$ Attention\n  with $$x$$ and **bold**');
    const $ = load(html);
    expect($('p, div.katex-display, .katex-display')).toHaveLength(0);
    expect($('.katex')).toHaveLength(2);
    expect($('strong').text()).toBe('bold');
  });
  it('keeps a currency title as text', () => {
    expect(renderTitleHtml('SWE-Lancer: Can Frontier LLMs Earn $1 Million from Real-World Freelance')).toBe(
      'SWE-Lancer: Can Frontier LLMs Earn $1 Million from Real-World Freelance',
    );
  });
});

describe('plainText', () => {
  it('drops delimiters and markup, simplifies macros, keeps money', () => {
    expect(plainText('their \\( O(n^3) \\) cost, \\(9.6\\times\\) fewer, $\\alpha_j$ and $25 only')).toBe(
      'their O(n^3) cost, 9.6× fewer, α_j and $25 only',
    );
    expect(plainText('we introduce **LongRecipe**, \\textbf{CII} and `code` at 5\\% <b>')).toBe(
      'we introduce LongRecipe, CII and code at 5% <b>',
    );
    expect(plainText('One.\n\nTwo\nlines.')).toBe('One.\n\nTwo lines.');
    expect(plainText('An invalid expression $\\frac{1}{\\undefinedmacro$ here')).toBe(
      'An invalid expression \\frac{1}{\\undefinedmacro here',
    );
  });
});

const corpus = CORPUS_DIR;
describe.skipIf(!FULL_CORPUS_DIR)('the real corpus', () => {
  it('renders every abstract and title; only the real math is typeset', () => {
    const seen = new Set<string>();
    const withMath: string[] = [];
    for (const f of readdirSync(corpus)) {
      const items = JSON.parse(readFileSync(`${corpus}/${f}`, 'utf8')) as {
        paper: { id: string; summary: string; title: string };
      }[];
      for (const { paper } of items) {
        if (seen.has(paper.id)) continue;
        seen.add(paper.id);
        const html = renderAbstractHtml(paper.summary) + renderTitleHtml(paper.title);
        expect(html).not.toMatch(/<(script|img|iframe)/i);
        if (mathSources(`${paper.summary}\n\n${paper.title}`).length > 0) withMath.push(paper.id);
      }
    }
    expect(seen.size).toBe(9877);
    // Checked by hand: these 7 are the corpus's real math; its 33 currency abstracts stay text.
    expect(withMath.sort()).toEqual([
      '2410.04717',
      '2410.10672',
      '2411.19477',
      '2606.02641',
      '2607.17423',
      '2607.21051',
      '2608.14071',
    ]);
  });
});
