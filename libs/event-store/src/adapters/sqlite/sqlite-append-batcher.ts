import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors.js';
import type { AppendResult } from '../../event-store.port.js';
import { type AppendRequest, SqliteAppendWriter } from './sqlite-append-writer.js';
import type { SqliteEventStoreLogger } from './sqlite-options.js';
import type { SqliteDatabase } from './sqlite-schema.js';

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

type Outcome = { readonly result: AppendResult } | { readonly error: Error };

export interface BatcherHooks {
  readonly logger?: SqliteEventStoreLogger;
  /** Called after a commit that wrote at least one event. */
  onCommitted(): void;
}

/**
 * Group commit: appends queued during one turn of the event loop are written by a single
 * `BEGIN IMMEDIATE` transaction, so one fsync acknowledges the whole batch. Each append is
 * checked on its own, in arrival order; only a failure of the transaction itself fails them all.
 */
export class AppendBatcher {
  private queue: QueuedAppend[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly writer: SqliteAppendWriter;
  private readonly writeBatch: (batch: readonly QueuedAppend[]) => Outcome[];
  private counters = { batches: 0, appends: 0, events: 0, failedBatches: 0 };

  constructor(
    db: SqliteDatabase,
    private readonly hooks: BatcherHooks,
  ) {
    this.writer = new SqliteAppendWriter(db);
    this.writeBatch = db.transaction((batch: readonly QueuedAppend[]) => this.applyAll(batch)).immediate;
  }

  enqueue(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Writes everything queued now, synchronously. Also used by `close()` to drain the queue. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.writeBatch(batch);
    } catch (cause) {
      this.failAll(batch, cause);
      return;
    }
    this.settle(batch, outcomes);
  }

  stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  private applyAll(batch: readonly QueuedAppend[]): Outcome[] {
    const recordedAt = new Date().toISOString();
    return batch.map(({ request }) => {
      try {
        return { result: this.writer.apply(request, recordedAt) };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError) return { error };
        throw error;
      }
    });
  }

  private settle(batch: readonly QueuedAppend[], outcomes: readonly Outcome[]): void {
    let written = 0;
    outcomes.forEach((outcome, i) => {
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
