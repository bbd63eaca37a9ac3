// /topics/<slug>/rss.xml: RSS 2.0 of the latest featured papers of one topic.
import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getArchive } from '../../../data/archive.ts';
import { getVocabulary } from '../../../data/topics.ts';
import { base } from '../../../data/urls.ts';
import { loadConfig } from '../../../lib/config.ts';
import { RSS_XMLNS, rssItems } from '../../../lib/feeds.ts';

export const getStaticPaths = (async () => {
  const vocab = await getVocabulary();
  return vocab.topics.map((t) => ({ params: { topic: t.slug }, props: { slug: t.slug } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props, site }) => {
  const { siteTitle, siteUrl } = loadConfig();
  const [{ papers }, vocab] = await Promise.all([getArchive(), getVocabulary()]);
  const topic = vocab.topics.find((t) => t.slug === props.slug);
  if (!topic) throw new Error(`topic feed: unknown topic ${String(props.slug)}`);
  const origin = site ?? new URL(siteUrl);
  return rss({
    title: `${siteTitle}: ${topic.name}`,
    description: topic.description,
    site: new URL(`${base}topics/${topic.slug}/`, origin).href,
    xmlns: RSS_XMLNS,
    trailingSlash: true,
    items: rssItems(
      papers.filter((p) => p.topics.includes(topic.slug)),
      { site: origin, base },
    ),
  });
};
