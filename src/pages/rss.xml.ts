// /rss.xml: RSS 2.0 of the latest featured papers.
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getArchive } from '../data/archive.ts';
import { base } from '../data/urls.ts';
import { RSS_XMLNS, rssItems } from '../lib/feeds.ts';
import { loadConfig } from '../lib/config.ts';

export const GET: APIRoute = async ({ site }) => {
  const { siteTitle, siteUrl } = loadConfig();
  const { papers } = await getArchive();
  const origin = site ?? new URL(siteUrl);
  return rss({
    title: siteTitle,
    description: 'The latest papers featured on Hugging Face Daily Papers, with abstracts.',
    site: new URL(base, origin).href,
    xmlns: RSS_XMLNS,
    trailingSlash: true,
    items: rssItems(papers, { site: origin, base }),
  });
};
