// Site-wide settings for pages (title, origin), read once from src/lib/config.ts.
import { loadConfig } from '../lib/config.ts';

const config = loadConfig();

export const siteTitle: string = config.siteTitle;
export const siteDescription =
  'A static, searchable archive of the Hugging Face Daily Papers list: every featured paper, day by day.';
/** Items per page on week, month and other long listings. */
export const PAGE_SIZE = 50;
