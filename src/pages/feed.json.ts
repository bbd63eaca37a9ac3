// /feed.json: JSON Feed 1.1 of the latest featured papers.
import type { APIRoute } from 'astro';
import { getArchive } from '../data/archive.ts';
import { base } from '../data/urls.ts';
import { jsonFeed } from '../lib/feeds.ts';
import { loadConfig } from '../lib/config.ts';

export const GET: APIRoute = async ({ site }) => {
  const { siteTitle, siteUrl } = loadConfig();
  const { papers } = await getArchive();
  const feed = jsonFeed(papers, {
    site: site ?? new URL(siteUrl),
    base,
    title: siteTitle,
    description: 'The latest papers featured on Hugging Face Daily Papers, with abstracts.',
  });
  return new Response(JSON.stringify(feed, null, 2), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
};
