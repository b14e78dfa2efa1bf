/**
 * A persistent map for facts that are only ever added (reports, requests): adding returns a new
 * index in O(1) and leaves every earlier index unchanged, so deciders stay pure without copying
 * a growing collection on every event. Branches that extend the same index diverge safely: the
 * second one to add copies the shared storage first.
 */
export class AppendOnlyIndex<V> {
  private constructor(
    private readonly storage: { map: Map<string, { value: V; seq: number }>; size: number },
    readonly size: number,
  ) {}

  static empty<V>(): AppendOnlyIndex<V> {
    return new AppendOnlyIndex<V>({ map: new Map(), size: 0 }, 0);
  }

  get(key: string): V | undefined {
    const entry = this.storage.map.get(key);
    return entry && entry.seq < this.size ? entry.value : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Adds a new key. Adding a key already present is a programming error. */
  add(key: string, value: V): AppendOnlyIndex<V> {
    if (this.has(key)) throw new Error(`AppendOnlyIndex: duplicate key ${key}`);
    const storage = this.storage.size === this.size ? this.storage : this.copyVisible();
    storage.map.set(key, { value, seq: this.size });
    storage.size = this.size + 1;
    return new AppendOnlyIndex(storage, this.size + 1);
  }

  *values(): IterableIterator<V> {
    for (const entry of this.storage.map.values()) if (entry.seq < this.size) yield entry.value;
  }

  /**
   * Keys beside their values, in the order they were added: what a snapshot of a state needs to
   * rebuild the index exactly (by adding them again in this order to an empty one).
   */
  *entries(): IterableIterator<[string, V]> {
    for (const [key, entry] of this.storage.map) if (entry.seq < this.size) yield [key, entry.value];
  }

  private copyVisible(): { map: Map<string, { value: V; seq: number }>; size: number } {
    const map = new Map<string, { value: V; seq: number }>();
    for (const [k, e] of this.storage.map) if (e.seq < this.size) map.set(k, e);
    return { map, size: this.size };
  }
}
