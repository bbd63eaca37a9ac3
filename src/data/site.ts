// Site-wide settings for pages (title, origin), read once from src/lib/config.ts.
import { loadConfig } from '../lib/config.ts';
import { getTopicsBySlug } from './topics.ts';

const config = loadConfig();

export const siteTitle: string = config.siteTitle;
export const siteDescription =
  'A static, searchable archive of the Hugging Face Daily Papers list: every featured paper, day by day.';
/** Items per page on week, month and other long listings. */
export const PAGE_SIZE = 50;

/**
 * The site-wide part of every page's cache key (src/lib/view/cache-key.ts): what the layout, cards and topic chips
 * show besides the page's own data.
 */
export async function getSiteKey(): Promise<string> {
  const topics = await getTopicsBySlug();
  return JSON.stringify([siteTitle, config.basePath, config.siteUrl, [...topics.values()]]);
}
