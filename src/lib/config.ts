// The one place for settings: each comes from an environment variable, with defaults that suit a
// GitHub Pages project site (https://<user>.github.io/<repo>/) in Actions and the site root locally.

/** Papers per search index shard by default: Pagefind indexing ~15k papers peaks at ~2 GB (bench/README.md). */
export const DEFAULT_SHARD_PAPERS = 15_000;
/** Above this many papers the newest year is a search bundle of its own: what a daily update re-indexes. */
export const DEFAULT_HOT_PAPERS = 5_000;

export interface ArchiveConfig {
  /** Absolute origin the site is served from, e.g. `https://user.github.io`. */
  siteUrl: string;
  /** Path prefix, always with leading and trailing slash: `/` or `/repo/`. */
  basePath: string;
  siteTitle: string;
  /** Directory holding `papers/` and `days/`, relative to the project root unless absolute. */
  contentDir: string;
  /** Upstream origin for the ingest. */
  hfBaseUrl: string;
  ingestRefreshDays: number;
  ingestConcurrency: number;
  ingestRetries: number;
  /** Papers per search index shard (whole years); a larger archive gets several, merged in the browser. */
  searchShardPapers: number;
  /** Above this many papers (over more than one year) the newest year is a bundle of its own; 0 never. */
  searchHotPapers: number;
}

export type Env = Record<string, string | undefined>;

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`config ${name}=${JSON.stringify(raw)}: expected a non-negative integer`);
  return n;
}

function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export function loadConfig(env: Env = process.env): ArchiveConfig {
  // In GitHub Actions, GITHUB_REPOSITORY=owner/repo gives the Pages URL of a project site.
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const pagesDefault =
    owner && repo
      ? repo.toLowerCase() === `${owner.toLowerCase()}.github.io`
        ? { site: `https://${owner.toLowerCase()}.github.io`, base: '/' }
        : { site: `https://${owner.toLowerCase()}.github.io`, base: `/${repo}/` }
      : { site: 'http://localhost:4321', base: '/' };

  const siteUrl = (env.SITE_URL || pagesDefault.site).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+$/.test(siteUrl)) {
    throw new Error(
      `config SITE_URL=${JSON.stringify(siteUrl)}: expected an origin like https://user.github.io (put the path in BASE_PATH)`,
    );
  }
  return {
    siteUrl,
    basePath: normaliseBase(env.BASE_PATH ?? pagesDefault.base),
    siteTitle: env.SITE_TITLE || 'Daily Papers Archive',
    contentDir: env.CONTENT_DIR || 'content',
    hfBaseUrl: (env.HF_BASE_URL || 'https://huggingface.co').replace(/\/+$/, ''),
    ingestRefreshDays: positiveInt(env, 'INGEST_REFRESH_DAYS', 7),
    ingestConcurrency: Math.max(1, positiveInt(env, 'INGEST_CONCURRENCY', 2)),
    ingestRetries: positiveInt(env, 'INGEST_RETRIES', 5),
    searchShardPapers: Math.max(1, positiveInt(env, 'SEARCH_SHARD_PAPERS', DEFAULT_SHARD_PAPERS)),
    searchHotPapers: positiveInt(env, 'SEARCH_HOT_PAPERS', DEFAULT_HOT_PAPERS) || Number.POSITIVE_INFINITY,
  };
}
