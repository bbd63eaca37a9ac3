// <paper-search>: ties the search page together: form and address bar (state.ts), the search itself
// (orchestrator.ts over pagefind.ts), result cards (render.ts), the organisation filter and the phone's filter toggle.
import { hasFilters, toSearchParams, type SearchBundle } from '../../lib/search-query.ts';
import { PromiseCache } from '../../lib/promise-cache.ts';
import { normalizeTitle, titleShardOf } from '../../lib/title-index.ts';
import { runSearch, type Hit, type SearchSource } from './orchestrator.ts';
import { textKey } from './rank.ts';
import { loadPagefind, type Pagefind } from './pagefind.ts';
import { renderCard, skeletonCard, type CardContext } from './render.ts';
import { activeFilters, readForm, urlState, writeForm, writeUrl } from './state.ts';
import type { SortedMerge } from '../../lib/search-query.ts';

const PAGE_SIZE = 10;
/**
 * Short enough to feel instant; stale searches are dropped anyway (they never fetch result fragments), so this only
 * spares index work on every keystroke of a fast typist.
 */
const TYPING_DEBOUNCE_MS = 50;
/** "Searching…" is only shown (and announced) when a search is slow, so fast searches do not flicker. */
const BUSY_NOTICE_MS = 400;
/** Placeholder cards while the first results of a linked search load: about a screen of them. */
const SKELETONS = 4;

function readJson<T>(value: string | undefined, fallback: T): T {
  try {
    const parsed: unknown = JSON.parse(value ?? '');
    return parsed && typeof parsed === 'object' ? (parsed as T) : fallback;
  } catch {
    return fallback;
  }
}

/** An organisation of the filter: key, name as its page gives it, papers. */
type OrgEntry = [key: string, name: string, papers: number];

class PaperSearch extends HTMLElement {
  private pagefinds = new PromiseCache<'newest' | 'older', Pagefind>();
  /** Title shards fetched (or being fetched) by number: a few recent ones are plenty while a query is refined. */
  private shardFetches = new PromiseCache<number, unknown>(8);
  private form!: HTMLFormElement;
  private input!: HTMLInputElement;
  private list!: HTMLOListElement;
  private status!: HTMLElement;
  private more!: HTMLButtonElement;
  private template!: HTMLTemplateElement;
  private orgName: HTMLInputElement | null = null;
  private orgKey: HTMLInputElement | null = null;
  private orgs: PromiseCache<'all', OrgEntry[]> = new PromiseCache();
  private bundles: SearchBundle[] = [];
  private titleShards = 0;
  private cacheTag = '';
  private base = '/';
  private ctx!: CardContext;
  private pending: SortedMerge<Hit> | undefined;
  private generation = 0;
  private debounce: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    this.form = this.querySelector('form')!;
    this.input = this.form.querySelector('input[name="q"]')!;
    this.list = this.querySelector('[data-results]')!;
    this.status = this.querySelector('[data-status]')!;
    this.more = this.querySelector('[data-more]')!;
    this.template = this.querySelector('template[data-card]')!;
    this.orgName = this.querySelector('[data-org-name]');
    this.orgKey = this.form.querySelector('input[name="org"]');
    this.base = this.dataset.base ?? '/';
    this.bundles = readJson<SearchBundle[]>(this.dataset.bundles, []);
    this.titleShards = Number(this.dataset.titleShards) || 0;
    this.cacheTag = this.dataset.cacheTag ?? '';
    this.ctx = { base: this.base, topicNames: readJson(this.dataset.topics, {}) };

    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(this.debounce);
      void this.syncOrg().then(() => this.update('push'));
    });
    // Filter and sort menus: each change is a step back/forward can return to.
    this.form.addEventListener('change', (e) => {
      if (e.target === this.input) return;
      if (e.target === this.orgName) void this.syncOrg().then((ok) => ok && this.update('push'));
      else this.update('push');
    });
    this.input.addEventListener('input', () => this.typed());
    this.more.addEventListener('click', () => void this.showMore(this.generation, true));
    window.addEventListener('popstate', () => {
      this.writeForm();
      void this.run();
    });
    this.setUpFilterToggle();
    if (this.orgName) {
      // The organisations and their counts are a download of their own (~10 KB), needed once the box is used.
      for (const type of ['focus', 'pointerenter'])
        this.orgName.addEventListener(type, () => void this.loadOrgs(), { once: true });
    }

    const state = urlState();
    this.writeForm();
    if (!state.q) this.input.focus();
    // A search the address asks for: placeholders the size of its first results, so they replace rather than push.
    if (state.q.trim() || hasFilters(state)) this.showSkeletons();
    // Pagefind's script, wasm and page metadata are needed by any query: fetched before the first keystroke.
    void this.newest().catch(() => undefined);
    void this.run();
  }

  private source(): SearchSource {
    return {
      bundles: this.bundles,
      base: this.base,
      newest: () => this.newest(),
      older: () => this.older(),
      titleShard: (q) => this.titleShard(q),
    };
  }

  /** Pagefind over the newest bundle (`pagefind/`, the whole index unless the archive is large). */
  private newest(): Promise<Pagefind> {
    return this.pagefinds.get('newest', () =>
      loadPagefind(this.base, this.bundles[0]?.dir ?? 'pagefind', [], this.cacheTag),
    );
  }

  /** Pagefind over the older years' bundles merged into one: loaded on the first search that needs them. */
  private older(): Promise<Pagefind> {
    return this.pagefinds.get('older', async () => {
      const [first, ...rest] = this.bundles.slice(1);
      if (!first) throw new Error('this archive has one search index');
      return loadPagefind(
        this.base,
        first.dir,
        rest.map((b) => b.dir),
        this.cacheTag,
      );
    });
  }

  /** The title shard of a normalized query, fetched once (a failed fetch is made again next time). */
  private titleShard(query: string): Promise<unknown> | undefined {
    const shard = titleShardOf(query, this.titleShards);
    if (this.titleShards === 0 || shard === undefined) return undefined;
    return this.shardFetches.get(shard, async () => {
      const res = await fetch(`${this.base}search/titles/${shard}.json`);
      if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status}`);
      return res.json() as Promise<unknown>;
    });
  }

  private typed(): void {
    const q = this.input.value.trim();
    if (q) {
      // A pasted title, or one typed past its second word: its title shard's one small request goes ahead of the
      // index chunks the preloads ask for.
      const words = normalizeTitle(q).split(' ');
      const form = readForm(this.form);
      const complete = words.length > 2 || (words.length === 2 && /[^\p{L}\p{N}]$/u.test(this.input.value));
      if (complete && form.sort === 'relevance' && !hasFilters(form))
        void this.titleShard(words.join(' '))?.catch(() => undefined);
      // A failed load is reported by the search itself, not here.
      for (const pf of [this.newest(), this.pagefinds.peek('older')])
        pf?.then((p) => p.preload(q)).catch(() => undefined);
    }
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      // A new search (from an empty box) gets its own history entry; refining it while typing replaces that entry.
      this.update(urlState().q.trim() === '' ? 'push' : 'replace');
    }, TYPING_DEBOUNCE_MS);
  }

  private update(mode: 'push' | 'replace'): void {
    writeUrl(readForm(this.form), mode);
    void this.run();
  }

  private writeForm(): void {
    const state = urlState();
    writeForm(this.form, state, (_key, value) => value);
    if (this.orgName) {
      const key = state.filters.org[0];
      this.orgName.value = key ?? '';
      // The name for a linked key, once the list is there.
      if (key) void this.loadOrgs().then((all) => this.showOrgName(all, key));
    }
    this.countFilters();
  }

  // ---------- the organisation filter ----------

  private loadOrgs(): Promise<OrgEntry[]> {
    return this.orgs.get('all', async () => {
      const res = await fetch(`${this.base}search/organizations.json`);
      if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status}`);
      const raw: unknown = await res.json();
      const all = Array.isArray(raw)
        ? raw.filter(
            (e): e is OrgEntry =>
              Array.isArray(e) &&
              typeof e[0] === 'string' &&
              typeof e[1] === 'string' &&
              typeof e[2] === 'number',
          )
        : [];
      const list = document.getElementById(this.orgName?.getAttribute('list') ?? '');
      if (list instanceof HTMLDataListElement)
        list.replaceChildren(
          ...all.map(([, name, n]) => {
            const o = document.createElement('option');
            o.value = name;
            o.label = `${n.toLocaleString('en')} ${n === 1 ? 'paper' : 'papers'}`;
            return o;
          }),
        );
      return all;
    });
  }

  private showOrgName(all: readonly OrgEntry[], key: string): void {
    if (this.orgName && this.orgKey?.value === key)
      this.orgName.value = all.find((o) => o[0] === key)?.[1] ?? key;
  }

  /**
   * The name picked or typed in the organisation box made the filter (its key), or the filter cleared with the box;
   * false for a name the archive does not have (the filter is then left as it was, and the box says so).
   */
  private async syncOrg(): Promise<boolean> {
    if (!this.orgName || !this.orgKey) return false;
    const typed = this.orgName.value.trim().toLowerCase();
    const all = typed ? await this.loadOrgs().catch(() => []) : [];
    const found = all.find((o) => o[1].toLowerCase() === typed || o[0] === typed);
    this.orgName.setCustomValidity(typed && !found ? 'No organisation of that name in the archive' : '');
    if (typed && !found) return false;
    this.orgKey.value = found?.[0] ?? '';
    if (found) this.orgName.value = found[1];
    return true;
  }

  // ---------- the phone's filter toggle ----------

  private setUpFilterToggle(): void {
    const toggle = this.querySelector<HTMLButtonElement>('[data-filters-toggle]');
    toggle?.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
    });
  }

  private countFilters(): void {
    const n = activeFilters(urlState());
    const count = this.querySelector('[data-filter-count]');
    if (count) count.textContent = n > 0 ? ` (${n})` : '';
  }

  // ---------- searching ----------

  private setStatus(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  private showSkeletons(): void {
    const cards = Array.from({ length: SKELETONS }, () => skeletonCard(this.template)).filter(
      (c): c is HTMLLIElement => c !== undefined,
    );
    this.list.replaceChildren(...cards);
  }

  private async run(): Promise<void> {
    const generation = ++this.generation;
    const state = urlState();
    this.countFilters();
    this.pending = undefined;
    this.more.hidden = true;
    this.setAttribute('aria-busy', 'true');
    const busy = setTimeout(() => {
      if (generation === this.generation) this.setStatus('Searching…');
    }, BUSY_NOTICE_MS);
    try {
      for await (const step of runSearch(state, this.source())) {
        if (generation !== this.generation) return;
        this.pending = step.results;
        if (!(await this.showMore(generation, false, step.done))) return;
        clearTimeout(busy);
        this.setStatus(step.status);
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.list.replaceChildren();
      this.setStatus(`Search is unavailable: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(busy);
      if (generation === this.generation) {
        // The search this element last finished, as its canonical query string (lets tests and tools wait for it).
        this.dataset.done = toSearchParams(state).toString();
        this.removeAttribute('aria-busy');
      }
    }
  }

  /**
   * Shows the next page of results: replacing the list for a new search, appending for "load more" (which then
   * moves focus to the first new result, so keyboard users continue where the new results start).
   */
  private async showMore(generation: number, append: boolean, complete = true): Promise<boolean> {
    const pending = this.pending;
    if (!pending) return true;
    const batch = await pending.take(PAGE_SIZE);
    const items = await Promise.all(batch.map((r) => r.data()));
    if (generation !== this.generation) return false;
    const ctx = { ...this.ctx, queryKey: textKey(urlState().q) };
    const rendered = items
      .map((item) => renderCard(this.template, item, ctx))
      .filter((li): li is HTMLLIElement => li !== undefined);
    if (append) this.list.append(...rendered);
    else this.list.replaceChildren(...rendered);
    const left = pending.remaining;
    // While older years are still being searched, the next results are not known yet.
    this.more.hidden = left === 0 || !complete;
    this.more.textContent = `Show ${Math.min(PAGE_SIZE, left)} more (${left.toLocaleString('en')} left)`;
    if (append) rendered[0]?.querySelector<HTMLElement>('.paper-title a')?.focus();
    return true;
  }
}

customElements.define('paper-search', PaperSearch);
