// /data/index.json: every archived day with its status, count and export file (schema: docs/export-schema.md).
import type { APIRoute } from 'astro';
import { getArchive } from '../../data/archive.ts';
import { base } from '../../data/urls.ts';
import { exportIndex } from '../../lib/export.ts';

export const GET: APIRoute = async () => {
  const { days, papers } = await getArchive();
  return new Response(JSON.stringify(exportIndex(days, { base, papers: papers.length }), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
