// Everything a paper page shows that comes from other papers or days (neighbours, related papers, which featured
// days have pages), and the page's cache key for Astro's incremental builds: a hash of exactly that data.
import type { Topic } from '../topics.ts';
import type { RelatedPaper } from '../related.ts';
import { neighbours } from '../periods.ts';
import type { Archive, ArchivePaper } from './build-archive.ts';
import { cacheKey } from './cache-key.ts';

export interface PaperView {
  paper: ArchivePaper;
  /** Each featured day, and whether the archive has a page for it (a day page to link to). */
  featured: { date: string; archived: boolean }[];
  /** Previous/next paper in each archived day's listing the paper appeared in. */
  dayNeighbours: { date: string; prev?: ArchivePaper | undefined; next?: ArchivePaper | undefined }[];
  /** Up to 8 related papers, with why, shown as text: shared topics, else the strongest shared terms. */
  related: { paper: ArchivePaper; date: string; why: string }[];
}

export function paperView(
  archive: Archive,
  related: ReadonlyMap<string, readonly RelatedPaper[]>,
  topics: ReadonlyMap<string, Topic>,
  id: string,
): PaperView {
  const paper = archive.byId.get(id);
  if (!paper) throw new Error(`paper page: ${id} is not in the archive`);
  // Made twice per paper (its cache key, then its page) and not kept: a view took 26-36 us (the real archive's 9,877
  // in 257-361 ms on a busy machine), while keeping every paper's view from its cache key to its page held ~1 KB a
  // paper for the whole build (~100 MB at 100k papers).
  return makeView(archive, related, topics, paper);
}

function makeView(
  archive: Archive,
  related: ReadonlyMap<string, readonly RelatedPaper[]>,
  topics: ReadonlyMap<string, Topic>,
  paper: ArchivePaper,
): PaperView {
  const dayNeighbours = paper.featured.flatMap((date) => {
    const ids = archive.papersOn(date).map((p) => p.id);
    if (!ids.includes(paper.id)) return [];
    const { prev, next } = neighbours(ids, paper.id);
    return [
      {
        date,
        prev: prev ? archive.byId.get(prev) : undefined,
        next: next ? archive.byId.get(next) : undefined,
      },
    ];
  });
  const relatedView = (related.get(paper.id) ?? []).flatMap((r) => {
    const other = archive.byId.get(r.id);
    if (!other) return [];
    const shared = other.topics.filter((t) => paper.topics.includes(t)).map((t) => topics.get(t)?.name ?? t);
    const why =
      shared.length > 0
        ? `Shared topics: ${shared.join(', ')}`
        : `Shared terms: ${r.sharedTerms.slice(0, 3).join(', ')}`;
    return [{ paper: other, date: other.featured[other.featured.length - 1] ?? other.statsAt, why }];
  });
  return {
    paper,
    featured: paper.featured.map((date) => ({ date, archived: archive.byDate.has(date) })),
    dayNeighbours,
    related: relatedView,
  };
}

/**
 * The page's cache key: a hash of the site-wide inputs (settings, topic names: `site`) and of the view, with other
 * papers reduced to what the page shows of them (id and title), so a change elsewhere re-renders only the pages that
 * show it. Astro hashes the page's code itself. Anything the page template reads must be in the view, and so here.
 */
export function paperCacheKey(view: PaperView, site: string): string {
  const ref = (p: ArchivePaper | undefined) => (p ? [p.id, p.title] : null);
  const data = {
    paper: view.paper,
    featured: view.featured,
    dayNeighbours: view.dayNeighbours.map((n) => [n.date, ref(n.prev), ref(n.next)]),
    related: view.related.map((r) => [ref(r.paper), r.date, r.why]),
  };
  return cacheKey(site, data);
}
