// Outbound links (arXiv, Hugging Face, GitHub) and the site's own paths, built only from validated input.
// Imports only ids.ts (no zod), so browser code (the 404 page's script) can use it.
import { ARXIV_NEW_ID, isArxivId, isHttpUrl, isIsoDate, isPaperId } from './ids.ts';

/** `https://arxiv.org/abs/<id>` for arXiv ids; undefined for `noid-` papers. */
export function arxivAbsUrl(id: string): string | undefined {
  return isArxivId(id) ? `https://arxiv.org/abs/${id}` : undefined;
}

/** `https://arxiv.org/pdf/<id>` for arXiv ids; undefined for `noid-` papers. */
export function arxivPdfUrl(id: string): string | undefined {
  return isArxivId(id) ? `https://arxiv.org/pdf/${id}` : undefined;
}

/** The paper's page on huggingface.co (HF only knows new-style arXiv ids, without version). */
export function hfPaperUrl(id: string): string | undefined {
  if (!ARXIV_NEW_ID.test(id)) return undefined;
  return `https://huggingface.co/papers/${id.replace(/v\d+$/, '')}`;
}

/** The URL itself when it is an absolute http(s) URL, else undefined: the only way upstream URLs become hrefs. */
export function safeHref(url: string | undefined | null): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  return isHttpUrl(trimmed) ? new URL(trimmed).href : undefined;
}

/**
 * The first GitHub repository URL in a text (an abstract's "code is at https://github.com/o/r."), as
 * `https://github.com/o/r`, or undefined. Trailing punctuation of the sentence is not part of it. No word
 * boundary before it: upstream often glues the URL to the previous word (`available athttps://github.com/o/r`).
 */
export function githubRepoInText(text: string): string | undefined {
  const m =
    /https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})/.exec(
      text,
    );
  if (!m) return undefined;
  const repo = (m[2] as string).replace(/\.git$/, '').replace(/[.]+$/, '');
  return repo ? `https://github.com/${m[1]}/${repo}` : undefined;
}

/** `owner/repo` for a GitHub repository URL; the host and path for any other http(s) URL. */
export function githubRepoLabel(url: string): string {
  const href = safeHref(url);
  if (!href) return url;
  const u = new URL(href);
  const parts = u.pathname.split('/').filter(Boolean);
  if (/^(www\.)?github\.com$/i.test(u.hostname) && parts.length >= 2) {
    return `${parts[0]}/${(parts[1] as string).replace(/\.git$/, '')}`;
  }
  return `${u.hostname}${u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '')}`;
}

/** Joins the site's base (`/` or `/repo/`) and a relative path: `withBase('/repo/', 'papers/x/')`. */
export function withBase(base: string, path: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b}${path.replace(/^\/+/, '')}`;
}

/** Base-relative path of a paper's permalink: `papers/2405.15738/`. Throws on an invalid id. */
export function paperPagePath(id: string): string {
  if (!isPaperId(id)) throw new Error(`invalid paper id ${JSON.stringify(id)}`);
  return `papers/${id}/`;
}

/** Base-relative path of a paper's BibTeX download: `papers/2405.15738/cite.bib`. */
export function paperBibPath(id: string): string {
  return `${paperPagePath(id)}cite.bib`;
}

/** Base-relative path of a day page: `papers/date/2026-08-21/`. */
export function dayPagePath(date: string): string {
  if (!isIsoDate(date)) throw new Error(`invalid date ${JSON.stringify(date)}`);
  return `papers/date/${date}/`;
}

/** Absolute URL of a base-relative path on the site (`site` is an origin, maybe with a path). */
export function absoluteUrl(site: string | URL, base: string, path: string): string {
  return new URL(withBase(base, path), site).href;
}

/**
 * The paper id a path asks for, when it has the shape of a paper permalink under `base` (`/papers/2609.01234/`,
 * `/sub/papers/hep-th/9901001`, with or without the slash, percent-encoded or not) and the id is valid; else
 * undefined. The 404 page uses it to point a missing paper to arXiv and Hugging Face.
 */
export function paperIdFromPath(pathname: string, base = '/'): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const prefix = withBase(base, 'papers/');
  if (!path.startsWith(prefix)) return undefined;
  const id = path.slice(prefix.length).replace(/\/$/, '');
  return isPaperId(id) ? id : undefined;
}
