// Organisations as the archive groups them: one key per HF organisation, whatever case or spacing upstream used.
import { createHash } from 'node:crypto';
import { slug } from 'github-slugger';
import type { Organization } from './paper.ts';

/**
 * The shape of a handle HF issues for a user or an organisation: letters, digits, `-`, `_` and `.`, starting and
 * ending with a letter or digit, no `--` or `..`, at most 96 characters.
 */
export function isHfHandle(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/.test(name) && !/--|\.\./.test(name);
}

/** The organisation's page on huggingface.co, when its name has the shape of an HF handle; else undefined. */
export function hfOrganizationUrl(name: string): string | undefined {
  return isHfHandle(name) ? `https://huggingface.co/${name}` : undefined;
}

/**
 * The organisation's key and URL slug: its HF handle (`name`) in lower case with runs of spaces and dashes made one
 * dash, so `SJTU-Deng-Lab`, `SJTU-DENG-Lab` and `sjtu  deng lab` are one organisation (HF handles are not case
 * sensitive) while `foo.bar`, `foo_bar` and `foobar`, distinct handles, stay apart. A name that is no HF handle even
 * then (hand-made or scraped data: `a/b`, `..`, `東大`) gets a readable slug plus `~` and a hash of the folded name,
 * which no handle contains: it can neither collide with a real organisation's key nor escape its directory.
 */
export function organizationKey(org: Pick<Organization, 'name'>): string {
  const folded = org.name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '-');
  if (isHfHandle(folded)) return folded;
  const readable = slug(folded)
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 48);
  const hash = createHash('sha256').update(folded).digest('hex').slice(0, 8);
  return `${readable || 'org'}~${hash}`;
}

/** What the organisation pages need of a paper (an ArchivePaper fits): newest first when passed in a list. */
export interface OrganizationPaper {
  id: string;
  organization?: Organization | undefined;
  /** Featured days, ascending: the last one is how new the paper is. */
  featured: readonly string[];
  topics: readonly string[];
}

export interface OrganizationSummary {
  key: string;
  /** The handle as most of its papers spell it (the newest spelling on a tie). */
  name: string;
  /** The full name most of its papers give (the newest on a tie); the handle when none gives one. */
  displayName: string;
  /** Other full names its papers give (those differing from the shown one only in case or spacing left out). */
  alsoListedAs: string[];
  /** https://huggingface.co/<name>, when the name is handle-shaped. */
  hfUrl?: string | undefined;
  /** Its papers, in the order given (the archive's: newest first). */
  paperIds: string[];
  /** The topics its papers have, most frequent first (ties: vocabulary-independent, by slug). */
  topics: { slug: string; count: number }[];
}

/** Occurrences of one spelling: how many papers, and the newest paper's last featured day. */
interface Tally {
  count: number;
  newest: string;
}

function tally(into: Map<string, Tally>, value: string, day: string): void {
  const t = into.get(value);
  if (t) {
    t.count++;
    if (day > t.newest) t.newest = day;
  } else into.set(value, { count: 1, newest: day });
}

/** Spellings by count, then by newest, then by code point order (so the choice is reproducible). */
function ranked(spellings: Map<string, Tally>): string[] {
  return [...spellings]
    .sort(
      ([a, ta], [b, tb]) =>
        tb.count - ta.count ||
        (ta.newest < tb.newest ? 1 : ta.newest > tb.newest ? -1 : 0) ||
        (a < b ? -1 : a > b ? 1 : 0),
    )
    .map(([s]) => s);
}

const foldForDisplay = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Every organisation of `papers`, most papers first (then by display name): its spellings merged under one key,
 * its papers in input order and the topics it publishes on.
 */
export function summarizeOrganizations(papers: readonly OrganizationPaper[]): OrganizationSummary[] {
  const groups = new Map<
    string,
    { names: Map<string, Tally>; fullnames: Map<string, Tally>; ids: string[]; topics: Map<string, number> }
  >();
  for (const p of papers) {
    const org = p.organization;
    if (!org) continue;
    const key = organizationKey(org);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { names: new Map(), fullnames: new Map(), ids: [], topics: new Map() }));
    const day = p.featured[p.featured.length - 1] ?? '';
    tally(g.names, org.name, day);
    const fullname = org.fullname?.trim();
    if (fullname) tally(g.fullnames, fullname, day);
    g.ids.push(p.id);
    for (const t of p.topics) g.topics.set(t, (g.topics.get(t) ?? 0) + 1);
  }

  const out: OrganizationSummary[] = [];
  for (const [key, g] of groups) {
    const name = ranked(g.names)[0] as string;
    const fullnames = ranked(g.fullnames);
    const displayName = fullnames[0] ?? name;
    // One entry per spelling that reads differently: `alibaba-inc` and `Alibaba-Inc` are the same name to a reader.
    const seen = new Set([foldForDisplay(displayName)]);
    const alsoListedAs = fullnames.filter((f) => {
      const folded = foldForDisplay(f);
      if (seen.has(folded)) return false;
      seen.add(folded);
      return true;
    });
    const topics = [...g.topics]
      .map(([slug, count]) => ({ slug, count }))
      .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1));
    out.push({
      key,
      name,
      displayName,
      alsoListedAs,
      hfUrl: hfOrganizationUrl(name),
      paperIds: g.ids,
      topics,
    });
  }
  return out.sort(
    (a, b) =>
      b.paperIds.length - a.paperIds.length ||
      a.displayName.localeCompare(b.displayName, 'en') ||
      (a.key < b.key ? -1 : 1),
  );
}
