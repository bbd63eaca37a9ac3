// Trend charts: papers per month counted from featured days, drawn as small inline SVG bar charts (pure, escaped).
import { countOf, formatCount, formatMonth } from './format.ts';
import { escapeHtml } from './math.ts';
import { monthKey } from './periods.ts';
import { cleanText } from './text.ts';

/** One month of a trend. `count` is null when no day of the month is archived: a gap, not a zero. */
export interface MonthCount {
  /** `2026-08`. */
  month: string;
  count: number | null;
  /** Archived days in the month (0 for a gap): a partial month reads lower than a full one. */
  days: number;
}

/**
 * Distinct papers featured in each of `months` (ascending, every month of the span, gaps included). A paper
 * featured on two days of one month counts once there; featured in two months, it counts in both.
 * `archivedDays` maps a month to its archived dates (src/data/listings.ts `periodsOf(...).months` fits).
 */
export function monthlyCounts(
  papers: readonly { readonly featured: readonly string[] }[],
  months: readonly string[],
  archivedDays: ReadonlyMap<string, readonly string[]>,
): MonthCount[] {
  const counts = new Map<string, number>();
  for (const p of papers) {
    for (const m of new Set(p.featured.map((d) => monthKey(d)))) counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  return months.map((month) => {
    const days = archivedDays.get(month)?.length ?? 0;
    return { month, count: days > 0 ? (counts.get(month) ?? 0) : null, days };
  });
}

/** The archived months' counts (gaps left out). */
function archived(counts: readonly MonthCount[]): { month: string; count: number }[] {
  return counts.flatMap((c) => (c.count === null ? [] : [{ month: c.month, count: c.count }]));
}

/** The busiest archived month (the earliest of equals), or undefined when nothing is archived. */
export function peakMonth(counts: readonly MonthCount[]): { month: string; count: number } | undefined {
  let peak: { month: string; count: number } | undefined;
  for (const c of archived(counts)) if (!peak || c.count > peak.count) peak = c;
  return peak;
}

/**
 * The chart in one sentence, for its text alternative: "Agents: 12 papers in May 2024, rising to 140 in
 * Aug 2026; peak 160 in Jul 2026; 1,234 papers in all; 2 months not archived."
 */
export function trendSummary(name: string, counts: readonly MonthCount[]): string {
  const label = cleanText(name).replace(/\s+/g, ' ').trim();
  const months = archived(counts);
  const first = months[0];
  const last = months[months.length - 1];
  const peak = peakMonth(counts);
  if (!first || !last || !peak) return `${label}: no archived months.`;
  const total = months.reduce((n, m) => n + m.count, 0);
  const at = (m: { month: string; count: number }) =>
    `${formatCount(m.count)} in ${formatMonth(m.month, 'short')}`;
  const parts: string[] = [];
  if (total === 0) {
    parts.push(
      first === last
        ? `no papers in ${formatMonth(first.month, 'short')}`
        : `no papers from ${formatMonth(first.month, 'short')} to ${formatMonth(last.month, 'short')}`,
    );
  } else if (first === last) {
    parts.push(`${countOf(first.count, 'paper')} in ${formatMonth(first.month, 'short')}`);
  } else {
    const trend = last.count > first.count ? 'rising to' : last.count < first.count ? 'falling to' : 'and';
    parts.push(
      `${countOf(first.count, 'paper')} in ${formatMonth(first.month, 'short')}, ${trend} ${at(last)}`,
    );
    if (peak.month !== first.month && peak.month !== last.month) parts.push(`peak ${at(peak)}`);
    parts.push(`${countOf(total, 'paper')} in all`);
  }
  const gaps = counts.length - months.length;
  if (gaps > 0) parts.push(`${countOf(gaps, 'month')} not archived`);
  return `${label}: ${parts.join('; ')}.`;
}

export interface TrendSvgOptions {
  /** The sentence screen readers get (role="img" + aria-label, and the SVG's <title>); escaped here. */
  label: string;
  /** viewBox height: the CSS height the chart is shown at, in px, so one unit is about one pixel. */
  height: number;
}

/** Width of one month in viewBox units, and of its bar (the rest is the gap between bars). */
const SLOT = 10;
const BAR = 8;

/** Text for an attribute or element of inline SVG in HTML (and valid XML): escaped, no control characters. */
function svgText(s: string): string {
  return escapeHtml(cleanText(s).replace(/\s+/g, ' ').trim());
}

/**
 * An inline SVG bar chart of `counts`: one bar per archived month (scaled to the busiest), a baseline under the
 * archived months (a zero month is baseline only) and a shaded band over months not archived (a gap). Each kind
 * is one <path>, coordinates are integers, colours come from `currentColor`; `preserveAspectRatio="none"` lets
 * CSS give it a fixed height at any width (no layout shift, bars stay sharp at every width).
 */
export function trendSvg(counts: readonly MonthCount[], opts: TrendSvgOptions): string {
  const h = Math.max(8, Math.round(opts.height));
  const w = Math.max(1, counts.length) * SLOT;
  const max = peakMonth(counts)?.count ?? 0;
  // Bars stand on the 1-unit baseline and reach the top at the peak; a non-zero month is at least 1 unit tall.
  const room = h - 1;
  let bars = '';
  counts.forEach((c, i) => {
    if (c.count === null || c.count === 0 || max === 0) return;
    const bh = Math.max(1, Math.round((c.count / max) * room));
    bars += `M${i * SLOT + (SLOT - BAR) / 2} ${room}v-${bh}h${BAR}v${bh}z`;
  });
  // Runs of consecutive archived months share one baseline rectangle; runs of gaps one shaded band.
  let base = '';
  let gaps = '';
  for (let i = 0; i < counts.length;) {
    const gap = counts[i]?.count === null;
    let j = i;
    while (j < counts.length && (counts[j]?.count === null) === gap) j++;
    const x = i * SLOT;
    const run = (j - i) * SLOT;
    if (gap) gaps += `M${x} 0h${run}v${h}h-${run}z`;
    else base += `M${x} ${room}h${run}v1h-${run}z`;
    i = j;
  }
  const label = svgText(opts.label);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" ` +
    `width="100%" height="${h}" role="img" aria-label="${label}" focusable="false">` +
    `<title>${label}</title>` +
    (gaps ? `<path class="gap" d="${gaps}" fill="currentColor" fill-opacity=".1"/>` : '') +
    (base ? `<path class="base" d="${base}" fill="currentColor" fill-opacity=".45"/>` : '') +
    (bars ? `<path class="bar" d="${bars}" fill="currentColor"/>` : '') +
    `</svg>`
  );
}
