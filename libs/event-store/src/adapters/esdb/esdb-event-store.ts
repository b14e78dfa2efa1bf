import { BACKWARDS, END, EventStoreDBClient, FORWARDS, START, StreamNotFoundError, type Position } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../../event-store.errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  GlobalPosition,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../../event-store.port.js';
import { decodePosition, encodePosition, fromRecorded, isSystemEvent, toEventData, toExpectedRevision, toPortError } from './esdb-mapping.js';
import { EsdbAllSubscription, type ResubscribeOptions } from './esdb-subscription.js';

export interface EsdbEventStoreOptions {
  /** `esdb://host:2113?tls=false` for a single node, `esdb+discover://…` for a cluster. */
  readonly connectionString: string;
  readonly logger?: { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void };
  /** How live subscriptions come back after a drop. Default: 100 ms doubling up to 5 s. */
  readonly resubscribe?: Partial<Omit<ResubscribeOptions, 'logger'>>;
}

/**
 * The event store on EventStoreDB, through its gRPC client.
 *
 * Guarantees (the port's contract): optimistic concurrency per stream through expected revisions
 * (a `WrongExpectedVersionError`, also with its `"no_stream"` actual version, becomes
 * `WrongExpectedRevisionError`); the event id is the port's event id, so the server recognises a
 * retried append; a stream that does not exist reads as empty; `$all` is read and followed with
 * EventStoreDB's system events left out; live subscriptions resubscribe from their last position
 * when they drop.
 *
 * Caveats: the server deduplicates a retry silently, so `deduplicated` is always false here;
 * EventStoreDB's `$ce-<category>` streams need its system projections enabled
 * (`EVENTSTORE_RUN_PROJECTIONS=System`, `EVENTSTORE_START_STANDARD_PROJECTIONS=true`).
 */
export class EsdbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbAllSubscription>();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions,
  ) {}

  /** Connects and checks that the server answers. Rejects with `EventStoreUnavailableError`. */
  static async open(options: EsdbEventStoreOptions): Promise<EsdbEventStore> {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(options.connectionString);
    } catch (cause) {
      throw new EventStoreUnavailableError(`invalid EventStoreDB connection string: ${(cause as Error).message}`, { cause });
    }
    const store = new EsdbEventStore(client, options);
    try {
      await store.ping();
    } catch (error) {
      await client.dispose();
      throw error;
    }
    return store;
  }

  async append(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    if (events.length === 0) throw new RangeError(`append to ${streamId} needs at least one event`);
    const { expectedRevision } = options;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), { expectedRevision: toExpectedRevision(expectedRevision) });
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      const position = result.position ?? (await this.positionOf(streamId, nextExpectedRevision));
      return { nextExpectedRevision, position: encodePosition(position), deduplicated: false };
    } catch (error) {
      throw toPortError(error, streamId, expectedRevision);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const fromRevision = options.fromRevision === undefined ? (backwards ? END : START) : BigInt(options.fromRevision);
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, { fromRevision, direction: backwards ? BACKWARDS : FORWARDS, maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER });
      for await (const { event } of read) {
        if (!event) continue;
        if (!event.position) throw new EventStoreUnavailableError('EventStoreDB returned a stream event without its position: the server is too old (22.10 or later is needed)');
        events.push(fromRecorded(event, event.position));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      if (error instanceof EventStoreUnavailableError) throw error;
      throw toPortError(error, streamId, 'any');
    }
    return events;
  }

  /**
   * Reads `$all` after a position, leaving system events out. EventStoreDB reads from a position
   * inclusively, so the event at `after` itself is skipped; pages are read until `maxCount` events
   * of ours are found or the log ends.
   */
  async readAll({ after, maxCount }: ReadAllOptions): Promise<ReadAllResult> {
    this.assertOpen();
    const found: RecordedEvent[] = [];
    let from: Position | typeof START = after === undefined ? START : decodePosition(after);
    for (;;) {
      const page = await this.readAllPage(from, maxCount + 2);
      for (const event of page.events) {
        if (event.position === after || isSystemEvent(event)) continue;
        found.push(event);
      }
      if (found.length > maxCount || page.ended) return { events: found.slice(0, maxCount), isEnd: found.length <= maxCount };
      from = decodePosition(page.last!);
      after = page.last;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const resubscribe = { initialDelayMs: 100, maxDelayMs: 5000, ...this.options.resubscribe, logger: this.options.logger };
    const subscription = new EsdbAllSubscription(this.client, options.after, resubscribe, (closed) => this.subscriptions.delete(closed));
    if (this.closed) void subscription.close();
    else this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    try {
      // Read to the end (one event): leaving the loop early would leave the call open on the server.
      for await (const _ of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) continue;
    } catch (cause) {
      throw new EventStoreUnavailableError(`EventStoreDB does not answer: ${(cause as Error).message}`, { cause });
    }
  }

  /** Ends live subscriptions and releases the client's connections. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  private async readAllPage(from: Position | typeof START, count: number) {
    const events: RecordedEvent[] = [];
    let last: GlobalPosition | undefined;
    let raw = 0;
    try {
      for await (const { event } of this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: count })) {
        raw += 1;
        if (!event) continue;
        const recorded = fromRecorded(event, event.position);
        last = recorded.position;
        events.push(recorded);
      }
    } catch (error) {
      throw toPortError(error, '$all', 'any');
    }
    return { events, last, ended: raw < count };
  }

  /** The position of an event, for a server that answered an append without one. */
  private async positionOf(streamId: string, revision: number): Promise<Position> {
    let position: Position | undefined;
    for await (const { event } of this.client.readStream(streamId, { fromRevision: BigInt(revision), maxCount: 1 })) position ??= event?.position;
    if (position) return position;
    throw new EventStoreUnavailableError(`EventStoreDB did not report the position of ${streamId}@${revision}`);
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('store is closed');
  }
}
