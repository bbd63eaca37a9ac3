// <paper-search>: the search page's client. Runs Pagefind in the browser and keeps query, filters and sort in the URL.
import { formatCount, formatDate } from '../lib/format.ts';
import {
  extractPaperId,
  filterKeys,
  hasFilters,
  hasSearch,
  pagefindOptions,
  parseSearchParams,
  perBundleOptions,
  searchStages,
  SortedMerge,
  toSearchParams,
  type SearchBundle,
  type SearchState,
} from '../lib/search-query.ts';
import { PromiseCache } from '../lib/promise-cache.ts';
import { matchTitles, normalizeTitle, titleShardOf } from '../lib/title-index.ts';

/** The part of Pagefind's browser API used here (pagefind.js is generated at build time, so untyped). */
interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}
interface PagefindResult {
  id: string;
  score?: number;
  data(): Promise<ResultData>;
}
interface PagefindResponse {
  results: PagefindResult[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  mergeIndex(bundlePath: string, o?: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  preload(term: string, o?: Record<string, unknown>): Promise<void>;
  search(term: string | null, o?: Record<string, unknown>): Promise<PagefindResponse | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
}
type Filters = Record<string, Record<string, number>>;

const PAGE_SIZE = 10;
/**
 * Short enough to feel instant; stale searches are dropped anyway (they never fetch result fragments), so this only
 * spares index work on every keystroke of a fast typist.
 */
const TYPING_DEBOUNCE_MS = 50;
/** "Searching…" is only shown (and announced) when a search is slow, so fast searches do not flicker. */
const BUSY_NOTICE_MS = 400;

/** An inert copy of Pagefind's excerpt: text plus <mark> only, whatever the indexed text contained. */
function safeExcerpt(html: string): DocumentFragment {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const out = document.createDocumentFragment();
  for (const node of Array.from(doc.body.childNodes)) {
    if (node instanceof Element && node.tagName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      out.append(mark);
    } else out.append(node.textContent ?? '');
  }
  return out;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function readJson<T = Record<string, string>>(value: string | undefined, fallback = {} as T): T {
  try {
    const parsed: unknown = JSON.parse(value ?? '');
    return parsed && typeof parsed === 'object' ? (parsed as T) : fallback;
  } catch {
    return fallback;
  }
}

/** A result whose data (one fragment fetch) is loaded at most once: merging reads it for the sort key. */
function memoised(r: PagefindResult): PagefindResult {
  let data: Promise<ResultData> | undefined;
  return { id: r.id, score: r.score, data: () => (data ??= r.data()) };
}

/** Filter counts of several instances, added up (as Pagefind's own mergeIndex does). */
function addFilters(all: Filters[]): Filters {
  const sum: Filters = {};
  for (const filters of all)
    for (const [key, values] of Object.entries(filters)) {
      const into = (sum[key] ??= {});
      for (const [value, n] of Object.entries(values)) into[value] = (into[value] ?? 0) + n;
    }
  return sum;
}

/** `2024` or `2019–2022`: the years some bundles cover (bundles are newest first, as planShards lists them). */
function yearsOf(bundles: readonly SearchBundle[]): string {
  const from = bundles.at(-1)?.from ?? '';
  const to = bundles[0]?.to ?? '';
  return from === to ? from : `${from}–${to}`;
}

/** A summary of the years searched so far: "12 papers found for “x” in 2026; <then>". */
const soFar = (summary: string, bundles: readonly SearchBundle[], then: string) =>
  `${summary.replace(/\.$/, '')} in ${yearsOf(bundles)}; ${then}`;

class PaperSearch extends HTMLElement {
  /** Pagefind over the newest bundle, and over the older years' bundles merged (a failed load is made again). */
  private pagefinds = new PromiseCache<'newest' | 'older', Pagefind>();
  private form!: HTMLFormElement;
  private input!: HTMLInputElement;
  private list!: HTMLOListElement;
  private status!: HTMLElement;
  private more!: HTMLButtonElement;
  private pending = new SortedMerge<PagefindResult>([], () => Promise.resolve(0));
  private bundles: SearchBundle[] = [];
  /** Shards of the title lookup (/search/titles/<n>.json); 0 when the archive has one search bundle. */
  private titleShards = 0;
  /** Title shards fetched (or being fetched) by number: a few recent ones are plenty while a query is refined. */
  private shardFetches = new PromiseCache<number, unknown>(8);
  private generation = 0;
  private base = '/';
  private topicNames: Record<string, string> = {};
  private orgNames: Record<string, string> = {};
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private filtersLoaded: Promise<void> | undefined;

  connectedCallback(): void {
    this.form = this.querySelector('form')!;
    this.input = this.form.querySelector('input[name="q"]')!;
    this.list = this.querySelector('[data-results]')!;
    this.status = this.querySelector('[data-status]')!;
    this.more = this.querySelector('[data-more]')!;
    this.base = this.dataset.base ?? '/';
    this.topicNames = readJson(this.dataset.topics);
    this.orgNames = readJson(this.dataset.orgs);
    this.bundles = readJson<SearchBundle[]>(this.dataset.bundles, []);
    this.titleShards = Number(this.dataset.titleShards) || 0;
    this.hidden = false;

    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(this.debounce);
      this.update('push');
    });
    // Filter and sort menus: each change is a step back/forward can return to.
    this.form.addEventListener('change', (e) => {
      if (e.target !== this.input) this.update('push');
    });
    this.input.addEventListener('input', () => {
      // Start fetching the index chunks for the typed word while the debounce runs.
      const q = this.input.value.trim();
      if (q) {
        // A pasted title, or one typed past its second word: its shard is known, and its one small request goes
        // ahead of the index chunks the preloads below ask for (for the searches findByTitle serves).
        const words = normalizeTitle(q).split(' ');
        const form = this.readForm();
        const complete = words.length > 2 || (words.length === 2 && /[^\p{L}\p{N}]$/u.test(this.input.value));
        if (complete && form.sort === 'relevance' && !hasFilters(form))
          void this.titleShard(words.join(' '))?.catch(() => undefined);
        // A failed load is reported by the search itself, not here.
        for (const pf of [this.load(), this.pagefinds.peek('older')])
          pf?.then((p) => p.preload(q)).catch(() => undefined);
      }
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        // A new search (from an empty box) gets its own history entry; refining it while typing replaces that entry.
        const before = parseSearchParams(new URL(location.href).searchParams).q.trim();
        this.update(before === '' ? 'push' : 'replace');
      }, TYPING_DEBOUNCE_MS);
    });
    this.more.addEventListener('click', () => void this.showMore(this.generation, true));
    window.addEventListener('popstate', () => {
      this.writeForm(this.urlState());
      void this.run();
    });

    const state = this.urlState();
    this.writeForm(state);
    if (!state.q) this.input.focus();
    // The menus' values and counts are a download of their own (~90 KB on the full archive) that a query does not
    // need: fetched when a reader reaches for the menus, or at once when the URL already filters.
    const menus = this.querySelector('fieldset');
    for (const type of ['focusin', 'pointerenter', 'pointerdown']) {
      menus?.addEventListener(type, () => void this.loadFilters(), { once: true });
    }
    if (hasFilters(state)) void this.loadFilters();
    // Pagefind's script, wasm and page metadata are needed by any query: fetch them before the first keystroke.
    void this.load().catch(() => undefined);
    void this.run();
  }

  private urlState(): SearchState {
    return parseSearchParams(new URL(location.href).searchParams);
  }

  /**
   * The bundle `dir`'s own pagefind.js, with `merged` bundles merged into it. Each import is a module of its own,
   * with its own web worker: two Pagefind instances in one worker share its wasm state and break each other
   * (Pagefind 1.5's createInstance does that), so the older years get a module, and a worker, of their own.
   */
  private async loadPagefind(dir: string, merged: readonly SearchBundle[]): Promise<Pagefind> {
    const url = `${this.base}${dir}/pagefind.js`;
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    const options = { baseUrl: this.base, excerptLength: 30 };
    await pf.options(options);
    await Promise.all(merged.map((b) => pf.mergeIndex(`${this.base}${b.dir}/`, options)));
    await pf.init();
    return pf;
  }

  /** Pagefind over the newest bundle (`pagefind/`, the whole index unless the archive is large). */
  private load(): Promise<Pagefind> {
    return this.pagefinds.get('newest', () => this.loadPagefind(this.bundles[0]?.dir ?? 'pagefind', []));
  }

  /**
   * Pagefind over the older years' bundles of a large archive (scripts/search-index.ts), merged into one: loaded on
   * the first search that needs them, after the newest bundle's results are on screen.
   */
  private loadOlder(): Promise<Pagefind> {
    return this.pagefinds.get('older', async () => {
      const [first, ...rest] = this.bundles.slice(1);
      if (!first) throw new Error('this archive has one search index');
      return this.loadPagefind(first.dir, rest);
    });
  }

  private readForm(): SearchState {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(this.form)) {
      if (typeof value === 'string' && value !== '') params.append(key, value);
    }
    return parseSearchParams(params);
  }

  private writeForm(state: SearchState): void {
    this.input.value = state.q;
    for (const key of filterKeys) {
      const field = this.form.elements.namedItem(key);
      if (field instanceof HTMLSelectElement) {
        const value = state.filters[key][0] ?? '';
        // A linked filter value may arrive before the menus are filled: keep it selectable.
        if (value && !Array.from(field.options).some((o) => o.value === value)) {
          field.add(new Option(this.filterLabel(key, value), value));
        }
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
    if (url !== `${location.pathname}${location.search}`) {
      if (mode === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    void this.run();
  }

  private filterLabel(key: string, value: string): string {
    if (key === 'topic') return this.topicNames[value] ?? value;
    if (key === 'org') return this.orgNames[value] ?? value;
    return value;
  }

  /** Fills the filter menus with every value and its number of papers, once. */
  private loadFilters(): Promise<void> {
    this.filtersLoaded ??= this.fillMenus();
    return this.filtersLoaded;
  }

  private async fillMenus(): Promise<void> {
    let all: Filters;
    try {
      const instances = [this.load(), ...(this.bundles.length > 1 ? [this.loadOlder()] : [])];
      all = addFilters(await Promise.all(instances.map(async (pf) => (await pf).filters())));
    } catch {
      return; // run() reports the failure.
    }
    for (const key of ['topic', 'year', 'org'] as const) {
      const select = this.form.elements.namedItem(key);
      if (!(select instanceof HTMLSelectElement)) continue;
      const current = select.value;
      const values = Object.entries(all[key] ?? {}).map(([value, count]) => ({
        value,
        count,
        label: this.filterLabel(key, value),
      }));
      // Years newest first, organizations by size, topics by name.
      values.sort((a, b) =>
        key === 'year'
          ? b.value.localeCompare(a.value)
          : key === 'org'
            ? b.count - a.count || a.label.localeCompare(b.label)
            : a.label.localeCompare(b.label),
      );
      const first = select.options[0];
      select.replaceChildren(...(first ? [first] : []));
      for (const v of values) select.add(new Option(`${v.label} (${v.count.toLocaleString('en')})`, v.value));
      if (current && !values.some((v) => v.value === current))
        select.add(new Option(`${current} (0)`, current));
      select.value = current;
    }
  }

  private setStatus(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  private async run(): Promise<void> {
    const generation = ++this.generation;
    const state = this.urlState();
    this.pending = new SortedMerge<PagefindResult>([], () => Promise.resolve(0));
    this.more.hidden = true;
    const done = () => {
      // The search this element last finished, as its canonical query string (lets tests and tools wait for it).
      this.dataset.done = toSearchParams(state).toString();
      this.removeAttribute('aria-busy');
    };
    if (!hasSearch(state)) {
      this.list.replaceChildren();
      this.setStatus('');
      done();
      return;
    }
    this.setAttribute('aria-busy', 'true');
    const busy = setTimeout(() => {
      if (generation === this.generation) this.setStatus('Searching…');
    }, BUSY_NOTICE_MS);
    try {
      await this.load();
      const pastedId = extractPaperId(state.q);
      const exact = pastedId ? await this.findById(pastedId) : undefined;
      if (generation !== this.generation) return;
      // A pasted id or paper URL that the archive has: that paper alone. Otherwise a full-text search, where an
      // unknown id still finds papers that mention it.
      if (exact) {
        this.pending = new SortedMerge([[exact]], () => Promise.resolve(0));
        if (await this.showMore(generation, false)) this.setStatus(this.summary(state, 1, pastedId, true));
        return;
      }
      const term = pastedId ?? (state.q.trim() || null);
      const stages = searchStages(this.bundles, state.filters.year);
      // Papers whose titles start with the query, on an archive of several bundles (whatever their year).
      const titled = stages.length > 1 && !pastedId ? this.findByTitle(state) : Promise.resolve([]);
      // Found by title before the newest years answer (one small fetch against a bundle's index chunks): shown at
      // once, until the newest years' results take their place.
      let stageShown = false;
      void titled.then(async (papers) => {
        const items = await Promise.all(papers.map((r) => r.data()));
        // Not once the newest years have answered, nor after the search has ended (failed) or another began.
        if (
          items.length === 0 ||
          stageShown ||
          generation !== this.generation ||
          !this.hasAttribute('aria-busy')
        )
          return;
        this.list.replaceChildren(...items.map((item) => this.renderResult(item)));
        clearTimeout(busy);
        const n = items.length === 1 ? 'One paper' : `${items.length} papers`;
        this.setStatus(`${n} found by title for “${state.q.trim()}”; searching ${yearsOf(this.bundles)}…`);
      });
      const found: PagefindResult[][] = [];
      let summary = '';
      for (const [i, stage] of stages.entries()) {
        const next = stages[i + 1];
        let older: PagefindResult[] = [];
        try {
          found.push(...(await this.searchStage(stage, term, state)));
          stageShown = true;
          if (i === 0 && next) older = await this.notIn(stage.bundles, await titled);
        } catch (error) {
          if (i === 0) throw error;
          // The newest years' results stay on screen; say which years are missing and why.
          if (generation !== this.generation) return;
          const why = error instanceof Error ? error.message : String(error);
          this.more.hidden = this.pending.remaining === 0;
          this.setStatus(
            soFar(summary, stages[i - 1]!.bundles, `${yearsOf(stage.bundles)} could not be searched: ${why}`),
          );
          break;
        }
        if (generation !== this.generation) return;
        // An older paper found by its title goes first until its own year answers (then the full ranking rules).
        this.pending = this.merged(found, state, older);
        summary = this.summary(state, this.pending.remaining - older.length, pastedId, false);
        // The newest years' results go on screen at once; the older years' are merged in when they arrive.
        if (!(await this.showMore(generation, false, next === undefined))) return;
        clearTimeout(busy);
        const byTitle =
          older.length === 0
            ? ''
            : `${older.length === 1 ? 'one older paper' : `${older.length} older papers`} by title; `;
        this.setStatus(
          next ? soFar(summary, stage.bundles, `${byTitle}searching ${yearsOf(next.bundles)}…`) : summary,
        );
      }
      if (stages.length === 0) {
        // A year filter outside the archive.
        this.list.replaceChildren();
        this.setStatus(this.summary(state, 0, pastedId, false));
      }
    } catch (error) {
      if (generation !== this.generation) return;
      this.list.replaceChildren();
      this.setStatus(`Search is unavailable: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(busy);
      if (generation === this.generation) done();
    }
  }

  /**
   * One stage's results: one list in the order Pagefind gives, or for a sorted search over several merged bundles
   * one list per bundle (see perBundleOptions).
   */
  private async searchStage(
    stage: { newest: boolean; bundles: SearchBundle[] },
    term: string | null,
    state: SearchState,
  ): Promise<PagefindResult[][]> {
    const pf = stage.newest ? await this.load() : await this.loadOlder();
    const options = pagefindOptions(state);
    const perBundle = (!stage.newest && perBundleOptions(options, stage.bundles)) || [options];
    return Promise.all(perBundle.map(async (o) => ((await pf.search(term, o))?.results ?? []).map(memoised)));
  }

  /**
   * The lists found so far as one order: by score for relevance (as Pagefind merges bundles), else by sort key.
   * `first` (papers found by title, relevance only) go before them.
   */
  private merged(
    lists: PagefindResult[][],
    state: SearchState,
    first: PagefindResult[] = [],
  ): SortedMerge<PagefindResult> {
    const options = pagefindOptions(state);
    if (!options.sort) {
      const all = lists.flat().sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
      return new SortedMerge([[...first, ...all]], () => Promise.resolve(0));
    }
    const key = options.sort.upvotes ? 'upvotes' : 'date';
    return new SortedMerge(lists, async (r) => {
      const value = (await r.data()).meta[key] ?? '';
      return key === 'upvotes' ? Number(value) || 0 : value;
    });
  }

  private summary(state: SearchState, n: number, pastedId: string | undefined, exact: boolean): string {
    if (exact && pastedId) return `Found arXiv ${pastedId} in the archive.`;
    const count = `${n.toLocaleString('en')} ${n === 1 ? 'paper' : 'papers'}`;
    const q = state.q.trim();
    const what = q ? ` for “${q}”` : '';
    const filtered = hasFilters(state) ? ' with these filters' : '';
    const missing = pastedId ? `arXiv ${pastedId} is not in the archive. ` : '';
    if (n === 0) return `${missing}No papers found${what}${filtered}.`;
    return `${missing}${count} found${what}${filtered}.`;
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

  /**
   * Papers whose titles start with the query (src/lib/title-index.ts), from one shard that carries their result
   * metadata. Only for a relevance search without filters, which the shard alone cannot honour; a failure is no
   * result, as the full-text search answers the query anyway.
   */
  private async findByTitle(state: SearchState): Promise<PagefindResult[]> {
    if (state.sort !== 'relevance' || hasFilters(state)) return [];
    const query = normalizeTitle(state.q);
    try {
      const shard = await this.titleShard(query);
      return matchTitles(shard, query)
        .filter(({ id }) => extractPaperId(id) === id)
        .map(({ id, meta }) => {
          const data: ResultData = { url: `${this.base}papers/${id}/`, excerpt: '', meta: { ...meta } };
          return { id: `title:${id}`, data: async () => data };
        });
    } catch {
      return [];
    }
  }

  /** The results not featured in `bundles`' years (by their featured date), so not among those bundles' results. */
  private async notIn(
    bundles: readonly SearchBundle[],
    results: PagefindResult[],
  ): Promise<PagefindResult[]> {
    const years = await Promise.all(results.map(async (r) => ((await r.data()).meta.date ?? '').slice(0, 4)));
    return results.filter((_, i) => !bundles.some((b) => b.from <= years[i]! && years[i]! <= b.to));
  }

  /** A pasted arXiv id or paper URL: the paper's own permalink, when the archive has it. */
  private async findById(id: string): Promise<PagefindResult | undefined> {
    const url = `${this.base}papers/${id}/`;
    const res = await fetch(url).catch(() => undefined);
    if (!res?.ok) return undefined;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const body = doc.querySelector('[data-pagefind-body]');
    if (!body) return undefined;
    const meta: Record<string, string | undefined> = {};
    for (const e of Array.from(body.querySelectorAll('[data-pagefind-meta]'))) {
      const spec = e.getAttribute('data-pagefind-meta') ?? '';
      const colon = spec.indexOf(':');
      if (colon > 0) meta[spec.slice(0, colon)] = spec.slice(colon + 1);
    }
    const abstract = doc.querySelector('.abstract p')?.textContent?.trim() ?? '';
    const excerpt = abstract.length > 200 ? `${abstract.slice(0, 200)}…` : abstract;
    const data: ResultData = { url, excerpt: excerpt.replace(/&/g, '&amp;').replace(/</g, '&lt;'), meta };
    return { id: `exact:${id}`, data: async () => data };
  }

  /**
   * Shows the next page of results: replacing the list for a new search, appending for "load more" (which then
   * moves focus to the first new result, so keyboard users continue where the new results start).
   */
  private async showMore(generation: number, append: boolean, complete = true): Promise<boolean> {
    const batch = await this.pending.take(PAGE_SIZE);
    const items = await Promise.all(batch.map((r) => r.data()));
    if (generation !== this.generation) return false;
    const rendered = items.map((item) => this.renderResult(item));
    if (append) this.list.append(...rendered);
    else this.list.replaceChildren(...rendered);
    const left = this.pending.remaining;
    // While older years are still being searched, the next results are not known yet.
    this.more.hidden = left === 0 || !complete;
    this.more.textContent = `Show ${Math.min(PAGE_SIZE, left)} more (${left.toLocaleString('en')} left)`;
    if (append) rendered[0]?.querySelector('a')?.focus();
    return true;
  }

  private renderResult(item: ResultData): HTMLLIElement {
    const li = el('li', 'result');
    const title = el('h2', 'result-title');
    const link = el('a', undefined, item.meta.title ?? item.url);
    link.href = item.url;
    title.append(link);
    li.append(title);

    const meta = el('p', 'meta');
    const date = item.meta.date;
    if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
      const time = el('time', undefined, formatDate(date));
      time.dateTime = date;
      meta.append('Featured ', time);
    }
    const upvotes = Number(item.meta.upvotes);
    if (item.meta.upvotes !== undefined && Number.isFinite(upvotes)) {
      if (meta.childNodes.length > 0) meta.append(' · ');
      const span = el('span', 'upvotes', `▲ ${formatCount(upvotes)}`);
      span.dataset.upvotes = String(upvotes);
      span.append(el('span', 'visually-hidden', ' upvotes'));
      meta.append(span);
    }
    li.append(meta);

    const slugs = (item.meta.topics ?? '').split(/\s+/).filter(Boolean);
    if (slugs.length > 0) {
      const chips = el('ul', 'chips');
      chips.setAttribute('aria-label', 'Topics');
      for (const slug of slugs) {
        const a = el('a', 'chip', this.topicNames[slug] ?? slug);
        a.href = `${this.base}topics/${encodeURIComponent(slug)}/`;
        a.dataset.topic = slug;
        const chip = el('li');
        chip.append(a);
        chips.append(chip);
      }
      li.append(chips);
    }

    if (item.excerpt) {
      const excerpt = el('p', 'excerpt');
      excerpt.append(safeExcerpt(item.excerpt));
      li.append(excerpt);
    }
    return li;
  }
}

customElements.define('paper-search', PaperSearch);
