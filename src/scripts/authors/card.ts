// One author-index paper as a listing card: a copy of the card the page rendered with the listings' own component
// for a template paper (CARD_TEMPLATE), its values replaced by the paper's in text nodes and attributes only: never
// markup from the data, and no knowledge of the card's markup beyond its organisation link and topic chips.
import { CARD_TEMPLATE as T, type AuthorPaper } from '../../lib/authors.ts';
import { topicHref } from '../../data/urls.ts';
import { formatCount, formatDate } from '../../lib/format.ts';

export interface CardContext {
  topicNames: Readonly<Record<string, string>>;
  orgNames: Readonly<Record<string, string>>;
}

/** The placeholder's tint, as PaperCard computes it: from the first topic, else the id. */
function hueOf(key: string): number {
  let hue = 0;
  for (const ch of key) hue = (hue * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return hue;
}

function dateText(date: string): string {
  try {
    return formatDate(date);
  } catch {
    return date;
  }
}

const named = (own: Readonly<Record<string, string>>, key: string): string =>
  Object.hasOwn(own, key) ? (own[key] as string) : key;

/** Replaces every template value in `s` (split/join: no pattern is built from data). */
function swap(s: string, pairs: readonly (readonly [string, string])[]): string {
  let out = s;
  for (const [from, to] of pairs) if (out.includes(from)) out = out.split(from).join(to);
  return out;
}

/** Removes an element and the separator text (` · `) right before it. */
function removeWithSeparator(el: Element): void {
  const prev = el.previousSibling;
  if (prev?.nodeType === Node.TEXT_NODE && /^[\s\u00a0]*·[\s\u00a0]*$/.test(prev.textContent ?? ''))
    prev.remove();
  el.remove();
}

/** A filled copy of the template's list item (`<li>` holding the card). */
export function fillCard(item: HTMLLIElement, paper: AuthorPaper, ctx: CardContext): HTMLLIElement {
  const [id, title, date, upvotes, orgKey, topics, thumb] = paper;
  const li = item.cloneNode(true) as HTMLLIElement;
  const firstTopic = topics[0];

  if (orgKey === '') {
    const orgPath = `/organizations/${encodeURIComponent(T.orgKey)}/`;
    const link = Array.from(li.querySelectorAll('a')).find((a) => a.getAttribute('href')?.endsWith(orgPath));
    if (link) removeWithSeparator(link);
  }

  const texts: [string, string][] = [
    [T.title, title],
    [T.orgName, orgKey === '' ? '' : named(ctx.orgNames, orgKey)],
    [dateText(T.date), dateText(date)],
    [formatCount(T.upvotes), formatCount(upvotes)],
    [T.id, id],
  ];
  const attributes: [string, string][] = [
    [T.id, id],
    [encodeURIComponent(T.orgKey), encodeURIComponent(orgKey)],
    [T.date, date],
  ];
  const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) n.textContent = swap(n.textContent ?? '', texts);
  for (const el of [li, ...Array.from(li.querySelectorAll('*'))]) {
    for (const a of Array.from(el.attributes)) {
      const value = swap(a.value, attributes);
      if (value !== a.value) el.setAttribute(a.name, value);
    }
    // The placeholder names the first topic (PaperCard leaves the attribute out for a paper with none).
    if (el.hasAttribute('data-topic')) {
      if (firstTopic === undefined) el.removeAttribute('data-topic');
      else el.setAttribute('data-topic', named(ctx.topicNames, firstTopic));
    }
  }
  li.querySelector<HTMLElement>('[style*="--hue"]')?.style.setProperty(
    '--hue',
    String(hueOf(firstTopic ?? id)),
  );
  // The template's thumbnail is HF's usual URL for the template id, which the swap above made this paper's.
  if (thumb !== 1) for (const img of Array.from(li.querySelectorAll('img'))) img.remove();

  // The template has one topic chip: one copy per topic of the paper.
  const chip = li.querySelector('.chips > li');
  const chips = chip?.parentElement;
  if (chip && chips) {
    chips.replaceChildren(
      ...topics.map((slug) => {
        const c = chip.cloneNode(true) as HTMLLIElement;
        const a = c.querySelector('a');
        if (a) {
          a.href = topicHref(slug);
          a.textContent = named(ctx.topicNames, slug);
        }
        return c;
      }),
    );
    if (topics.length === 0) chips.remove();
  }
  return li;
}
