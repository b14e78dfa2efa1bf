import { EventStoreUnavailableError } from '../../event-store.errors.js';
import type { AppendResult } from '../../event-store.port.js';
import type { AppendRequest } from './sqlite-append-writer.js';
import { fromWire, type BatchWriter, type WireOutcome } from './sqlite-batch-writer.js';
import type { SqliteEventStoreLogger } from './sqlite-options.js';

/** Counters for metrics: how well group commit amortizes the commit cost. */
export interface SqliteEventStoreStats {
  /** Transactions committed (each is one fsync with `synchronous=FULL`). */
  readonly batches: number;
  /** Appends settled by committed transactions, including rejected and deduplicated ones. */
  readonly appends: number;
  /** Events written. */
  readonly events: number;
  /** Transactions that failed as a whole; all their appends were rejected as unavailable. */
  readonly failedBatches: number;
}

interface QueuedAppend {
  readonly request: AppendRequest;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface BatcherHooks {
  readonly logger?: SqliteEventStoreLogger;
  /** Called after a commit that wrote at least one event. */
  onCommitted(): void;
}

/**
 * Group commit: appends queued while the writer is busy (or during one turn of the event loop)
 * are written by a single transaction, so one fsync acknowledges the whole batch. Each append is
 * checked on its own, in arrival order; only a failure of the transaction itself fails them all.
 * One batch is written at a time: the busier the store, the larger the batches.
 */
export class AppendBatcher {
  private queue: QueuedAppend[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private inFlight: Promise<void> | undefined;
  private counters = { batches: 0, appends: 0, events: 0, failedBatches: 0 };

  constructor(
    private readonly writer: BatchWriter,
    private readonly hooks: BatcherHooks,
  ) {}

  enqueue(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything queued so far is written (used by `close()`). */
  async drain(): Promise<void> {
    while (this.inFlight || this.queue.length > 0) {
      if (!this.inFlight) this.dispatch();
      await this.inFlight;
    }
  }

  stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled || this.queue.length === 0) return;
    this.scheduled = setImmediate(() => this.dispatch());
  }

  private dispatch(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.inFlight = this.writer
      .write(batch.map((queued) => queued.request))
      .then(
        (outcomes) => this.settle(batch, outcomes),
        (cause: unknown) => this.failAll(batch, cause),
      )
      .finally(() => {
        this.inFlight = undefined;
        this.schedule();
      });
  }

  private settle(batch: readonly QueuedAppend[], outcomes: readonly WireOutcome[]): void {
    let written = 0;
    outcomes.forEach((wire, i) => {
      const outcome = fromWire(wire);
      if ('error' in outcome) return batch[i].reject(outcome.error);
      if (!outcome.result.deduplicated) written += batch[i].request.events.length;
      batch[i].resolve(outcome.result);
    });
    this.counters.batches += 1;
    this.counters.appends += batch.length;
    this.counters.events += written;
    if (written > 0) this.hooks.onCommitted();
  }

  private failAll(batch: readonly QueuedAppend[], cause: unknown): void {
    this.counters.failedBatches += 1;
    this.hooks.logger?.warn({ err: cause, appends: batch.length }, 'event store batch failed; its appends were rejected');
    const error = new EventStoreUnavailableError('the event store could not commit the append', { cause });
    for (const queued of batch) queued.reject(error);
  }
}
