// Organisation and author links in the built fixture site: they lead to in-site pages (or index entries) that list
// the paper they were found on; the organisation pages and index say what they should.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorShardOf, parseAuthorShard, type AuthorShard } from '../../src/lib/authors.ts';
import { buildFixtureSite, readPage, walkFiles, type BuiltSite } from '../helpers/build-site.ts';

let site: BuiltSite;
const page = (p: string) => cheerio.load(readPage(site, p));
const paperIdOf = (href: string) => /^\/papers\/(.+)\/$/.exec(href)?.[1];

/** The built page behind an in-site href, with its pagination followed: every paper id it lists. */
function listedIds(href: string): string[] {
  const ids: string[] = [];
  for (let next: string | undefined = href; next;) {
    const $ = page(next);
    ids.push(
      ...$('.paper-list .paper-title a')
        .map((_, a) => paperIdOf($(a).attr('href') ?? ''))
        .get(),
    );
    next = $('.pager a[rel="next"]').attr('href');
  }
  return ids;
}

beforeAll(async () => {
  site = await buildFixtureSite('/');
}, 600_000);

const paperPages = () =>
  walkFiles(site.outDir)
    .filter((f) => /^papers\/(?!date\/|week\/|month\/).+\/index\.html$/.test(f))
    .map((f) => `/${f.replace(/index\.html$/, '')}`);

describe('organisation links', () => {
  it('link every paper page naming an organisation to an organisation page that lists the paper', () => {
    let checked = 0;
    for (const p of paperPages()) {
      const $ = page(p);
      const dd = $('.facts dt:contains("Organization") + dd');
      if (dd.length === 0) continue;
      const href = dd.find('a').attr('href') ?? '';
      expect(href, p).toMatch(/^\/organizations\/[^/]+\/$/);
      expect(listedIds(href), `${p} -> ${href}`).toContain(paperIdOf(p));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });

  it('link the cards of a listing to organisation pages that list the card’s paper', () => {
    const $ = page('/papers/date/2026-08-21/');
    const cards = $('.paper-card').toArray();
    let checked = 0;
    for (const card of cards) {
      const org = $(card).find('a.org').attr('href');
      if (!org) continue;
      const id = paperIdOf($(card).find('.paper-title a').attr('href') ?? '');
      expect(listedIds(org), org).toContain(id);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('show the name as text, the count, the HF page and the main topics', () => {
    const $ = page('/organizations/evil-org/');
    expect($('h1').text()).toBe('<i>Evil</i> Org <script>alert(4)</script>');
    expect($('h1 i, h1 script').length).toBe(0);
    expect($('.facts').text()).toMatch(/^1 paper · evil-org on Hugging Face$/);
    expect($('.facts a').attr('href')).toBe('https://huggingface.co/evil-org');
    expect($('.org-topics .chip').first().attr('href')).toBe('/topics/alignment-safety/');
    expect($('title').text()).toContain('<i>Evil</i> Org');
    expect($('link[rel="canonical"]').attr('href')).toBe('https://example.org/organizations/evil-org/');
  });

  it('index every organisation once, most papers first, each linking to its page with its count', () => {
    const $ = page('/organizations/');
    const rows = $('ol.orgs li')
      .map((_, li) => ({ href: $(li).find('a').attr('href') ?? '', n: Number($(li).find('.n').text()) }))
      .get();
    const pages = walkFiles(site.outDir).filter((f) => /^organizations\/[^/]+\/index\.html$/.test(f));
    expect(rows.length).toBe(pages.length);
    expect(new Set(rows.map((r) => r.href)).size).toBe(rows.length);
    for (const r of rows) expect(listedIds(r.href).length, r.href).toBe(r.n);
    expect(rows.map((r) => r.n)).toEqual([...rows.map((r) => r.n)].sort((a, b) => b - a));
    // The filter box is for script only: hidden in the HTML, the full list is there without it.
    expect($('org-filter .filter').attr('hidden')).toBeDefined();
  });
});

/** The built author index shard that `name` hashes to, as the page's script picks it. */
function shardFor(name: string): AuthorShard {
  const count = Number(page('/authors/')('author-papers').attr('data-shards'));
  expect(count).toBeGreaterThanOrEqual(1);
  const file = path.join(site.outDir, 'authors/index', `${authorShardOf(name, count)}.json`);
  return parseAuthorShard(JSON.parse(readFileSync(file, 'utf8')), file);
}

describe('author links', () => {
  it('link every author of every paper page to the author page, whose index entry lists the paper', () => {
    let linked = 0;
    let lazy = 0;
    for (const p of paperPages()) {
      const $ = page(p);
      const id = paperIdOf(p)!;
      for (const ul of $('.authors ul.author-list').toArray()) {
        // A long list carries the author page's URL prefix once; its names are linked in the browser.
        const prefix = $(ul).attr('data-author-href');
        if (prefix !== undefined) expect(prefix, p).toBe('/authors/?name=');
        for (const li of $(ul).children('li').toArray()) {
          let name: string;
          if (prefix === undefined) {
            const a = $(li).children('a').first();
            const href = a.attr('href') ?? '';
            expect(href, p).toMatch(/^\/authors\/\?name=/);
            name = new URL(href, 'https://example.org').searchParams.get('name')!;
            // The exact name as upstream spells it, shown as text.
            expect(a.text(), p).toBe(name);
            linked++;
          } else {
            const first = li.children[0];
            expect(first?.type, `${p}: a long list's item starts with the name as text`).toBe('text');
            name = $(first!).text();
            lazy++;
          }
          const entry = shardFor(name).authors.find((e) => e[0] === name);
          expect(
            entry?.[1].map((row) => row[0]),
            `${p}: ${name}`,
          ).toContain(id);
        }
      }
    }
    expect(linked).toBeGreaterThan(300);
    // hep-th/9901001 alone has 28 folded away (12 shown); some real papers of the fixture fold away more than 15.
    expect(lazy).toBeGreaterThanOrEqual(28);
  });

  it('link the authors of a card the same way', () => {
    const $ = page('/papers/date/2026-08-21/');
    const card = $('.paper-card').first();
    const id = paperIdOf(card.find('.paper-title a').attr('href') ?? '');
    const links = card.find('.authors a').toArray();
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) {
      const name = new URL($(a).attr('href') ?? '', 'https://example.org').searchParams.get('name')!;
      expect(
        shardFor(name)
          .authors.find((e) => e[0] === name)?.[1]
          .map((r) => r[0]),
      ).toContain(id);
    }
  });

  it('also link a claimed author’s HF account, and keep a hostile name as text in an encoded link', () => {
    const $ = page('/papers/2401.00001/');
    const [eve, alice] = $('.authors li')
      .toArray()
      .map((li) => $(li));
    expect(eve?.children('a').first().text()).toBe('<b>Eve</b> "Mallory" <script>alert(3)</script>');
    expect(eve?.find('b, script').length).toBe(0);
    expect(eve?.children('a').first().attr('href')).toBe(
      '/authors/?name=%3Cb%3EEve%3C%2Fb%3E%20%22Mallory%22%20%3Cscript%3Ealert(3)%3C%2Fscript%3E',
    );
    const hf = alice?.find('a.hf-user');
    expect(hf?.attr('href')).toBe('https://huggingface.co/alice');
    expect(hf?.text()).toContain('alice');
    expect(shardFor('Alice Second').authors.find((e) => e[0] === 'Alice Second')?.[2]).toEqual(['alice']);
  });

  it('keeps every index shard small and every name in exactly one shard', () => {
    const count = Number(page('/authors/')('author-papers').attr('data-shards'));
    const files = walkFiles(site.outDir).filter((f) => f.startsWith('authors/index/'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.length).toBeLessThanOrEqual(count);
    const names = new Set<string>();
    for (const f of files) {
      const raw = readFileSync(path.join(site.outDir, f));
      expect(gzipSync(raw).length, f).toBeLessThan(30_000);
      const shard = parseAuthorShard(JSON.parse(raw.toString('utf8')), f);
      expect(shard.shards).toBe(count);
      for (const [name] of shard.authors) {
        expect(names.has(name), name).toBe(false);
        names.add(name);
        expect(`authors/index/${authorShardOf(name, count)}.json`).toBe(f);
      }
    }
  });

  it('serves an author page that works as a lookup form and lists the most prolific authors without JS', () => {
    const $ = page('/authors/');
    expect($('form.lookup').attr('action')).toBe('/authors/');
    expect($('form.lookup input').attr('name')).toBe('name');
    const top = $('ol.prolific li a').first();
    expect(top.attr('href')).toMatch(/^\/authors\/\?name=/);
    // The card template the script fills is the listings' own card.
    expect($('template[data-card]').html()).toContain('paper-card');
  });
});
