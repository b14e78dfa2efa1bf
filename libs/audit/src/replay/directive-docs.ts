import type { RecordedEvent } from '#event-store';
import type { DocumentStore, Projection } from '#read-models';

/** An in-memory document store that remembers which documents changed since the last delta was taken. */
class TrackedStore implements DocumentStore {
  readonly docs = new Map<string, unknown>();
  private readonly changed = new Set<string>();

  get<T>(key: string): T | undefined {
    return this.docs.get(key) as T | undefined;
  }

  set<T>(key: string, doc: T): void {
    this.docs.set(key, doc);
    this.changed.add(key);
  }

  delete(key: string): void {
    this.docs.delete(key);
    this.changed.add(key);
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

  constructor(readonly projections: readonly Projection[]) {
    for (const projection of projections) this.stores.set(projection.name, new TrackedStore());
  }

  /** The documents rebuilt from a chain of deltas, oldest first (a later delta's document replaces an earlier one). */
  static fromDeltas(projections: readonly Projection[], deltas: readonly string[]): DirectiveDocs {
    const docs = new DirectiveDocs(projections);
    for (const text of deltas) {
      const delta = JSON.parse(text) as Record<string, [string, unknown][]>;
      for (const [name, changes] of Object.entries(delta)) {
        const store = docs.stores.get(name)!.docs;
        for (const [key, doc] of changes) {
          if (doc === null) store.delete(key);
          else store.set(key, doc);
        }
      }
    }
    return docs;
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
