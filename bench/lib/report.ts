// Figures for benchmark reports: byte sizes (KB, MB) and order statistics (median, quantile) of timings and sizes.

/** Bytes as KB (1,024), one decimal: page and request sizes. */
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Bytes as MB (1,024²); whole MB by default (sites and peaks), `digits` for small totals (a few MB of index). */
export const mb = (bytes: number, digits = 0): string => `${(bytes / 1024 / 1024).toFixed(digits)} MB`;

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The nearest-rank quantile (`q` in 0..1): the smallest value at least a share `q` of all are at or below; NaN for none. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}
