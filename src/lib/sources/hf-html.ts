// Parser for the server-rendered https://huggingface.co/papers/date/D page: HTML text -> listed papers + skipped items.
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { InputError } from '../errors.ts';
import { isPaperId, type ListedPaper } from '../paper.ts';
import { quoteForError } from '../text.ts';
import { draftApiItem, isRecord, type ParseContext } from './hf-api.ts';
import {
  admitItems,
  cleanHttpUrl,
  requireUsable,
  type ItemDraft,
  type ParsedListing,
} from './listed-paper.ts';

/** The page's own JSON: the same items as the API, so they go through the same mapping. */
function fromDataProps($: CheerioAPI, ctx: ParseContext): ParsedListing | string {
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
  const where = `${ctx.where} data-props`;
  return requireUsable(
    admitItems(
      items.map((item, index) => draftApiItem(item, where, index)),
      ctx.date,
    ),
    { date: ctx.date, where },
  );
}

function intText(s: string): number | undefined {
  const t = s.replace(/[\s,]/g, '');
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

/** The visible cards: fewer fields (no abstract, no author names), used when the page JSON is missing. */
function fromArticles($: CheerioAPI, ctx: ParseContext): ParsedListing {
  const drafts: ItemDraft[] = [];
  const where = `${ctx.where} <article> cards`;
  $('article').each((index, el) => {
    const card = $(el);
    const link = card.find('h3 a[href^="/papers/"]').first();
    const href = link.attr('href') ?? card.find('a[href^="/papers/"]').first().attr('href') ?? '';
    let id: string;
    try {
      id = decodeURIComponent(href.replace(/^\/papers\//, '').replace(/[?#].*$/, ''));
    } catch {
      id = '';
    }
    if (!isPaperId(id)) {
      drafts.push({ where, index, problem: `invalid paper link ${quoteForError(href)}: not an arXiv id` });
      return;
    }
    const submitter = card
      .find('div')
      .filter((_, d) => /^\s*Submitted by/.test($(d).text()))
      .first()
      .text()
      .replace(/^\s*Submitted by\s*/, '')
      .trim();
    const paper: ListedPaper = { id, title: link.text(), authors: [], abstract: '' };
    const upvotes = intText(card.find('div[class="leading-none"]').first().text());
    if (upvotes !== undefined) paper.upvotes = upvotes;
    const comments = intText(card.find('a[href$="#community"]').first().text());
    if (comments !== undefined) paper.comments = comments;
    const thumbnail = cleanHttpUrl(card.find('img').first().attr('src'));
    if (thumbnail !== undefined) paper.thumbnail = thumbnail;
    if (/^[\w.-]+$/.test(submitter)) paper.submittedBy = { user: submitter };
    drafts.push({ where, index, paper });
  });
  return requireUsable(admitItems(drafts, ctx.date), ctx);
}

/**
 * Parse the server-rendered https://huggingface.co/papers/date/D page: div[data-target="DailyPapers"] data-props
 * (entity-escaped JSON) first, the <article> cards as a fallback. Throws InputError when neither is present
 * or none of the items is usable; a bad item is skipped.
 */
export function parseHtmlDay(html: string, ctx: ParseContext): ParsedListing {
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
