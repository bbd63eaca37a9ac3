// Parser for the server-rendered https://huggingface.co/papers/date/D page: HTML text -> ListedPaper[].
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { InputError } from '../errors.ts';
import { isPaperId, listedPaperSchema, type ListedPaper } from '../paper.ts';
import { foldLines, quoteForError } from '../text.ts';
import { cleanHttpUrl, isRecord, mapApiItem, type ParseContext } from './hf-api.ts';

/** The page's own JSON: the same items as the API, so they go through the same mapping. */
function fromDataProps($: CheerioAPI, ctx: ParseContext): ListedPaper[] | string {
  const props = $('div[data-target="DailyPapers"]').first().attr('data-props');
  if (props === undefined) return 'no div[data-target="DailyPapers"] data-props';
  let json: unknown;
  try {
    json = JSON.parse(props);
  } catch (e) {
    return `data-props is not JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const items = isRecord(json) ? json.dailyPapers : undefined;
  if (!Array.isArray(items)) return 'data-props has no dailyPapers array';
  const byId = new Map<string, ListedPaper>();
  items.forEach((item, index) => {
    const paper = mapApiItem(item, { ...ctx, where: `${ctx.where} data-props`, index });
    if (!byId.has(paper.id)) byId.set(paper.id, paper);
  });
  return [...byId.values()];
}

function intText(s: string): number | undefined {
  const t = s.replace(/[\s,]/g, '');
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

/** The visible cards: fewer fields (no abstract, no author names), used when the page JSON is missing. */
function fromArticles($: CheerioAPI, ctx: ParseContext): ListedPaper[] {
  const byId = new Map<string, ListedPaper>();
  $('article').each((index, el) => {
    const card = $(el);
    const link = card.find('h3 a[href^="/papers/"]').first();
    const href = link.attr('href') ?? card.find('a[href^="/papers/"]').first().attr('href') ?? '';
    const id = decodeURIComponent(href.replace(/^\/papers\//, '').replace(/[?#].*$/, ''));
    const fail = (problem: string): InputError =>
      new InputError(`${ctx.where} article ${index}`, problem, ctx.date);
    if (!isPaperId(id)) throw fail(`invalid paper link ${quoteForError(href)}: not an arXiv id`);
    const title = foldLines(link.text());
    if (title.length === 0) throw fail(`card ${id} has no title`);
    const submitter = card
      .find('div')
      .filter((_, d) => /^\s*Submitted by/.test($(d).text()))
      .first()
      .text()
      .replace(/^\s*Submitted by\s*/, '')
      .trim();
    const candidate: ListedPaper = { id, title, authors: [], abstract: '' };
    const upvotes = intText(card.find('div[class="leading-none"]').first().text());
    if (upvotes !== undefined) candidate.upvotes = upvotes;
    const comments = intText(card.find('a[href$="#community"]').first().text());
    if (comments !== undefined) candidate.comments = comments;
    const thumbnail = cleanHttpUrl(card.find('img').first().attr('src'));
    if (thumbnail !== undefined) candidate.thumbnail = thumbnail;
    if (/^[\w.-]+$/.test(submitter)) candidate.submittedBy = { user: submitter };
    const parsed = listedPaperSchema.safeParse(candidate);
    if (!parsed.success) throw fail(`card ${id}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    if (!byId.has(id)) byId.set(id, parsed.data);
  });
  return [...byId.values()];
}

/**
 * Parse the server-rendered https://huggingface.co/papers/date/D page: div[data-target="DailyPapers"] data-props
 * (entity-escaped JSON) first, the <article> cards as a fallback. Throws InputError when neither is present.
 */
export function parseHtmlDay(html: string, ctx: ParseContext): ListedPaper[] {
  if (html.trim().length === 0) throw new InputError(ctx.where, 'empty body', ctx.date);
  const $ = cheerio.load(html);
  const fromProps = fromDataProps($, ctx);
  if (typeof fromProps !== 'string') return fromProps;
  if ($('article').length > 0) return fromArticles($, ctx);
  const title = $('title').first().text().replace(/\s+/g, ' ').trim();
  throw new InputError(
    ctx.where,
    `not a daily papers page: ${fromProps} and no <article> cards${title ? ` (title ${quoteForError(title)})` : ''}`,
    ctx.date,
  );
}
