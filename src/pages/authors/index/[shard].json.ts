// /authors/index/<n>.json: one shard of the author index (src/lib/authors.ts): the exact names hashing to it, each
// with its papers newest first, for the author page's script.
import type { APIRoute, GetStaticPaths } from 'astro';
import { cacheKey } from '../../../lib/view/cache-key.ts';
import { getAuthorIndex } from '../../../data/authors.ts';

export const getStaticPaths = (async () => {
  const { shards } = await getAuthorIndex();
  // The file is its shard's JSON and nothing else: the shard's own hash is its cache key.
  return [...shards].map(([n, shard]) => ({ params: { shard: String(n) }, cacheKey: cacheKey('', shard) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { shards } = await getAuthorIndex();
  const shard = shards.get(Number(params.shard));
  if (!shard) return new Response('no such shard', { status: 404 });
  return new Response(JSON.stringify(shard), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
