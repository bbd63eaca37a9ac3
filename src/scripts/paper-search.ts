// <paper-search>: the search page's client. Runs Pagefind in the browser and keeps query, filters and sort in the URL.
import {
  extractPaperId,
  filterKeys,
  pagefindOptions,
  parseSearchParams,
  toSearchParams,
  type SearchState,
} from '../lib/search-query.ts';

interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface PagefindResult {
  id: string;
  data(): Promise<ResultData>;
}
interface PagefindResponse {
  results: PagefindResult[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, o?: Record<string, unknown>): Promise<PagefindResponse | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

const PAGE_SIZE = 10;

/** Builds an inert copy of Pagefind's excerpt: text plus <mark> only, whatever the indexed text contained. */
function safeExcerpt(html: string): DocumentFragment {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = document.createDocumentFragment();
  for (const node of Array.from(doc.body.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) out.append(node.textContent ?? '');
    else if (node instanceof Element && node.tagName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      out.append(mark);
    } else out.append(node.textContent ?? '');
  }
  return out;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

class PaperSearch extends HTMLElement {
  private pagefind: Promise<Pagefind> | undefined;
  private form!: HTMLFormElement;
  private input!: HTMLInputElement;
  private list!: HTMLOListElement;
  private status!: HTMLElement;
  private more!: HTMLButtonElement;
  private pending: PagefindResult[] = [];
  private generation = 0;
  private topicNames: Record<string, string> = {};
  private debounce: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    this.form = this.querySelector('form')!;
    this.input = this.form.querySelector('input[name="q"]')!;
    this.list = this.querySelector('[data-results]')!;
    this.status = this.querySelector('[data-status]')!;
    this.more = this.querySelector('[data-more]')!;
    this.topicNames = JSON.parse(this.dataset.topics ?? '{}') as Record<string, string>;
    this.hidden = false;

    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.update('push');
    });
    this.form.addEventListener('change', () => this.update('push'));
    this.input.addEventListener('input', () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.update('replace'), 120);
    });
    this.more.addEventListener('click', () => void this.showMore());
    window.addEventListener('popstate', () => {
      this.writeForm(parseSearchParams(new URL(location.href).searchParams));
      void this.run();
    });

    this.writeForm(parseSearchParams(new URL(location.href).searchParams));
    void this.loadFilters();
    void this.run();
  }

  private load(): Promise<Pagefind> {
    const base = this.dataset.base ?? '/';
    this.pagefind ??= (async () => {
      const url = `${base}pagefind/pagefind.js`;
      const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
      await pf.options({ baseUrl: base, excerptLength: 24 });
      await pf.init();
      return pf;
    })();
    return this.pagefind;
  }

  private readForm(): SearchState {
    const data = new FormData(this.form);
    const params = new URLSearchParams();
    for (const [key, value] of data) if (typeof value === 'string' && value !== '') params.append(key, value);
    return parseSearchParams(params);
  }

  private writeForm(state: SearchState): void {
    this.input.value = state.q;
    for (const key of filterKeys) {
      const field = this.form.elements.namedItem(key);
      if (field instanceof HTMLSelectElement) {
        const value = state.filters[key][0] ?? '';
        if (value && !Array.from(field.options).some((o) => o.value === value)) field.add(new Option(value, value));
        field.value = value;
      } else if (field instanceof HTMLInputElement && field.type === 'checkbox') {
        field.checked = state.filters[key].includes(field.value);
      }
    }
    const sort = this.form.elements.namedItem('sort');
    if (sort instanceof HTMLSelectElement) sort.value = state.sort;
  }

  private update(mode: 'push' | 'replace'): void {
    const query = toSearchParams(this.readForm()).toString();
    const url = `${location.pathname}${query ? `?${query}` : ''}`;
    if (url !== `${location.pathname}${location.search}`) history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', url);
    void this.run();
  }

  /** Fills the filter menus with every value and its count, once. */
  private async loadFilters(): Promise<void> {
    const pf = await this.load();
    const all = await pf.filters();
    for (const key of ['topic', 'year', 'org'] as const) {
      const select = this.form.elements.namedItem(key);
      if (!(select instanceof HTMLSelectElement)) continue;
      const current = select.value;
      const values = Object.entries(all[key] ?? {}).sort((a, b) =>
        key === 'year' ? b[0].localeCompare(a[0]) : key === 'org' ? b[1] - a[1] || a[0].localeCompare(b[0]) : a[0].localeCompare(b[0]),
      );
      for (const [value, count] of values) {
        const existing = Array.from(select.options).find((o) => o.value === value);
        const label = `${key === 'topic' ? (this.topicNames[value] ?? value) : value} (${count})`;
        if (existing) existing.textContent = label;
        else select.add(new Option(label, value));
      }
      select.value = current;
    }
  }

  private async run(): Promise<void> {
    const generation = ++this.generation;
    const state = parseSearchParams(new URL(location.href).searchParams);
    const hasFilters = filterKeys.some((k) => state.filters[k].length > 0);
    this.list.replaceChildren();
    this.pending = [];
    this.more.hidden = true;
    if (!state.q && !hasFilters) {
      this.status.textContent = 'Type to search titles, authors, abstracts, arXiv ids and organizations.';
      return;
    }
    this.status.textContent = 'Searching…';
    this.setAttribute('aria-busy', 'true');
    try {
      const pf = await this.load();
      const pastedId = extractPaperId(state.q);
      const [response, exact] = await Promise.all([
        pf.search(pastedId ?? (state.q || null), pagefindOptions(state)),
        pastedId ? this.findById(pastedId) : Promise.resolve(undefined),
      ]);
      if (generation !== this.generation) return;
      let results = response?.results ?? [];
      if (exact) results = [exact, ...results.filter((r) => r.id !== exact.id)];
      this.pending = results;
      const n = results.length;
      this.status.textContent = `${n.toLocaleString('en')} ${n === 1 ? 'paper' : 'papers'} found`;
      await this.showMore(generation);
    } catch (error) {
      this.status.textContent = `Search is unavailable: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      if (generation === this.generation) this.removeAttribute('aria-busy');
    }
  }

  /** A pasted arXiv id or paper URL: the paper's own permalink, when the archive has it. */
  private async findById(id: string): Promise<PagefindResult | undefined> {
    const url = `${this.dataset.base ?? '/'}papers/${id}/`;
    const res = await fetch(url).catch(() => undefined);
    if (!res?.ok) return undefined;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const meta = (name: string) => doc.querySelector(`[data-pagefind-meta^="${name}:"]`)?.getAttribute('data-pagefind-meta')?.slice(name.length + 1);
    const data: ResultData = {
      url,
      excerpt: '',
      meta: {
        title: doc.querySelector('h1')?.textContent?.trim() ?? id,
        date: meta('date'),
        upvotes: meta('upvotes'),
        topics: meta('topics'),
      },
    };
    return { id: `exact:${id}`, data: async () => data };
  }

  private async showMore(generation = this.generation): Promise<void> {
    const batch = this.pending.splice(0, PAGE_SIZE);
    const items = await Promise.all(batch.map((r) => r.data()));
    if (generation !== this.generation) return;
    for (const item of items) this.list.append(this.renderResult(item));
    this.more.hidden = this.pending.length === 0;
    this.more.textContent = `Load ${Math.min(PAGE_SIZE, this.pending.length)} more`;
  }

  private renderResult(item: ResultData): HTMLLIElement {
    const li = el('li', 'result');
    const title = el('h2', 'result-title');
    const link = el('a', undefined, item.meta.title ?? item.url);
    link.href = item.url;
    title.append(link);
    const meta = el('p', 'result-meta');
    const bits = [item.meta.date, item.meta.upvotes !== undefined ? `▲ ${item.meta.upvotes}` : undefined].filter(Boolean);
    meta.textContent = bits.join(' · ');
    if (item.meta.topics) {
      for (const slug of item.meta.topics.split(/\s+/).filter(Boolean)) {
        meta.append(' ');
        meta.append(el('span', 'topic-chip', this.topicNames[slug] ?? slug));
      }
    }
    li.append(title, meta);
    if (item.excerpt) {
      const excerpt = el('p', 'result-excerpt');
      excerpt.append(safeExcerpt(item.excerpt));
      li.append(excerpt);
    }
    return li;
  }
}

customElements.define('paper-search', PaperSearch);
