// /digest.json: the weekly digest as JSON Feed 1.1, one item per finished week with its ten most upvoted papers.
import type { APIRoute } from 'astro';
import { getArchive } from '../data/archive.ts';
import { papersOfDays, periodsOf } from '../lib/view/listings.ts';
import { base } from '../data/urls.ts';
import { loadConfig } from '../lib/config.ts';
import { DIGEST_DESCRIPTION, digestEntry, digestWeeks } from '../lib/digest.ts';
import { jsonFeedDocument } from '../lib/feeds.ts';

export const GET: APIRoute = async ({ site }) => {
  const { siteTitle, siteUrl } = loadConfig();
  const where = { site: site ?? new URL(siteUrl), base };
  const archive = await getArchive();
  const latest = archive.days[archive.days.length - 1]?.date ?? '';
  const weeks = digestWeeks(periodsOf(archive).weeks, latest, (days) => papersOfDays(archive, days));
  const feed = jsonFeedDocument(
    weeks.map((w) => digestEntry(w, where)),
    {
      ...where,
      title: `${siteTitle}: weekly digest`,
      description: DIGEST_DESCRIPTION,
      feedPath: 'digest.json',
    },
  );
  return new Response(JSON.stringify(feed, null, 2), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
};
