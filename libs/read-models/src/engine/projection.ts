import type { RecordedEvent } from '#event-store';

/**
 * Where a projection keeps its documents while it applies events: synchronous reads and writes
 * of JSON documents by key. The engine loads the documents a batch needs before applying it;
 * asking for one it has not loaded makes the engine load it and apply the batch again, so a
 * projection may look up any document (an index, another unit) without knowing that in advance.
 */
export interface DocumentStore {
  get<T>(key: string): T | undefined;
  set<T>(key: string, doc: T): void;
  delete(key: string): void;
}

/**
 * A read model built from the global log. `apply` must be deterministic and use nothing but the
 * event and the documents (no clock, no I/O): a replay, a rebuild and an as-of query must all give
 * the same documents. The engine applies each event once per generation (the checkpoint moves with
 * the documents, atomically) and skips an event a document has already seen, so applying the same
 * event twice changes nothing.
 */
export interface Projection {
  /** Kebab-case, stable: it names the Redis keys and the metrics. */
  readonly name: string;
  /** Bump when `apply` changes meaning: a stored generation of another version is rebuilt. */
  readonly version: number;
  /** Cheap pre-filter: events of other types are not read into the projection at all. */
  readonly eventTypes: ReadonlySet<string>;
  /** Keys the event will touch, so they can be loaded before applying (a hint: `get` of others works too). */
  keysOf(event: RecordedEvent): readonly string[];
  apply(event: RecordedEvent, docs: DocumentStore): void;
}
