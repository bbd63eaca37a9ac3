// A bounded memo for pure string functions called again and again with the same input during a build (a paper's
// title is made plain text six times for its page, its citation tags, JSON-LD and BibTeX; a date is formatted on
// every card). Hand-written, not lru-cache: it also runs in the browser (formatDate), where a dependency would cost
// more than these lines, and first-in-first-out eviction is enough for inputs that repeat close together.
export function memoize<A extends string, R>(fn: (input: A) => R, limit: number): (input: A) => R {
  const cache = new Map<A, R>();
  return (input) => {
    const hit = cache.get(input);
    if (hit !== undefined || cache.has(input)) return hit as R;
    const value = fn(input);
    if (cache.size >= limit) cache.delete(cache.keys().next().value as A);
    cache.set(input, value);
    return value;
  };
}
