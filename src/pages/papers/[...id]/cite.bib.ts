// /papers/<id>/cite.bib: the paper's BibTeX entry as a download.
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../../data/archive.ts';
import { toBibtex } from '../../../lib/bibtex.ts';
import { cacheKey } from '../../../lib/view/cache-key.ts';

export const getStaticPaths = (async () => {
  const { papers } = await getArchive();
  // The entry depends on the paper alone: a daily update renders only the papers it changed.
  return papers.map((p) => ({ params: { id: p.id }, cacheKey: cacheKey('', p) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const paper = (await getArchive()).byId.get(params.id ?? '');
  if (!paper) return new Response('unknown paper', { status: 404 });
  return new Response(toBibtex(paper), {
    headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' },
  });
};
