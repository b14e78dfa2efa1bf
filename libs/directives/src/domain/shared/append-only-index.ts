interface Entry<V> {
  readonly value: V;
  readonly seq: number;
}

/**
 * Where entries live: those added at `seq >= from` in `map`, earlier ones in `base` (the storage a
 * branch started from, seen up to `from`). Several indexes share one storage, each seeing the
 * entries below its own size.
 */
interface Storage<V> {
  readonly map: Map<string, Entry<V>>;
  /** Entries added so far to this storage and its base. */
  size: number;
  readonly from: number;
  readonly base?: Storage<V>;
  readonly depth: number;
}

/** Branches of branches share their bases up to this depth, then start from a copy. */
const MAX_DEPTH = 8;

/**
 * A persistent map for facts that are only ever added (reports, requests): adding returns a new
 * index in O(1) and leaves every earlier index unchanged, so deciders stay pure without copying
 * a growing collection on every event. Branches that extend the same index diverge safely: the
 * second one to add starts a storage of its own on top of the entries they share, instead of
 * copying them (an as-of answer branches from a kept snapshot of thousands of reports, each time).
 */
export class AppendOnlyIndex<V> {
  private constructor(
    private readonly storage: Storage<V>,
    readonly size: number,
  ) {}

  static empty<V>(): AppendOnlyIndex<V> {
    return new AppendOnlyIndex<V>({ map: new Map(), size: 0, from: 0, depth: 0 }, 0);
  }

  get(key: string): V | undefined {
    let limit = this.size;
    for (let storage: Storage<V> | undefined = this.storage; storage && limit > 0; storage = storage.base) {
      const entry = storage.map.get(key);
      if (entry && entry.seq < limit) return entry.value;
      limit = Math.min(limit, storage.from);
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Adds a new key. Adding a key already present is a programming error. */
  add(key: string, value: V): AppendOnlyIndex<V> {
    if (this.has(key)) throw new Error(`AppendOnlyIndex: duplicate key ${key}`);
    const storage = this.storage.size === this.size ? this.storage : this.branch();
    storage.map.set(key, { value, seq: this.size });
    storage.size = this.size + 1;
    return new AppendOnlyIndex(storage, this.size + 1);
  }

  *values(): IterableIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  /**
   * Keys beside their values, in the order they were added: what a snapshot of a state needs to
   * rebuild the index exactly (by adding them again in this order to an empty one).
   */
  *entries(): IterableIterator<[string, V]> {
    yield* entriesOf(this.storage, this.size);
  }

  /** A storage of its own on top of what this index sees (or a copy of it, past `MAX_DEPTH`). */
  private branch(): Storage<V> {
    if (this.storage.depth < MAX_DEPTH) return { map: new Map(), size: this.size, from: this.size, base: this.storage, depth: this.storage.depth + 1 };
    const map = new Map<string, Entry<V>>();
    let seq = 0;
    for (const [key, value] of this.entries()) map.set(key, { value, seq: seq++ });
    return { map, size: this.size, from: 0, depth: 0 };
  }
}

/** The entries of `storage` below `limit`, in the order added (its base's first). */
function* entriesOf<V>(storage: Storage<V>, limit: number): IterableIterator<[string, V]> {
  if (storage.base && storage.from > 0) yield* entriesOf(storage.base, Math.min(limit, storage.from));
  for (const [key, entry] of storage.map) if (entry.seq < limit) yield [key, entry.value];
}
