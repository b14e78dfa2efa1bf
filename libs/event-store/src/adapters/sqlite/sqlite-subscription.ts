import type { EventSubscription, GlobalPosition, ReadAllResult, RecordedEvent } from '../../event-store.port.js';

/** What a subscription needs from the store: a synchronous page read after a position. */
export interface SubscriptionSource {
  readAllNow(after: GlobalPosition | undefined, maxCount: number): ReadAllResult;
}

const PAGE_SIZE = 500;
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Follows the log by reading pages after the last delivered position. When caught up it sleeps
 * until the store reports a local commit (`notify`) or `pollIntervalMs` passes (commits by other
 * processes). Delivery order is position order, which is commit order because SQLite serializes
 * writers and AUTOINCREMENT never reuses a position.
 */
export class SqliteSubscription implements EventSubscription, AsyncIterableIterator<RecordedEvent> {
  private page: readonly RecordedEvent[] = [];
  private index = 0;
  private closed = false;
  private wake: (() => void) | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: SubscriptionSource,
    private cursor: GlobalPosition | undefined,
    private readonly pollIntervalMs: number,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Calls are serialized, so concurrent `next()` calls still receive events in order. */
  next(): Promise<IteratorResult<RecordedEvent, undefined>> {
    const result = this.tail.then(() => this.pull());
    this.tail = result.catch(() => undefined);
    return result;
  }

  async return(): Promise<IteratorResult<RecordedEvent, undefined>> {
    await this.close();
    return DONE;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.page = [];
    this.wake?.();
    this.onClose(this);
  }

  /** Wakes a caught-up subscription after a commit through the same store instance. */
  notify(): void {
    this.wake?.();
  }

  private async pull(): Promise<IteratorResult<RecordedEvent, undefined>> {
    while (!this.closed) {
      const event = this.nextBuffered() ?? this.readPage();
      if (event) return { done: false, value: event };
      await this.sleep();
    }
    return DONE;
  }

  private nextBuffered(): RecordedEvent | undefined {
    if (this.index >= this.page.length) return undefined;
    const event = this.page[this.index++];
    this.cursor = event.position;
    return event;
  }

  private readPage(): RecordedEvent | undefined {
    this.page = this.source.readAllNow(this.cursor, PAGE_SIZE).events;
    this.index = 0;
    return this.nextBuffered();
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      timer.unref();
      this.wake = wake;
    });
  }
}
