// Organisations as the archive groups them: one key per HF organisation, whatever case or spacing upstream used.
import { slug } from 'github-slugger';
import type { Organization } from './paper.ts';

/**
 * The organisation's key and URL slug: its HF handle (`name`) folded to lower case with runs of spaces and
 * separators made one dash, so `SJTU-Deng-Lab`, `SJTU-DENG-Lab` and `sjtu  deng lab` are one organisation.
 */
export function organizationKey(org: Pick<Organization, 'name'>): string {
  return slug(org.name.normalize('NFKC').replace(/\s+/g, ' ').trim()) || 'unnamed';
}
