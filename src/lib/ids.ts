// Validation of ids, dates and URLs: plain functions with no dependencies, so browser code can import them without zod.

// Every id grammar is bounded (arXiv ids at most 32 characters, noid ids 74), because an id becomes a file name:
// an unbounded one reached the file system as ENAMETOOLONG instead of being rejected as the bad input it is.

/** New-style arXiv id (`2405.15738`, `0704.0001`, optionally `v2`): YYMM with a real month, 4 or 5 digits. */
export const ARXIV_NEW_ID = /^\d{2}(0[1-9]|1[0-2])\.\d{4,5}(v[1-9]\d{0,2})?$/;
/**
 * Old-style arXiv id (`hep-th/9901001`, `math.GT/0309136`, `q-bio/0401001`, optionally `v2`): an archive name
 * (the real ones, closed since 2007, are at most 8 characters: `acc-phys`, `cond-mat`), an optional subject
 * class, then YYMM (a real month) and a 3-digit number.
 */
export const ARXIV_OLD_ID =
  /^[a-z]{1,8}(-[a-z]{1,8})?(\.[A-Z]{2})?\/\d{2}(0[1-9]|1[0-2])\d{3}(v[1-9]\d{0,2})?$/;
/**
 * Id for a paper upstream gave no arXiv id (e.g. from a text listing): `noid-<slug>-<8 hex>`, the slug at most
 * 60 characters (what `noIdFor` builds).
 */
export const NO_ID = /^noid-(?=[a-z0-9-]{1,60}-[0-9a-f]{8}$)[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{8}$/;

export function isArxivId(id: string): boolean {
  return ARXIV_NEW_ID.test(id) || ARXIV_OLD_ID.test(id);
}

export function isPaperId(id: string): boolean {
  return isArxivId(id) || NO_ID.test(id);
}

/** True for `YYYY-MM-DD` strings naming a real calendar day. */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** True for absolute http(s) URLs; everything else (javascript:, data:, relative) is rejected. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}
