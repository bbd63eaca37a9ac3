// Finds an exact author name in the author index: the one shard the name hashes to, fetched and checked.
import {
  authorShardOf,
  findAuthor,
  parseAuthorShard,
  type AuthorEntry,
  type AuthorShard,
} from '../../lib/authors.ts';

/** A shard, or undefined when the index has none at that number (no name hashes there). */
async function fetchShard(base: string, n: number): Promise<AuthorShard | undefined> {
  const url = `${base}authors/index/${n}.json`;
  const res = await fetch(url);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return parseAuthorShard(await res.json(), url);
}

/**
 * The name's entry and its shard's organisation names, or undefined when no paper lists that name. A page built
 * with another shard count than the index now has (a cached copy) learns the count from the shard and asks again.
 */
export async function lookUp(
  base: string,
  shards: number,
  name: string,
): Promise<{ entry: AuthorEntry; orgs: Record<string, string> } | undefined> {
  let shard = await fetchShard(base, authorShardOf(name, shards));
  if (shard && shard.shards !== shards) shard = await fetchShard(base, authorShardOf(name, shard.shards));
  const entry = shard && findAuthor(shard, name);
  return entry && shard ? { entry, orgs: shard.orgs } : undefined;
}
