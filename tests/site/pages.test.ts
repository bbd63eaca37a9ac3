// The built fixture site: pages exist, link where they should, typeset math, and keep hostile input inert.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, builtFile, readPage, walkFiles, type BuiltSite } from '../helpers/build-site.ts';

let site: BuiltSite;
const page = (p: string) => cheerio.load(readPage(site, p));
const texts = ($: cheerio.CheerioAPI, sel: string) =>
  $(sel)
    .map((_, el) => $(el).text().trim())
    .get();
const hrefs = ($: cheerio.CheerioAPI, sel: string) =>
  $(sel)
    .map((_, el) => $(el).attr('href') ?? '')
    .get();

beforeAll(async () => {
  site = await buildFixtureSite('/');
}, 600_000);

describe('paper page', () => {
  it('typesets inline and display math, keeps currency as text, renders TeX/markdown markup', () => {
    const $ = page('papers/2401.00002/');
    expect($('h1 .katex').length).toBeGreaterThanOrEqual(2);
    const abstract = $('section.abstract');
    expect(abstract.find('.katex').length).toBeGreaterThanOrEqual(2);
    expect(abstract.find('.katex-display').length).toBe(1);
    expect(
      abstract
        .find('strong')
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(['bold TeX', 'markdown bold']);
    expect(abstract.find('code').first().text()).toBe('inline code');
    const plain = abstract.clone().find('.katex').remove().end().text();
    expect(plain).toContain('$5 per hour');
    expect(plain).toContain('$10 per day');
    expect(plain).toContain('US$44');
  });

  it('shows the TeX source of an expression KaTeX cannot parse, and still typesets the valid one', () => {
    const $ = page('papers/2401.00004/');
    expect(texts($, 'section.abstract .tex-source')).toEqual(['$\\frac{1}{\\undefinedmacro$', '$x^{$']);
    expect($('section.abstract .katex annotation').text()).toBe('x_1');
  });

  it('lists every author in order (hidden ones flagged), with citation_author tags in the same order', () => {
    const $ = page('papers/2401.00002/');
    expect(texts($, '.authors li')).toEqual(['Carol Math', 'Hidden Person (hidden on HF)', 'Dan Visible']);
    expect(
      $('meta[name="citation_author"]')
        .map((_, el) => $(el).attr('content'))
        .get(),
    ).toEqual(['Carol Math', 'Hidden Person', 'Dan Visible']);
    expect($('meta[name="citation_title"]').attr('content')).toMatch(/^Typesetting .*Attention/);
    expect($('meta[name="citation_arxiv_id"]').attr('content')).toBe('2401.00002');
    expect($('meta[name="citation_pdf_url"]').attr('content')).toBe('https://arxiv.org/pdf/2401.00002');
    expect($('meta[name="citation_publication_date"]').attr('content')).toBe('2024/01/03');
    const ld = JSON.parse($('script[type="application/ld+json"]').text()) as {
      '@type': string;
      author: { name: string }[];
      url: string;
    };
    expect(ld['@type']).toBe('ScholarlyArticle');
    expect(ld.author.map((a) => a.name)).toEqual(['Carol Math', 'Hidden Person', 'Dan Visible']);
    expect(ld.url).toBe('https://example.org/papers/2401.00002/');
  });

  it('has title, description, canonical, OpenGraph and Twitter tags', () => {
    const $ = page('papers/2401.00002/');
    expect($('title').text()).toMatch(/^Typesetting O\(n.*· Daily Papers Archive$/);
    expect($('link[rel="canonical"]').attr('href')).toBe('https://example.org/papers/2401.00002/');
    expect($('meta[property="og:type"]').attr('content')).toBe('article');
    expect($('meta[property="og:url"]').attr('content')).toBe('https://example.org/papers/2401.00002/');
    expect($('meta[name="description"]').attr('content')).toMatch(/^We show that attention runs in/);
    expect($('meta[name="twitter:card"]').attr('content')).toBe('summary');
  });

  it('links a featured-twice paper to both days, shows when-featured counts, and prev/next within each day', () => {
    const $ = page('papers/2401.00003/');
    expect(hrefs($, '.featured a')).toEqual(['/papers/date/2024-06-03/', '/papers/date/2024-06-04/']);
    expect($('.stats').text()).toContain('▲ 99 upvotes');
    expect($('.stats').text()).toContain('3 comments');
    expect($('.first-reading').text().replace(/\s+/g, ' ')).toContain(
      'When featured: 12 upvotes, 0 comments (read 3 Jun 2024)',
    );
    const navs = $('nav.period-nav');
    expect(navs.length).toBe(2);
    // 2024-06-03 lists 00001, 00002, 00003; 2024-06-04 lists 00003 first.
    expect(navs.eq(0).find('a[rel="prev"]').attr('href')).toBe('/papers/2401.00002/');
    expect(navs.eq(0).find('a[rel="next"]').length).toBe(0);
    expect(navs.eq(1).find('a[rel="prev"]').length).toBe(0);
    expect(navs.eq(1).find('a[rel="next"]').attr('href')).toBe('/papers/2401.00004/');
  });

  it('links arXiv, PDF, HF, GitHub with stars and the project page; BibTeX with copy button and .bib download', () => {
    const $ = page('papers/2401.00001/');
    const links = $('ul.links a')
      .map((_, el) => [[$(el).text().trim(), $(el).attr('href')]])
      .get() as unknown as [string, string][];
    expect(links).toEqual([
      ['arXiv abstract', 'https://arxiv.org/abs/2401.00001'],
      ['PDF', 'https://arxiv.org/pdf/2401.00001'],
      ['Hugging Face', 'https://huggingface.co/papers/2401.00001'],
      ['GitHub: example/hostile (★ 1,234)', 'https://github.com/example/hostile'],
      ['Project page', 'https://project.example.com/page?a=1&b=%3Cx%3E'],
    ]);
    expect($('#bibtex').text()).toMatch(/^@misc\{/);
    expect($('copy-button[data-target="bibtex"] button').text()).toBe('Copy BibTeX');
    expect($('a[download]').attr('href')).toBe('/papers/2401.00001/cite.bib');
    expect(existsSync(builtFile(site, 'papers/2401.00001/cite.bib'))).toBe(true);
  });

  it('labels the AI summary and keywords as machine-generated, apart from the abstract', () => {
    const $ = page('papers/2401.00001/');
    const ai = $('aside.ai');
    expect(ai.find('h2').text()).toContain('machine-generated');
    expect(ai.text()).toContain('AI summary with <script>alert(6)</script> inside.');
    expect($('section.abstract').text()).not.toContain('AI summary with');
  });

  it('renders a paper with no optional fields, an old-style id, and a paper without an arXiv id', () => {
    const min = page('papers/2401.00005/');
    expect(min('h1').text()).toBe('Minimal Paper Without Optional Fields');
    expect(min('section.abstract').text()).toContain('No abstract was listed');
    expect(min('aside.ai').length).toBe(0);
    expect(texts(min, 'ul.links a')).toEqual(['arXiv abstract', 'PDF', 'Hugging Face']);

    const old = page('papers/hep-th/9901001/');
    expect(old('.authors > ul li').length).toBe(12);
    expect(old('.authors details summary').text()).toBe('Show all 40 authors');
    expect(old('.authors li').length).toBe(40);
    expect(old('meta[name="citation_author"]').length).toBe(40);
    expect(hrefs(old, 'ul.links a')).toEqual([
      'https://arxiv.org/abs/hep-th/9901001',
      'https://arxiv.org/pdf/hep-th/9901001',
    ]);

    const noid = page('papers/noid-listing-only-paper-1a2b3c4d/');
    expect(noid('ul.links').length).toBe(0);
    expect(noid('a[href*="arxiv.org"]').length).toBe(0);
  });
});

describe('hostile upstream strings', () => {
  const hostile = () => page('papers/2401.00001/');

  it('shows tags in titles, authors, organization and abstract as text', () => {
    const $ = hostile();
    expect($('h1').text()).toBe(
      '<script>alert(1)</script> Hostile <img src=x onerror=alert(2)> Title & "Quotes"',
    );
    expect($('.authors li').first().text()).toBe('<b>Eve</b> "Mallory" <script>alert(3)</script>');
    expect($('.facts').text()).toContain('<i>Evil</i> Org <script>alert(4)</script>');
    expect($('section.abstract').text()).toContain('<a href="javascript:alert(7)">a link</a>');
    expect($('title').text()).toContain('<script>alert(1)</script>');
  });

  it('emits no injected elements, event handlers or javascript: URLs on any page', () => {
    for (const file of walkFiles(site.outDir).filter(
      (f) => f.endsWith('.html') && !f.startsWith('pagefind/'),
    )) {
      const html = readFileSync(path.join(site.outDir, file), 'utf8');
      const $ = cheerio.load(html);
      for (const el of $('script').toArray()) {
        const s = $(el);
        // JSON-LD, Astro's bundled module scripts (inlined when small), and the theme's no-flash snippet.
        const ok =
          s.attr('type') === 'application/ld+json' ||
          s.attr('type') === 'module' ||
          s.text().includes("localStorage.getItem('theme')");
        expect(ok, `${file}: unexpected inline script ${s.text().slice(0, 80)}`).toBe(true);
        // JSON-LD carries upstream text (escaped; checked below); code must not.
        if (s.attr('type') !== 'application/ld+json') expect(s.text(), file).not.toContain('alert(');
      }
      expect($('img[onerror], [onerror], [onclick], [onload]').length, file).toBe(0);
      for (const el of $('[href], [src], [action]').toArray()) {
        const url = $(el).attr('href') ?? $(el).attr('src') ?? $(el).attr('action') ?? '';
        expect(url.trim().toLowerCase().startsWith('javascript:'), `${file}: ${url}`).toBe(false);
      }
      // `<` inside a quoted attribute value is inert text; outside one it would be markup.
      const outsideAttributes = html.replace(/"[^"]*"/g, '""');
      expect(outsideAttributes, file).not.toMatch(/<script>alert/i);
      expect(outsideAttributes, file).not.toMatch(/<img src=x/i);
      // The only images are thumbnails (cards, src/components/PaperCard.astro): an absolute https URL, no alt text.
      for (const img of $('img').toArray()) {
        expect($(img).attr('src'), file).toMatch(/^https:\/\/cdn-thumbnails\.huggingface\.co\//);
        expect($(img).attr('class'), file).toBe('ph');
        expect($(img).attr('alt'), file).toBe('');
      }
    }
  });

  it('keeps the JSON-LD from closing its script element', () => {
    const html = readPage(site, 'papers/2401.00001/');
    const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(ld).not.toContain('<');
    expect((JSON.parse(ld) as { headline: string }).headline).toContain('<script>alert(1)</script>');
  });
});

describe('day, week and month pages', () => {
  it('ranks a day by upvotes (day order breaks ties) and links neighbours, week and month', () => {
    const $ = page('papers/date/2024-06-04/');
    expect(hrefs($, '.paper-title a')).toEqual([
      '/papers/2401.00003/',
      '/papers/hep-th/9901001/',
      '/papers/noid-listing-only-paper-1a2b3c4d/',
      '/papers/2401.00004/',
      '/papers/2401.00005/',
    ]);
    const nav = $('nav.period-nav').first();
    expect(nav.find('a[rel="prev"]').attr('href')).toBe('/papers/date/2024-06-03/');
    expect(nav.find('a[rel="next"]').attr('href')).toBe('/papers/date/2024-06-05/');
    expect(hrefs($, 'nav.period-nav').length).toBeGreaterThan(0);
    expect(
      nav
        .find('a')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toContain('/papers/week/2024-W23/');
    expect(
      nav
        .find('a')
        .map((_, el) => $(el).attr('href'))
        .get(),
    ).toContain('/papers/month/2024-06/');
  });

  it('ranks a real day exactly by its upvotes', () => {
    const $ = page('papers/date/2026-08-21/');
    const day = JSON.parse(readFileSync('tests/fixtures/archive/days/2026/2026-08-21.json', 'utf8')) as {
      ids: string[];
    };
    const shown = hrefs($, '.paper-title a').map((h) => h.replace(/^\/papers\/|\/$/g, ''));
    expect([...shown].sort()).toEqual([...day.ids].sort());
    const votes = texts($, '.paper-card .upvotes').map((t) => Number(t.replace(/[^\d]/g, '')));
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect(votes.length).toBe(17);
  });

  it('says so when a day was archived empty, and links to the next archived day', () => {
    const $ = page('papers/date/2024-06-05/');
    expect($('.empty-day').text()).toContain('No papers were listed on this day');
    expect($('.paper-card').length).toBe(0);
    expect($('nav.period-nav a[rel="next"]').first().attr('href')).toBe('/papers/date/2025-03-04/');
  });

  it('lists a week with each paper once, most upvoted first, and links between weeks', () => {
    const $ = page('papers/week/2024-W23/');
    const ids = hrefs($, '.paper-title a, .row-title');
    expect(ids.filter((h) => h === '/papers/2401.00003/').length).toBe(1);
    expect(ids.length).toBe(7);
    expect(ids[0]).toBe('/papers/2401.00003/');
    expect($('nav.period-nav a[rel="prev"]').attr('href')).toBe('/papers/week/2024-W22/');
    expect($('nav.period-nav a[rel="next"]').attr('href')).toBe('/papers/week/2025-W10/');
    const month = page('papers/month/2024-06/');
    expect(month('.paper-card').length).toBe(7);
    expect(month('nav.period-nav a[rel="prev"]').attr('href')).toBe('/papers/month/2024-05/');
  });
});

describe('archive, home, coverage, 404', () => {
  it('draws month calendars telling archived, empty and not archived apart, with yearly totals', () => {
    const $ = page('archive/');
    const june = $('table.calendar').filter((_, el) => $(el).find('caption').text().includes('June 2024'));
    expect(june.length).toBe(1);
    const cell = (d: number) => june.find('td').filter((_, el) => $(el).find('.d').text() === String(d));
    expect(cell(3).find('a').attr('href')).toBe('/papers/date/2024-06-03/');
    expect(cell(3).find('.c').text()).toBe('3');
    expect(cell(5).attr('class')).toBe('empty');
    expect(cell(5).find('.c').text()).toBe('0');
    expect(cell(6).attr('class')).toBe('none');
    expect(cell(6).find('a').length).toBe(0);
    expect($('#y2024').text()).toContain('21 papers on 4 archived days');
    expect($('#y2026').text()).toContain('32 papers on 2 archived days');
  });

  it('shows the latest day in full and the week’s most upvoted on the home page', () => {
    const $ = page('');
    expect($('#latest-heading a').attr('href')).toBe('/papers/date/2026-08-21/');
    expect($('#latest-heading').closest('section').find('.paper-card').length).toBe(17);
    expect($('#week-heading a').attr('href')).toBe('/papers/week/2026-W34/');
    expect($('#week-heading').closest('section').find('.paper-card').length).toBe(10);
  });

  it('reports coverage per day', () => {
    const $ = page('coverage/');
    const row = (d: string) => $('tr').filter((_, el) => $(el).find('th').text().includes(d));
    expect(row('Wednesday, 5 June 2024').find('td').first().text()).toBe('archived, empty');
    expect(row('Monday, 3 June 2024').find('td').eq(1).text()).toBe('3');
    expect(row('Tuesday, 28 May 2024').find('td').first().text()).toBe('not archived');
    expect(row('Tuesday, 28 May 2024').attr('class')).toBe('missing');
  });

  it('has a useful 404 page', () => {
    const $ = cheerio.load(readFileSync(path.join(site.outDir, '404.html'), 'utf8'));
    expect($('main form[role="search"]').attr('action')).toBe('/search/');
    expect($('main a[href="/papers/date/2026-08-21/"]').length).toBe(1);
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
  });

  it('gives every page a title, description, canonical URL, OpenGraph and Twitter tags, one h1 and landmarks', () => {
    const pages = walkFiles(site.outDir).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
    expect(pages.length).toBeGreaterThan(90);
    for (const file of pages) {
      const $ = cheerio.load(readFileSync(path.join(site.outDir, file), 'utf8'));
      expect($('title').text().length, file).toBeGreaterThan(3);
      expect($('meta[name="description"]').attr('content')?.length, file).toBeGreaterThan(10);
      expect($('link[rel="canonical"]').attr('href'), file).toMatch(/^https:\/\/example\.org\//);
      expect($('meta[property="og:title"]').length, file).toBe(1);
      expect($('meta[name="twitter:card"]').length, file).toBe(1);
      expect($('h1').length, file).toBe(1);
      expect($('header').length + $('main#main').length + $('footer').length, file).toBe(3);
      expect($('a.skip-link').attr('href'), file).toBe('#main');
    }
  });

  it('bundles KaTeX CSS on pages with math, not on the coverage page', () => {
    const css = (p: string) =>
      page(p)('link[rel="stylesheet"]')
        .map((_, el) => readFileSync(builtFile(site, (el.attribs.href ?? '').slice(1)), 'utf8'))
        .get()
        .join('\n');
    expect(css('papers/2401.00002/')).toContain('font-family:KaTeX_Main');
    expect(css('coverage/')).not.toContain('KaTeX_Main');
  });
});

describe('feeds, export, sitemap and robots', () => {
  it('serves RSS, JSON Feed and the JSON export as parseable documents', () => {
    const rss = cheerio.load(readFileSync(builtFile(site, 'rss.xml'), 'utf8'), { xml: true });
    expect(rss('rss > channel > item').length).toBeGreaterThan(0);
    const feed = JSON.parse(readFileSync(builtFile(site, 'feed.json'), 'utf8')) as {
      version: string;
      items: unknown[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.length).toBeGreaterThan(0);
    expect(() => JSON.parse(readFileSync(builtFile(site, 'data/index.json'), 'utf8'))).not.toThrow();
    expect(existsSync(builtFile(site, 'data/days/2024-06-05.json'))).toBe(true);
  });

  it('writes a sitemap and robots.txt pointing at it', () => {
    expect(readFileSync(builtFile(site, 'robots.txt'), 'utf8')).toContain(
      'Sitemap: https://example.org/sitemap-index.xml',
    );
    const map = readFileSync(builtFile(site, 'sitemap-0.xml'), 'utf8');
    expect(map).toContain('<loc>https://example.org/papers/2401.00002/</loc>');
    expect(map).toContain('<loc>https://example.org/papers/hep-th/9901001/</loc>');
  });
});

describe('related papers', () => {
  it('lists up to 8 related papers from the archive, each linking to a built page with a reason', () => {
    const $ = page('papers/2608.13120/');
    const links = hrefs($, 'section.related li > a');
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeLessThanOrEqual(8);
    expect(links).not.toContain('/papers/2608.13120/');
    for (const l of links) expect(existsSync(builtFile(site, l.slice(1))), l).toBe(true);
    for (const why of texts($, 'section.related .meta')) expect(why).toMatch(/Shared (topics|terms): \S/);
  });
});
