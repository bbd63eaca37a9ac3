// /digest.xml: the weekly digest as RSS 2.0, one item per finished week with its ten most upvoted papers.
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getArchive } from '../data/archive.ts';
import { papersOfDays, periodsOf } from '../lib/view/listings.ts';
import { base } from '../data/urls.ts';
import { loadConfig } from '../lib/config.ts';
import { DIGEST_DESCRIPTION, digestEntry, digestWeeks } from '../lib/digest.ts';
import { RSS_XMLNS, rssItem } from '../lib/feeds.ts';

export const GET: APIRoute = async ({ site }) => {
  const { siteTitle, siteUrl } = loadConfig();
  const origin = site ?? new URL(siteUrl);
  const archive = await getArchive();
  const latest = archive.days[archive.days.length - 1]?.date ?? '';
  const weeks = digestWeeks(periodsOf(archive).weeks, latest, (days) => papersOfDays(archive, days));
  return rss({
    title: `${siteTitle}: weekly digest`,
    description: DIGEST_DESCRIPTION,
    site: new URL(base, origin).href,
    xmlns: RSS_XMLNS,
    trailingSlash: true,
    items: weeks.map((w) => rssItem(digestEntry(w, { site: origin, base }))),
  });
};
