// Validation of ids, dates and URLs: plain functions with no dependencies, so browser code can import them without zod.

/** New-style arXiv id (`2405.15738`, `0704.0001`, optionally `v2`). */
export const ARXIV_NEW_ID = /^\d{4}\.\d{4,5}(v\d+)?$/;
/** Old-style arXiv id (`hep-th/9901001`, `math.GT/0309136`, optionally `v2`). */
export const ARXIV_OLD_ID = /^[a-z]+(-[a-z]+)*(\.[A-Z]{2})?\/\d{7}(v\d+)?$/;
/** Id for a paper upstream gave no arXiv id (e.g. from a text listing): `noid-<slug>-<8 hex>`. */
export const NO_ID = /^noid-[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{8}$/;

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
