// Text normalisation shared by topic assignment and related papers: lower-case word tokens with TeX/markdown
// markers stripped, hyphens folded and plurals reduced, so "Multi-Modal LLMs" and "multimodal LLM" compare equal.

/**
 * Prefixes that authors write both joined and hyphenated ("pre-training" / "pretraining"); after one of
 * these a hyphen is dropped so both spellings give one token. Every other hyphen becomes a word break.
 */
const JOINED_PREFIXES = new Set([
  'anti',
  'co',
  'inter',
  'intra',
  'mid',
  'multi',
  'non',
  'over',
  'post',
  'pre',
  're',
  'self',
  'semi',
  'sub',
  'super',
  'un',
  'under',
]);

/** Words ending in "s" that are not plurals, or whose plural rule would merge unrelated words. */
const KEEP_S = new Set([
  'alias',
  'analysis',
  'basis',
  'bias',
  'chaos',
  'consensus',
  'corpus',
  'diagnosis',
  'gas',
  'hypothesis',
  'lens',
  'news',
  'process',
  'series',
  'species',
  'status',
  'synthesis',
  'thesis',
  'various',
  'versus',
  'previous',
  'numerous',
  'continuous',
  'always',
  'perhaps',
  'less',
  'unless',
  'across',
  'towards',
  'its',
  'this',
  'thus',
  'has',
  'was',
  'is',
  'as',
  'us',
  'does',
  'yes',
]);

/**
 * Reduce an English plural to its singular with a few suffix rules. It only needs to be consistent (the
 * same function runs on vocabulary phrases and on paper text), not linguistically complete.
 */
export function stem(word: string): string {
  if (word.length <= 3 || KEEP_S.has(word) || !word.endsWith('s')) return word;
  if (/[0-9]/.test(word)) return word;
  if (/(ss|us|is|ics|ous|ess)$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(sses|xes|ches|shes|zes)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

/**
 * Plain lower-case text from an upstream title/abstract/keyword: TeX macros and math delimiters, markdown
 * emphasis and code markers, and URLs removed; hyphens folded (see JOINED_PREFIXES).
 */
export function plainText(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/https?:\/\/\S+/g, ' ')
      // \textbf{X} -> X, \mathcal{O} -> O, \emph -> ''; an escaped \$ or \% is just the character.
      .replace(/\\([a-z]+)\*?/g, ' ')
      .replace(/\\./g, ' ')
      .replace(/[$`*_^{}~#|<>[\]]/g, ' ')
      .replace(/\b([a-z]+)-(?=[a-z0-9])/g, (m, prefix: string) =>
        JOINED_PREFIXES.has(prefix) ? prefix : `${prefix} `,
      )
      .replace(/[-‐‑‒–—/]/g, ' ')
  );
}

/**
 * Word tokens in reading order, stop words kept (phrase matching needs "text to image"), plurals stemmed.
 * A token is letters/digits, and may keep an inner dot between digits ("qwen2.5", "3.5").
 */
export function words(text: string): string[] {
  const out: string[] = [];
  const push = (w: string) => {
    let s = stemmed.get(w);
    if (s === undefined) {
      s = stem(w);
      // A corpus has far fewer distinct words than words, so remembering stems pays off; bounded for safety.
      if (stemmed.size < 500_000) stemmed.set(w, s);
    }
    out.push(s);
  };
  // Splitting is much faster than a global match; the rare pieces with dots get the exact token rule.
  for (const piece of plainText(text).split(/[^a-z0-9.]+/)) {
    if (piece === '') continue;
    if (!piece.includes('.')) push(piece);
    else for (const m of piece.matchAll(/[a-z0-9]+(?:\.[0-9]+)*/g)) push(m[0]);
  }
  return out;
}

const stemmed = new Map<string, string>();

/** Common English and boilerplate words of ML abstracts that carry no topic or similarity signal. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above across after again against all almost along also although am among an and another any are
  around as at be because been before being below between both but by can could did do does doing done down
  due during each either else enough especially etc even ever every few for from further furthermore given had
  has have having he her here hers herein hence how however i if in including into is it its itself just
  like made make makes making many may me might more moreover most much must my namely near nearly neither no
  nor not now of off often on once one only onto or other others otherwise our ours out over own per perhaps
  rather respectively same several she should show shown shows since so some such than that the their theirs
  them themselves then there thereby therefore these they this those though through throughout thus to
  together too toward towards under until up upon us use used using very via was we well were what whatever
  when where whereas whether which while who whom whose why will with within without would yet you your
  paper propose proposed present presents introduce introduces novel new approach approaches method methods
  result results work study achieve achieves achieved demonstrate demonstrates existing based significant
  significantly state art sota extensive experiment experimental outperform outperforms performance improve
  improves improved improvement effective effectively framework task code available publicly github com
  https http www first two three address however specifically better best previous various different key
  able recent recently large particular thereby enable enables across upon`
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map(stem),
);

/** Content tokens for similarity: `words` without stop words, single characters or bare numbers. */
export function contentTokens(text: string): string[] {
  return words(text).filter(isContentToken);
}

/** True for a `words` token that carries meaning: not a stop word, single character or bare number. */
export function isContentToken(w: string): boolean {
  return w.length > 1 && !STOP_WORDS.has(w) && !/^[0-9.]+$/.test(w);
}
