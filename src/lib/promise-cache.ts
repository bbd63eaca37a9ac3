// Promises shared by key: each made once and handed to every caller; a rejected one is forgotten, so the next call
// makes it again (a dropped connection is not kept for the page's life). Used by the search page for its Pagefind
// instances and title shards.
export class PromiseCache<K, V> {
  private readonly entries = new Map<K, Promise<V>>();
  private readonly limit: number;

  /** `limit`: entries kept at most, the oldest dropped first. */
  constructor(limit = Infinity) {
    this.limit = limit;
  }

  /** The promise for `key` if one was made and has not failed, without making it. */
  peek(key: K): Promise<V> | undefined {
    return this.entries.get(key);
  }

  /** The promise for `key`, made by `make()` unless one is there. */
  get(key: K, make: () => Promise<V>): Promise<V> {
    let promise = this.entries.get(key);
    if (promise) return promise;
    promise = make();
    const made = promise;
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    for (const old of this.entries.keys()) if (this.entries.size > this.limit) this.entries.delete(old);
    return made;
  }
}
