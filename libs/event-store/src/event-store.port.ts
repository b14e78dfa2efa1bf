/**
 * The event store port: the only way the engine reads or writes history.
 *
 * Every adapter (SQLite, EventStoreDB) must pass the shared contract suite in
 * `testing/event-store.contract.ts`; nothing above this port may know which adapter runs.
 */

/** Zero-based revision of the last event in a stream (the first event has revision 0). */
export type StreamRevision = number;

/**
 * What the writer believes about the stream before appending:
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: the stream must have at least one event;
 * - `any`: no check (use sparingly: it gives up optimistic concurrency);
 * - a number: the revision of the stream's last event must be exactly that.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | StreamRevision;

/**
 * A position in the global order of all events. Opaque: each adapter has its own encoding
 * (SQLite: a decimal sequence number; EventStoreDB: commit and prepare positions). Positions
 * travel as strings so that 64-bit values never pass through JavaScript numbers. Compare them
 * only by handing them back to the same store.
 */
export type GlobalPosition = string;

/** Roles known to the engine. `system` is the engine itself (jobs, repairs). */
export type ActorRole = 'secretariat' | 'unit' | 'monitor' | 'admin' | 'system';

/** Who caused an event. Always taken from the authenticated identity, never from a request body. */
export interface EventActor {
  /** Stable subject of the identity (the token's `sub`). */
  readonly subject: string;
  readonly role: ActorRole;
  /** The unit the actor speaks for; present for role `unit`. */
  readonly unitId?: string;
  /** Display name, for audit reports. */
  readonly name?: string;
}

/** The envelope every stored event carries beside its data. */
export interface EventMetadata {
  readonly actor: EventActor;
  /** Shared by every event caused by one request or job. */
  readonly correlationId: string;
  /** Id of the event (or request) that caused this one. */
  readonly causationId?: string;
  /** The client's `Idempotency-Key`, when the request carried one. */
  readonly idempotencyKey?: string;
  /** Digest of the request that carried the idempotency key, to detect a key reused for another request. */
  readonly requestHash?: string;
  /** When the engine recorded the event: UTC ISO-8601, from the engine's clock. */
  readonly recordedAt: string;
  /**
   * Tamper evidence: `chainHash` of this event chained on the previous event of its stream
   * (`chain/chain-hash.ts`). Set by the engine before the append, stored and returned unchanged by
   * every adapter; absent on events recorded before the chain existed.
   */
  readonly hash?: string;
}

export interface EventToAppend<Type extends string = string, Data = unknown> {
  /** A UUID. Appending an event whose id the stream already holds is a no-op (see `append`). */
  readonly eventId: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends EventToAppend<Type, Data> {
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly position: GlobalPosition;
}

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextExpectedRevision: StreamRevision;
  /** Global position of the last appended event. */
  readonly position: GlobalPosition;
  /**
   * True when the store knows that nothing was written because every event id was already in the
   * stream. A store whose server deduplicates silently (EventStoreDB) may answer false for a retry.
   */
  readonly deduplicated: boolean;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default: 0 forwards, the last revision backwards. */
  readonly fromRevision?: StreamRevision;
  readonly maxCount?: number;
  readonly direction?: 'forwards' | 'backwards';
}

export interface ReadAllOptions {
  /** Exclusive start: events strictly after this position. Omitted: from the beginning. */
  readonly after?: GlobalPosition;
  /** Upper bound on the events returned. Required so that no caller loads the whole log by accident. */
  readonly maxCount: number;
}

export interface ReadAllResult {
  readonly events: readonly RecordedEvent[];
  /** True when the read reached the end of the log as it stood at the time of the read. */
  readonly isEnd: boolean;
}

export interface SubscribeToAllOptions {
  /** Exclusive start, as for `readAll`. Omitted: from the beginning. */
  readonly after?: GlobalPosition;
}

/**
 * A live, ordered feed of the global log. It first delivers history after the start position,
 * then every event appended later, each exactly once and in global order, until closed.
 * Iterating with `for await` and breaking out of the loop closes it too.
 */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends events to one stream atomically, after checking the expected revision.
   *
   * Idempotent by event id: an append retried with the same event ids and the same expected
   * revision (or `any`), as after a lost answer, is written once and resolves to the original
   * revision. Callers must not rely on more: SQLite also recognises a repeat whatever its expected
   * revision and refuses partial overlaps; EventStoreDB recognises the retry only as described.
   *
   * @throws WrongExpectedRevisionError when the stream is not at the expected revision.
   */
  append(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;

  /** Reads a stream in revision order. A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads the global log in order, in pages. */
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;

  /** Follows the global log from a position: history first, then live events. */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;

  /** Answers whether the store is reachable; used by health checks. */
  ping(): Promise<void>;

  /** Releases connections and stops live subscriptions. */
  close(): Promise<void>;
}

/** Injection token for the configured `EventStore` adapter. */
export const EVENT_STORE = Symbol.for('directive-engine.EventStore');
