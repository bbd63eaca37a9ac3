// The author index's shards (src/lib/authors.ts) for this build's archive, built once for the author page and the
// shard endpoints.
import { buildAuthorShards, type AuthorShard } from '../lib/authors.ts';
import { plainText } from '../lib/math.ts';
import { isHfHandle } from '../lib/organizations.ts';
import { getArchive } from './archive.ts';
import { getOrganizations } from './organizations.ts';

export interface AuthorIndex {
  /** Shards the names hash into (the author page needs it to pick one). */
  count: number;
  /** Only the shards that hold an author. */
  shards: Map<number, AuthorShard>;
  /** How many distinct author names the archive has. */
  authors: number;
}

let cached: Promise<AuthorIndex> | undefined;

export function getAuthorIndex(): Promise<AuthorIndex> {
  cached ??= (async () => {
    const [archive, orgs] = await Promise.all([getArchive(), getOrganizations()]);
    const { count, shards } = buildAuthorShards(
      archive.papers.map((p) => ({
        id: p.id,
        title: plainText(p.title),
        date: p.featured[p.featured.length - 1] ?? '',
        upvotes: p.upvotes,
        // Only handle-shaped accounts: the author page links them to huggingface.co as they are.
        authors: p.authors.map((a) => ({
          name: a.name,
          user: a.user && isHfHandle(a.user) ? a.user : undefined,
        })),
        orgKey: p.orgKey,
        topics: p.topics,
        thumbnail: p.thumbnail,
      })),
      (key) => orgs.byKey.get(key)?.displayName ?? key,
    );
    let authors = 0;
    for (const s of shards.values()) authors += s.authors.length;
    return { count, shards, authors };
  })();
  return cached;
}
