// /data/days/<YYYY-MM-DD>.json: one archived day and all its papers' fields (schema: docs/export-schema.md).
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../../data/archive.ts';
import { base } from '../../../data/urls.ts';
import { exportDay } from '../../../lib/export.ts';
import { loadConfig } from '../../../lib/config.ts';
import { cacheKey } from '../../../lib/view/cache-key.ts';

export const getStaticPaths = (async () => {
  const archive = await getArchive();
  const site = loadConfig().siteUrl + base;
  // The export is the day and its papers' fields: a daily update writes the days whose papers changed.
  return archive.days.map((day) => ({
    params: { date: day.date },
    cacheKey: cacheKey(site, [day, archive.papersOn(day.date)]),
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const archive = await getArchive();
  const day = archive.byDate.get(params.date ?? '');
  if (!day) return new Response('not archived', { status: 404 });
  const body = exportDay(day, archive.papersOn(day.date), {
    site: site ?? new URL(loadConfig().siteUrl),
    base,
  });
  return new Response(JSON.stringify(body, null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
