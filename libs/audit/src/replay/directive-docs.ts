import type { RecordedEvent } from '#event-store';
import type { DocumentStore, Projection } from '#read-models';

/** An in-memory document store that remembers which documents changed since the last delta was taken. */
class TrackedStore implements DocumentStore {
  readonly docs = new Map<string, unknown>();
  private readonly changed = new Set<string>();

  constructor(private readonly tracking: boolean) {}

  get<T>(key: string): T | undefined {
    return this.docs.get(key) as T | undefined;
  }

  set<T>(key: string, doc: T): void {
    this.docs.set(key, doc);
    if (this.tracking) this.changed.add(key);
  }

  delete(key: string): void {
    this.docs.delete(key);
    if (this.tracking) this.changed.add(key);
  }

  /** The changed documents as they stand now (`null`: deleted), and a fresh start. */
  takeChanges(): [string, unknown][] {
    const changes = [...this.changed].map((key): [string, unknown] => [key, this.docs.get(key) ?? null]);
    this.changed.clear();
    return changes;
  }
}

/**
 * The documents of a directive's read models, replayed in memory with the projections the live
 * read models run (`apply` exactly as the runner calls it, one store per projection so that their
 * keys never meet). Projections change documents in place and then `set` them (the runner's
 * contract too), which is how the changes since the last checkpoint are known.
 */
export class DirectiveDocs {
  private readonly stores = new Map<string, TrackedStore>();
  /** Events applied since this replay started (or since its checkpoint was made). */
  applied = 0;

  /** `tracking`: remember what changed, for `takeDelta` (off for a replay that writes no checkpoint: a million keys cost). */
  constructor(readonly projections: readonly Projection[], tracking = true) {
    for (const projection of projections) this.stores.set(projection.name, new TrackedStore(tracking));
  }

  /** The documents rebuilt from a chain of deltas, oldest first (see `addDelta`). */
  static fromDeltas(projections: readonly Projection[], deltas: readonly string[], tracking = true): DirectiveDocs {
    const docs = new DirectiveDocs(projections, tracking);
    for (const text of deltas) docs.addDelta(text);
    return docs;
  }

  /** Lays one delta over the documents (rebuilding from a chain, oldest first): its documents replace those held. */
  addDelta(text: string): void {
    const delta = JSON.parse(text) as Record<string, [string, unknown][]>;
    for (const [name, changes] of Object.entries(delta)) {
      const store = this.stores.get(name);
      if (!store) throw new Error(`A checkpoint of ${name}, which this replay does not run`);
      for (const [key, doc] of changes) {
        if (doc === null) store.docs.delete(key);
        else store.docs.set(key, doc);
      }
    }
  }

  apply(event: RecordedEvent): void {
    for (const projection of this.projections) {
      if (projection.eventTypes.has(event.type)) projection.apply(event, this.stores.get(projection.name)!);
    }
    this.applied += 1;
  }

  /** One projection's documents. */
  of(projection: string): ReadonlyMap<string, unknown> {
    const store = this.stores.get(projection);
    if (!store) throw new Error(`No documents of ${projection} in this replay`);
    return store.docs;
  }

  /** The documents changed since the last delta, as JSON text: what a checkpoint stores. */
  takeDelta(): string {
    return JSON.stringify(Object.fromEntries([...this.stores].map(([name, store]) => [name, store.takeChanges()])));
  }

  /** Every document as plain data, keys sorted: for comparing two replays. */
  plain(): Record<string, Record<string, unknown>> {
    return Object.fromEntries(
      [...this.stores].map(([name, store]) => [name, Object.fromEntries([...store.docs].sort(([a], [b]) => a.localeCompare(b)))]),
    );
  }
}
