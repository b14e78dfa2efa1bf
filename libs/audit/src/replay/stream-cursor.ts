import type { EventStore, RecordedEvent } from '#event-store';

/** Events cursors may still keep (`StreamCursor.record`). */
export interface RecordBudget {
  left: number;
}

/**
 * Reads one stream forwards in pages from a revision, one event at a time (a page is read only
 * when needed). Pages start small and grow fourfold up to `maxPageSize`: a short fold after a
 * snapshot reads little, a long one reads in large pages.
 */
export class StreamCursor {
  private page: readonly RecordedEvent[] = [];
  private index = 0;
  private nextRevision: number;
  private exhausted = false;
  private recording: RecordedEvent[] | undefined;
  private budget: RecordBudget = { left: 0 };

  /**
   * `known`: events of the stream from `fromRevision` on, already read (a history never changes):
   * given first, then the store is read after them.
   */
  constructor(
    private readonly store: EventStore,
    readonly streamId: string,
    fromRevision: number,
    private pageSize: number,
    private readonly maxPageSize = pageSize,
    known: readonly RecordedEvent[] = [],
  ) {
    this.page = known;
    this.nextRevision = fromRevision + known.length;
  }

  /**
   * Keeps the events read from the store from now on, for `recorded`, as long as the budget lasts
   * (a budget may be shared by several cursors: it is spent by the events each keeps).
   */
  record(budget: RecordBudget): void {
    this.recording = [];
    this.budget = budget;
  }

  /** The events `record` kept (contiguous, from the revision the reading was at when it was called). */
  recorded(): readonly RecordedEvent[] {
    return this.recording ?? [];
  }

  /** The next event, not taken; `undefined` at the end of the stream as it stood when read. */
  async peek(): Promise<RecordedEvent | undefined> {
    if (this.index < this.page.length) return this.page[this.index];
    if (this.exhausted) return undefined;
    const maxCount = this.pageSize;
    this.pageSize = Math.min(this.maxPageSize, this.pageSize * 4);
    this.page = await this.store.readStream(this.streamId, { fromRevision: this.nextRevision, maxCount });
    if (this.recording && this.budget.left > 0) {
      const kept = this.page.length <= this.budget.left ? this.page : this.page.slice(0, this.budget.left);
      this.recording.push(...kept);
      this.budget.left -= kept.length;
    }
    this.index = 0;
    this.exhausted = this.page.length < maxCount;
    if (this.page.length > 0) this.nextRevision = this.page[this.page.length - 1]!.revision + 1;
    return this.page[0];
  }

  /** True once the end of the stream was read. */
  get done(): boolean {
    return this.exhausted && this.index >= this.page.length;
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
  private live: StreamCursor[];

  constructor(cursors: readonly StreamCursor[]) {
    this.live = [...cursors];
  }

  /** The next event and its cursor, not taken; `undefined` once every stream is read. */
  async peek(): Promise<{ event: RecordedEvent; cursor: StreamCursor } | undefined> {
    let best: { event: RecordedEvent; cursor: StreamCursor } | undefined;
    for (const cursor of this.live) {
      const event = cursor.buffered() ?? (await cursor.peek());
      if (event && (!best || event.metadata.recordedAt < best.event.metadata.recordedAt)) best = { event, cursor };
    }
    if (this.live.some((cursor) => cursor.done)) this.live = this.live.filter((cursor) => !cursor.done);
    return best;
  }
}
