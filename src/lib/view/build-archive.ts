// The archive view pages use, built from loaded entries: overrides applied, sorted, indexed (pure, no Astro).
import { githubRepoInText } from '../links.ts';
import { organizationKey } from '../organizations.ts';
import { applyOverrides, type DayManifest, type Paper } from '../paper.ts';

/** A paper as pages show it: hand corrections applied, its abstract (the entry body) and its topics. */
export interface ArchivePaper extends Paper {
  abstract: string;
  topics: string[];
  /** The organisation's key (src/lib/organizations.ts): its page is /organizations/<orgKey>/. */
  orgKey?: string;
  /** The code repository: HF's githubRepo, else the first GitHub repository URL in the abstract. */
  codeUrl?: string;
}

export interface Archive {
  /** Newest first: last featured day descending, then that day's listing order. */
  papers: ArchivePaper[];
  byId: Map<string, ArchivePaper>;
  /** Every day manifest, ascending by date. */
  days: DayManifest[];
  byDate: Map<string, DayManifest>;
  /** That day's papers in listing order (ids the archive has no file for are skipped). */
  papersOn(date: string): ArchivePaper[];
}

/** Assigns topics to a paper (the vocabulary is applied at build time, so editing it and rebuilding is enough). */
export type TopicAssigner = (paper: Paper, abstract: string) => string[];

const noTopics: TopicAssigner = (paper) => paper.overrides?.topics ?? [];

/** Pure: builds the archive view from loaded entries (exported for unit tests without Astro). */
export function buildArchive(
  entries: readonly { data: Paper; body?: string | undefined }[],
  days: readonly DayManifest[],
  assignTopics: TopicAssigner = noTopics,
): Archive {
  const byId = new Map<string, ArchivePaper>();
  for (const { data, body } of entries) {
    const abstract = (body ?? '').trim();
    const shown = applyOverrides(data);
    const paper: ArchivePaper = { ...shown, abstract, topics: assignTopics(data, abstract) };
    if (shown.organization) paper.orgKey = organizationKey(shown.organization);
    const codeUrl = shown.githubRepo ?? githubRepoInText(abstract);
    if (codeUrl) paper.codeUrl = codeUrl;
    byId.set(paper.id, paper);
  }

  const sortedDays = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const byDate = new Map(sortedDays.map((d) => [d.date, d]));

  // Position of each paper in the listing of its last featured day, for a stable "newest first" order.
  const rank = new Map<string, number>();
  for (const day of sortedDays) day.ids.forEach((id, i) => rank.set(`${day.date} ${id}`, i));
  const lastDay = (p: ArchivePaper): string => p.featured[p.featured.length - 1] ?? '';
  const papers = [...byId.values()].sort((a, b) => {
    const da = lastDay(a);
    const db = lastDay(b);
    if (da !== db) return da < db ? 1 : -1;
    const ra = rank.get(`${da} ${a.id}`) ?? Number.MAX_SAFE_INTEGER;
    const rb = rank.get(`${db} ${b.id}`) ?? Number.MAX_SAFE_INTEGER;
    return ra - rb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });

  return {
    papers,
    byId,
    days: sortedDays,
    byDate,
    papersOn(date) {
      const day = byDate.get(date);
      if (!day) return [];
      return day.ids.flatMap((id) => {
        const p = byId.get(id);
        return p ? [p] : [];
      });
    },
  };
}

/**
 * Assigns the topics of an archive built without them (the search indexer relates papers first, which needs no
 * topics, so the pages get related papers sooner). A shown paper keeps its `overrides`, so the assigner sees what
 * buildArchive would have given it.
 */
export function assignArchiveTopics(archive: Archive, assignTopics: TopicAssigner): void {
  for (const p of archive.papers) p.topics = assignTopics(p, p.abstract);
}
