// /search/organizations.json: the organisation filter's values for the search page, fetched when its box is first
// used: [key, name, papers] per organisation, most papers first, keys and names as the organisation pages have them.
import type { APIRoute } from 'astro';
import { getOrganizations } from '../../data/organizations.ts';

export const GET: APIRoute = async () => {
  const { list } = await getOrganizations();
  const entries = list.map((o) => [o.key, o.displayName, o.paperIds.length] as const);
  return new Response(JSON.stringify(entries), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
