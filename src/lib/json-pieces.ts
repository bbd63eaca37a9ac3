// JSON text in pieces, for files too large to hold as one string: the pieces joined are exactly JSON.stringify's
// text (tests/unit/json-pieces.test.ts). The indexer's two large files at 100k papers (related papers 96 MB, the
// stable answers 120 MB) were each made as one string at the end of the related-papers phase, where the indexer
// alone peaked (2,397 MB there, 2,245 MB just before). The effect of writing them in pieces is not measured yet.
// Hand-written rather than a streaming-JSON dependency: two levels of arrays and plain objects are all it needs, and
// each element below them is still JSON.stringify's.

/** Whether JSON.stringify writes `value` as an array element's `null` (or leaves it out of an object). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** An array or a plain object without toJSON: what is opened; anything else is JSON.stringify's whole. */
function opened(value: object): boolean {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `JSON.stringify(value)` as a sequence of strings: arrays and plain objects down to `depth` levels are opened, and
 * each of their elements below is one piece (commas and brackets in between).
 */
export function* jsonPieces(value: unknown, depth = 2): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || !opened(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      const item: unknown = value[i];
      if (omitted(item)) yield 'null';
      else yield* jsonPieces(item, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (omitted(item)) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(item, depth - 1);
  }
  yield '}';
}
