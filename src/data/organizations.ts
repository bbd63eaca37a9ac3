// The archive's organisations (src/lib/organizations.ts), summarised once per build for their pages and the index.
import { summarizeOrganizations, type OrganizationSummary } from '../lib/organizations.ts';
import { getArchive } from './archive.ts';

export type { OrganizationSummary } from '../lib/organizations.ts';

export interface Organizations {
  /** Most papers first. */
  list: OrganizationSummary[];
  byKey: Map<string, OrganizationSummary>;
}

let cached: Promise<Organizations> | undefined;

export function getOrganizations(): Promise<Organizations> {
  cached ??= (async () => {
    const list = summarizeOrganizations((await getArchive()).papers);
    return { list, byKey: new Map(list.map((o) => [o.key, o])) };
  })();
  return cached;
}
