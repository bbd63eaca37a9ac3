// <author-papers>: the author page's client. Reads ?name=, fetches the one index shard that name hashes to and lists
// that author's papers as cards, newest first; everything from the data goes in as text.
import type { AuthorEntry } from '../../lib/authors.ts';
import { countOf } from '../../lib/format.ts';
import { base, searchHref } from '../../data/urls.ts';
import { fillCard, type CardContext } from './card.ts';
import { lookUp } from './lookup.ts';

/** Cards added at a time: an author with hundreds of papers should not cost hundreds of thumbnails up front. */
const BATCH = 60;

function readJson(value: string | undefined): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(value ?? '');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The name as text in a <bdi>: a right-to-left name must not reorder the sentence around it. */
function isolated(text: string): HTMLElement {
  const bdi = document.createElement('bdi');
  bdi.textContent = text;
  return bdi;
}

class AuthorPapers extends HTMLElement {
  private piece<T extends HTMLElement = HTMLElement>(name: string): T | null {
    return this.querySelector<T>(`[data-${name}]`);
  }

  connectedCallback(): void {
    const name = new URLSearchParams(location.search).get('name');
    if (name === null || name.trim() === '') return;
    void this.show(name);
  }

  private async show(name: string): Promise<void> {
    const heading = this.piece('heading');
    const status = this.piece('status');
    const intro = this.piece('intro');
    if (intro) intro.hidden = true;
    if (heading) heading.replaceChildren(isolated(name));
    document.title = `${name} · ${this.dataset.siteTitle ?? ''}`.replace(/ · $/, '');
    if (status) status.textContent = 'Looking up papers…';
    this.setAttribute('aria-busy', 'true');

    const searchLink = this.piece<HTMLAnchorElement>('search-link');
    if (searchLink) searchLink.href = `${searchHref()}?q=${encodeURIComponent(name)}`;

    let found: Awaited<ReturnType<typeof lookUp>>;
    try {
      found = await lookUp(base, Number(this.dataset.shards) || 1, name);
    } catch (e) {
      if (status)
        status.textContent = `The author index could not be loaded (${(e as Error).message}). Reload to try again.`;
      this.done('error');
      return;
    }
    if (!found) {
      status?.replaceChildren(
        'No paper in the archive lists an author named exactly “',
        isolated(name),
        '”.',
      );
      this.piece('search-row')?.removeAttribute('hidden');
      this.done('missing');
      return;
    }

    const [, papers, users = []] = found.entry;
    if (status) status.textContent = `${countOf(papers.length, 'paper')} in the archive, newest first.`;
    this.showHandles(users);
    this.showPapers(papers, { topicNames: readJson(this.dataset.topics), orgNames: found.orgs });
    this.done('found');
  }

  /** How the lookup ended, for styles and tests: `found`, `missing` or `error`. */
  private done(state: string): void {
    this.removeAttribute('aria-busy');
    this.dataset.state = state;
  }

  /** The HF accounts that claimed any of these papers (the build keeps only handle-shaped ones). */
  private showHandles(users: readonly string[]): void {
    const box = this.piece('handles');
    if (!box || users.length === 0) return;
    const parts: Node[] = [document.createTextNode('On Hugging Face: ')];
    users.forEach((u, i) => {
      if (i > 0) parts.push(document.createTextNode(', '));
      const a = document.createElement('a');
      a.href = `https://huggingface.co/${encodeURIComponent(u)}`;
      a.rel = 'noopener';
      a.textContent = `@${u}`;
      parts.push(a);
    });
    box.replaceChildren(...parts);
    box.hidden = false;
  }

  private showPapers(papers: AuthorEntry[1], ctx: CardContext): void {
    const template = this.piece<HTMLTemplateElement>('card');
    const results = this.piece('results');
    const list = template?.content.querySelector('ol')?.cloneNode(true) as HTMLOListElement | undefined;
    const item = list?.querySelector('li');
    if (!results || !list || !item) return;
    list.replaceChildren();
    // The cards' titles are h3s, as in the listings: an h2 keeps the outline without skipping a level.
    const heading = document.createElement('h2');
    heading.className = 'visually-hidden';
    heading.textContent = 'Papers';
    results.replaceChildren(heading, list);
    const moreRow = this.piece('more-row');
    const more = this.piece<HTMLButtonElement>('more');
    let shown = 0;
    const addBatch = () => {
      const next = papers.slice(shown, shown + BATCH);
      list.append(...next.map((p) => fillCard(item, p, ctx)));
      shown += next.length;
      if (moreRow) moreRow.hidden = shown >= papers.length;
      if (more) more.textContent = `Show more papers (${papers.length - shown} left)`;
    };
    more?.addEventListener('click', () => {
      const first = shown;
      addBatch();
      // Keyboard users land on the first paper just added, not back at the top of the list.
      list.children[first]?.querySelector<HTMLAnchorElement>('.paper-title a')?.focus();
    });
    addBatch();
  }
}

customElements.define('author-papers', AuthorPapers);
