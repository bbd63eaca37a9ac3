// Parser for the server-rendered https://huggingface.co/papers/date/D page: HTML text -> ListedPaper[].
import { InputError } from '../errors.ts';
import type { ListedPaper } from '../paper.ts';
import type { ParseContext } from './hf-api.ts';

/** Parse the daily page: `div[data-target="DailyPapers"]` data-props first, the `<article>` cards as a fallback. */
export function parseHtmlDay(html: string, ctx: ParseContext): ListedPaper[] {
  throw new InputError(ctx.where, `not implemented yet (${html.length} chars)`, ctx.date);
}
