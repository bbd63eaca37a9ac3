// The search page's state in the address bar and in its form: read, written, and pushed to history.
import { filterKeys, parseSearchParams, toSearchParams, type SearchState } from '../../lib/search-query.ts';

export function urlState(): SearchState {
  return parseSearchParams(new URL(location.href).searchParams);
}

/** The state the form describes (empty fields left out). */
export function readForm(form: HTMLFormElement): SearchState {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (typeof value === 'string' && value !== '') params.append(key, value);
  }
  return parseSearchParams(params);
}

/**
 * Sets the form's fields to `state`. A menu value the menu lacks (a link to a topic or year the archive no longer
 * has) is added with `label`, so the form still says what is searched.
 */
export function writeForm(
  form: HTMLFormElement,
  state: SearchState,
  label: (key: string, value: string) => string,
): void {
  const q = form.elements.namedItem('q');
  if (q instanceof HTMLInputElement) q.value = state.q;
  for (const key of filterKeys) {
    const field = form.elements.namedItem(key);
    const value = state.filters[key][0] ?? '';
    if (field instanceof HTMLSelectElement) {
      if (value && !Array.from(field.options).some((o) => o.value === value))
        field.add(new Option(label(key, value), value));
      field.value = value;
    } else if (field instanceof HTMLInputElement && field.type === 'checkbox') {
      field.checked = state.filters[key].includes(field.value);
    } else if (field instanceof HTMLInputElement) field.value = value;
  }
  const sort = form.elements.namedItem('sort');
  if (sort instanceof HTMLSelectElement) sort.value = state.sort;
}

/** How many filters are set (each filter counted once, whatever its values), for the phone's "Filters (2)". */
export function activeFilters(state: SearchState): number {
  return filterKeys.filter((k) => state.filters[k].length > 0).length;
}

/** Puts `state` in the address bar: a new history entry (`push`) or in place of the current one (`replace`). */
export function writeUrl(state: SearchState, mode: 'push' | 'replace'): void {
  const query = toSearchParams(state).toString();
  const url = `${location.pathname}${query ? `?${query}` : ''}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
