import type { RecordedEvent } from '#event-store';
import type { DocumentStore, Projection } from '#read-models';
import type { CheckpointHistory, DocumentsAt } from './checkpoint-history.js';

/**
 * An in-memory document store that remembers which documents changed since the last delta was
 * taken. Over a `base` (a checkpoint's documents, shared with other replays), it copies a
 * document of the base the first time it is asked for, so the base is never changed: the
 * projections change documents in place.
 */
class TrackedStore implements DocumentStore {
  readonly docs = new Map<string, unknown>();
  private readonly changed = new Set<string>();
  /** Keys deleted here that the base still holds. */
  private readonly deleted = new Set<string>();

  constructor(private readonly tracking: boolean, private readonly base?: DocumentsAt) {}

  get<T>(key: string): T | undefined {
    const own = this.docs.get(key);
    if (own !== undefined || !this.base || this.deleted.has(key)) return own as T | undefined;
    const shared = this.base.get(key);
    if (shared === undefined) return undefined;
    const copy = copyDocument(shared);
    this.docs.set(key, copy);
    return copy as T;
  }

  set<T>(key: string, doc: T): void {
    this.docs.set(key, doc);
    this.deleted.delete(key);
    if (this.tracking) this.changed.add(key);
  }

  delete(key: string): void {
    this.docs.delete(key);
    if (this.base) this.deleted.add(key);
    if (this.tracking) this.changed.add(key);
  }

  /** The changed documents as they stand now (`null`: deleted), and a fresh start. */
  takeChanges(): [string, unknown][] {
    const changes = [...this.changed].map((key): [string, unknown] => [key, this.docs.get(key) ?? null]);
    this.changed.clear();
    return changes;
  }

  /** Every document: those of this store, then those of the base it has not copied or deleted. */
  view(): DocumentsAt {
    const { docs, base, deleted } = this;
    if (!base) return docs;
    return {
      get: (key) => (docs.has(key) || deleted.has(key) ? docs.get(key) : base.get(key)),
      forEach: (visit) => {
        docs.forEach(visit);
        base.forEach((doc, key) => {
          if (!docs.has(key) && !deleted.has(key)) visit(doc, key);
        });
      },
    };
  }
}

/**
 * A deep copy of a document (JSON data: plain objects, arrays, strings, numbers, booleans, null),
 * about seven times faster than `structuredClone` on a series document: an answer from a
 * checkpoint copies every document its events touch (tens of thousands for a directive).
 */
export function copyDocument<T>(doc: T): T {
  if (typeof doc !== 'object' || doc === null) return doc;
  if (Array.isArray(doc)) return doc.map(copyDocument) as T;
  const copy: Record<string, unknown> = {};
  for (const key in doc) {
    const value = copyDocument((doc as Record<string, unknown>)[key]);
    // JSON.parse makes `__proto__` an own property; an assignment would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    else copy[key] = value;
  }
  return copy as T;
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

  /**
   * `tracking`: remember what changed, for `takeDelta` (off for a replay that writes no
   * checkpoint: a million keys cost). `base`: each projection's documents to start from, read
   * and never changed (see `over`).
   */
  constructor(readonly projections: readonly Projection[], tracking = true, base?: (projection: string) => DocumentsAt) {
    for (const projection of projections) this.stores.set(projection.name, new TrackedStore(tracking, base?.(projection.name)));
  }

  /** The documents as of checkpoint `seq` of a decoded history, shared with it (copied on first use). */
  static over(history: CheckpointHistory, seq: number, projections: readonly Projection[], tracking = true): DirectiveDocs {
    return new DirectiveDocs(projections, tracking, (name) => history.at(name, seq));
  }

  apply(event: RecordedEvent): void {
    for (const projection of this.projections) {
      if (projection.eventTypes.has(event.type)) projection.apply(event, this.stores.get(projection.name)!);
    }
    this.applied += 1;
  }

  /** One projection's documents. */
  of(projection: string): DocumentsAt {
    const store = this.stores.get(projection);
    if (!store) throw new Error(`No documents of ${projection} in this replay`);
    return store.view();
  }

  /** The documents changed since the last delta, as JSON text: what a checkpoint stores. */
  takeDelta(): string {
    return JSON.stringify(Object.fromEntries([...this.stores].map(([name, store]) => [name, store.takeChanges()])));
  }

  /** Every document as plain data, keys sorted: for comparing two replays. */
  plain(): Record<string, Record<string, unknown>> {
    return Object.fromEntries(
      [...this.stores].map(([name, store]) => [name, Object.fromEntries(entriesOf(store.view()).sort(([a], [b]) => a.localeCompare(b)))]),
    );
  }
}

/** Every document with its key. */
export function entriesOf(docs: DocumentsAt): [string, unknown][] {
  const entries: [string, unknown][] = [];
  docs.forEach((doc, key) => entries.push([key, doc]));
  return entries;
}
