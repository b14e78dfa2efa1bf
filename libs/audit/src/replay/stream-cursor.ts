import type { EventStore, RecordedEvent } from '#event-store';

/** Reads one stream forwards in pages from a revision, one event at a time (a page is read only when needed). */
export class StreamCursor {
  private page: readonly RecordedEvent[] = [];
  private index = 0;
  private nextRevision: number;
  private exhausted = false;

  constructor(
    private readonly store: EventStore,
    readonly streamId: string,
    fromRevision: number,
    private readonly pageSize: number,
  ) {
    this.nextRevision = fromRevision;
  }

  /** The next event, not taken; `undefined` at the end of the stream as it stood when read. */
  async peek(): Promise<RecordedEvent | undefined> {
    if (this.index < this.page.length) return this.page[this.index];
    if (this.exhausted) return undefined;
    this.page = await this.store.readStream(this.streamId, { fromRevision: this.nextRevision, maxCount: this.pageSize });
    this.index = 0;
    this.exhausted = this.page.length < this.pageSize;
    if (this.page.length > 0) this.nextRevision = this.page[this.page.length - 1]!.revision + 1;
    return this.page[0];
  }

  /** The event `peek` returned, when it is already read (no I/O). */
  buffered(): RecordedEvent | undefined {
    return this.page[this.index];
  }

  take(): void {
    this.index += 1;
  }
}

/**
 * Several streams read together in recorded order (`metadata.recordedAt`, ties in the order the
 * cursors were given, then by revision). Each stream is recorded in order, so the events recorded
 * by an instant are a prefix of this order, and a checkpoint taken anywhere in it holds a prefix of
 * every stream. Cross-stream order does not change what the read models make of the events
 * (their projections are written to give the same documents in any interleaving of streams); it
 * only spreads checkpoints over time.
 */
export class RecordedOrder {
  constructor(readonly cursors: readonly StreamCursor[]) {}

  /** The next event and its cursor, not taken; `undefined` once every stream is read. */
  async peek(): Promise<{ event: RecordedEvent; cursor: StreamCursor } | undefined> {
    let best: { event: RecordedEvent; cursor: StreamCursor } | undefined;
    for (const cursor of this.cursors) {
      const event = cursor.buffered() ?? (await cursor.peek());
      if (event && (!best || event.metadata.recordedAt < best.event.metadata.recordedAt)) best = { event, cursor };
    }
    return best;
  }
}
