// Parser for a copied Hugging Face papers listing (plain text as a browser copies it) -> ListedPaper[].
import { InputError } from '../errors.ts';
import type { ListedPaper } from '../paper.ts';
import type { ParseContext } from './hf-api.ts';

/** Parse a copied HF papers listing; papers get stable `noid-<slug>-<8 hex>` ids. */
export function parseListingText(text: string, ctx: ParseContext): ListedPaper[] {
  throw new InputError(ctx.where, `not implemented yet (${text.length} chars)`, ctx.date);
}
