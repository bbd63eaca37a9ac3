// /search/titles/<n>.json: one shard of the title lookup ([arXiv id, result metadata] pairs), for the search page of
// an archive with several search bundles (src/data/search-titles.ts). None are written for a one-bundle archive.
import type { APIRoute, GetStaticPaths } from 'astro';
import { cacheKey } from '../../../lib/view/cache-key.ts';
import { getTitleShards } from '../../../data/search-titles.ts';

export const getStaticPaths = (async () => {
  const { shards } = await getTitleShards();
  // The file is its shard's JSON and nothing else: the shard's own hash is its cache key.
  return [...shards].map(([n, shard]) => ({ params: { shard: String(n) }, cacheKey: cacheKey('', shard) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const { shards } = await getTitleShards();
  const shard = shards.get(Number(params.shard));
  if (!shard) return new Response('no such shard', { status: 404 });
  return new Response(JSON.stringify(shard), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
