// Result cards: clones of the page's <template>, a PaperCard (src/components/PaperCard.astro) rendered by Astro,
// filled with a result's metadata through textContent and attributes only (the data is never parsed as HTML).
import { formatCount, formatDate } from '../../lib/format.ts';
import { isIsoDate, isPaperId } from '../../lib/ids.ts';
import { dayPagePath, paperPagePath, safeHref, withBase } from '../../lib/links.ts';
import type { ResultData } from './pagefind.ts';
import { textKey } from './rank.ts';
import { snippet } from './snippet.ts';

/** As the card shows them; the paper page lists every author. */
const AUTHORS_SHOWN = 3;

export interface CardContext {
  base: string;
  topicNames: Readonly<Record<string, string>>;
  /** The query as textKey gives it: an author of that name is among those the card names. */
  queryKey?: string;
}

/** The authors a card names: the first few, or for an author's query the first ones and that author. */
export function shownAuthors(names: readonly string[], queryKey = ''): string[] {
  const first = names.slice(0, AUTHORS_SHOWN);
  if (!queryKey || first.some((n) => textKey(n) === queryKey)) return first;
  const match = names.find((n) => textKey(n) === queryKey);
  return match ? [...names.slice(0, AUTHORS_SHOWN - 1), match] : first;
}

/** The placeholder tint PaperCard gives a paper: from its first topic, else its id. */
export function hueOf(key: string): number {
  let hue = 0;
  for (const ch of key) hue = (hue * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return hue;
}

function paperIdOf(url: string, base: string): string | undefined {
  const prefix = withBase(base, 'papers/');
  if (!url.startsWith(prefix)) return undefined;
  const id = decodeURIComponent(url.slice(prefix.length).replace(/\/$/, ''));
  return isPaperId(id) ? id : undefined;
}

/** `items` with `sep` between them. */
function joined(items: readonly Node[], sep: string): Node[] {
  return items.flatMap((item, i) => (i === 0 ? [item] : [document.createTextNode(sep), item]));
}

const clone = <T extends Element>(e: T): T => e.cloneNode(true) as T;

/** The snippet as text nodes and <mark> elements. */
function snippetNodes(item: ResultData): Node[] {
  const s = snippet(item.content ?? '', item.locations ?? [], Number(item.meta.words) || 0);
  const out: Node[] = [];
  if (s.before) out.push(document.createTextNode('… '));
  for (const [i, w] of s.words.entries()) {
    if (i > 0) out.push(document.createTextNode(' '));
    if (w.match) {
      const mark = document.createElement('mark');
      mark.textContent = w.text;
      out.push(mark);
    } else out.push(document.createTextNode(w.text));
  }
  if (s.after) out.push(document.createTextNode(' …'));
  return out;
}

/** A result card; undefined for a result whose URL is no paper permalink of this site. */
export function renderCard(
  template: HTMLTemplateElement,
  item: ResultData,
  ctx: CardContext,
): HTMLLIElement | undefined {
  const id = paperIdOf(item.url, ctx.base);
  const li = template.content.firstElementChild?.cloneNode(true);
  if (!id || !(li instanceof HTMLLIElement)) return undefined;
  const href = withBase(ctx.base, paperPagePath(id));
  const meta = item.meta;
  const topics = (meta.topics ?? '').split(/\s+/).filter(Boolean);
  const card = li.querySelector<HTMLElement>('.paper-card');
  card?.style.setProperty('--hue', String(hueOf(topics[0] ?? id)));

  // Thumbnail over the topic placeholder.
  const thumb = li.querySelector<HTMLAnchorElement>('a.thumb');
  if (thumb) thumb.href = href;
  // The placeholder names the first topic and the id (as text, or as data-* attributes its CSS shows).
  const topicName = topics[0] ? (ctx.topicNames[topics[0]] ?? topics[0]) : '';
  for (const e of Array.from(li.querySelectorAll<HTMLElement>('.thumb [data-topic]'))) {
    if (topicName) e.dataset.topic = topicName;
    else delete e.dataset.topic;
  }
  for (const e of Array.from(li.querySelectorAll<HTMLElement>('.thumb [data-id]'))) e.dataset.id = id;
  const phTopic = li.querySelector('.ph-topic');
  if (phTopic) {
    if (topicName) phTopic.textContent = topicName;
    else phTopic.remove();
  }
  const phId = li.querySelector('.ph-id');
  if (phId) phId.textContent = id;
  li.querySelector('.thumb .rank')?.remove();
  const img = li.querySelector<HTMLImageElement>('.thumb img');
  const src = safeHref(meta.thumb);
  if (img && src) img.src = src;
  else img?.remove();

  const title = li.querySelector<HTMLAnchorElement>('.paper-title a');
  if (title) {
    title.href = href;
    title.textContent = meta.title || id;
  }

  // Authors: the first few as links to their pages, the rest counted.
  const authorsLine = li.querySelector('.authors');
  const authorProto = authorsLine?.querySelector('a');
  const moreProto = authorsLine?.querySelector('.more-authors');
  const names = (meta.authors ?? '').split(/;\s*/).filter(Boolean);
  if (authorsLine && authorProto && names.length > 0) {
    const links = shownAuthors(names, ctx.queryKey).map((name) => {
      const a = clone(authorProto);
      a.textContent = name;
      a.href = withBase(ctx.base, `authors/?name=${encodeURIComponent(name)}`);
      return a;
    });
    const parts: Node[] = joined(links, ', ');
    const more = names.length - links.length;
    if (more > 0 && moreProto) {
      const m = clone(moreProto);
      const hidden = document.createElement('span');
      hidden.className = moreProto.querySelector('.visually-hidden')?.className ?? 'visually-hidden';
      hidden.textContent = ` more ${more === 1 ? 'author' : 'authors'}`;
      m.replaceChildren(`+${more}`, hidden);
      parts.push(document.createTextNode(' '), m);
    }
    authorsLine.replaceChildren(...parts);
  } else authorsLine?.remove();

  // Upvotes · organisation · code · day.
  const line = li.querySelector('.meta');
  if (line) {
    const parts: Element[] = [];
    const upvotes = line.querySelector('.upvotes');
    if (upvotes) {
      const n = Number(meta.upvotes) || 0;
      const u = clone(upvotes);
      if (u.firstChild) u.firstChild.textContent = `▲ ${formatCount(n)}`;
      (u as HTMLElement).dataset.upvotes = String(n);
      parts.push(u);
    }
    const org = line.querySelector<HTMLAnchorElement>('a.org');
    if (org && meta.org && meta.orgKey) {
      const o = clone(org);
      o.textContent = meta.org;
      o.href = withBase(ctx.base, `organizations/${encodeURIComponent(meta.orgKey)}/`);
      parts.push(o);
    }
    const code = line.querySelector<HTMLAnchorElement>('a.code');
    const codeUrl = safeHref(meta.code);
    if (code && codeUrl) {
      const c = clone(code);
      c.textContent = 'Code';
      c.href = codeUrl;
      parts.push(c);
    }
    const day = line.querySelector<HTMLAnchorElement>('a.day');
    const date = meta.date ?? '';
    if (day && isIsoDate(date)) {
      const d = clone(day);
      d.href = withBase(ctx.base, dayPagePath(date));
      const time = document.createElement('time');
      time.dateTime = date;
      time.textContent = formatDate(date);
      d.replaceChildren(time);
      parts.push(d);
    }
    line.replaceChildren(...joined(parts, ' · '));
  }

  // The snippet, from the abstract only.
  const summary = li.querySelector('.summary');
  const words = snippetNodes(item);
  if (summary && words.length > 0) summary.replaceChildren(...words);
  else summary?.remove();

  const chips = li.querySelector('.topics .chips');
  const chipProto = chips?.querySelector('li');
  if (chips && chipProto && topics.length > 0) {
    chips.replaceChildren(
      ...topics.map((slug) => {
        const chip = clone(chipProto);
        const a = chip.querySelector('a');
        if (a) {
          a.textContent = ctx.topicNames[slug] ?? slug;
          a.href = withBase(ctx.base, `topics/${encodeURIComponent(slug)}/`);
          a.dataset.topic = slug;
        }
        return chip;
      }),
    );
  } else chips?.remove();
  return li;
}

/** A placeholder card the size of a result, shown while a search that the address asks for runs (no layout shift). */
export function skeletonCard(template: HTMLTemplateElement): HTMLLIElement | undefined {
  const li = template.content.firstElementChild?.cloneNode(true);
  if (!(li instanceof HTMLLIElement)) return undefined;
  li.classList.add('skeleton');
  li.setAttribute('aria-hidden', 'true');
  li.querySelector('.thumb img')?.remove();
  for (const a of Array.from(li.querySelectorAll('a'))) {
    a.removeAttribute('href');
    a.tabIndex = -1;
  }
  return li;
}
