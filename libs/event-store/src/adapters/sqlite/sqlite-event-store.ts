import Database from 'better-sqlite3';
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
import { AppendBatcher, type SqliteEventStoreStats } from './sqlite-append-batcher.js';
import { toAppendRequest } from './sqlite-append-writer.js';
import { resolveOptions, type SqliteEventStoreOptions } from './sqlite-options.js';
import { SqliteReader } from './sqlite-reader.js';
import { InlineBatchWriter, ThreadBatchWriter, type BatchWriter } from './sqlite-batch-writer.js';
import { openDatabase, SCHEMA_VERSION, type SqliteDatabase } from './sqlite-schema.js';
import { SqliteSubscription } from './sqlite-subscription.js';

export type { SqliteEventStoreOptions, SqliteEventStoreLogger } from './sqlite-options.js';
export type { SqliteEventStoreStats } from './sqlite-append-batcher.js';

/** The connection settings actually in force, read back from SQLite (for health output and tests). */
export interface SqliteDiagnostics {
  readonly journalMode: string;
  /** SQLite's code: 2 = FULL, 1 = NORMAL. */
  readonly synchronous: number;
  readonly busyTimeoutMs: number;
  readonly schemaVersion: number;
}

/**
 * Event store on one SQLite file (WAL mode), for single-server deployments.
 *
 * Guarantees: an append's promise resolves only after its transaction committed; with the default
 * `synchronous: 'FULL'` a resolved append survives a crash or a power loss. Appends to a stream
 * are checked against the expected revision and applied atomically; positions are assigned in
 * commit order, so `readAll` and subscriptions see one global order.
 *
 * Group commit: an fsync per transaction caps single-event transactions at a few thousand per
 * second, so appends queued while a batch is being written (or within one event-loop turn) share
 * ONE transaction (one fsync). Each append in the batch still succeeds or fails on its own; only
 * an I/O failure of the transaction rejects the whole batch with `EventStoreUnavailableError`. In
 * the rare case of an I/O error during commit the outcome is unknown: retry with the same event
 * ids, which is safe because appends are idempotent by event id.
 *
 * Writes run on a writer thread with its own connection (`writer: 'thread'`, the default), so the
 * commit and its fsync never block the event loop; reads run on the calling thread's connection
 * and see a commit as soon as its append resolves.
 *
 * Caveats:
 * - `synchronous: 'NORMAL'` is faster but may lose the last transactions on power loss; it never
 *   corrupts the file, and a process crash alone loses nothing.
 * - better-sqlite3 is synchronous: reads run on the event loop. `writer: 'inline'` (forced for
 *   `:memory:`) also commits there, and then a write waiting for another process's lock blocks the
 *   event loop for up to `busyTimeoutMs`.
 * - Several processes may share the file (WAL allows concurrent readers and serializes writers);
 *   subscriptions learn about other processes' commits only by polling every `pollIntervalMs`,
 *   which trades delivery latency against one query per subscription per interval.
 */
export class SqliteEventStore implements EventStore {
  /** The schema version this build writes (`PRAGMA user_version`). */
  static readonly schemaVersion = SCHEMA_VERSION;

  /** Set once close() starts: appends are refused from then on; reads work until the file is closed. */
  private closing: Promise<void> | undefined;
  private closed = false;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly batcher: AppendBatcher;
  private readonly reader: SqliteReader;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly writer: BatchWriter,
    private readonly pollIntervalMs: number,
    logger: SqliteEventStoreOptions['logger'],
  ) {
    this.reader = new SqliteReader(db);
    this.batcher = new AppendBatcher(writer, { logger, onCommitted: () => this.notifySubscriptions() });
  }

  /** Opens (creating if needed) and migrates the file. Rejects with `EventStoreUnavailableError`. */
  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    const resolved = resolveOptions(options);
    let db: SqliteDatabase | undefined;
    try {
      db = openDatabase(resolved);
      const inline = resolved.writer === 'inline' || resolved.filename === ':memory:';
      const writer = inline ? new InlineBatchWriter(db) : await ThreadBatchWriter.start(resolved);
      return new SqliteEventStore(db, writer, resolved.pollIntervalMs, resolved.logger);
    } catch (cause) {
      db?.close();
      throw new EventStoreUnavailableError(`cannot open the SQLite event store at ${options.filename}`, { cause });
    }
  }

  async append(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    if (this.closing) throw new EventStoreUnavailableError('store is closed');
    return this.batcher.enqueue(toAppendRequest(streamId, events, options.expectedRevision));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.guard(() => this.reader.readStream(streamId, options));
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    return this.readAllNow(options.after, options.maxCount);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const source = { readAllNow: (after: GlobalPosition | undefined, max: number) => this.readAllNow(after, max) };
    const subscription = new SqliteSubscription(source, options.after, this.pollIntervalMs, (closed) =>
      this.subscriptions.delete(closed),
    );
    if (!this.closing) this.subscriptions.add(subscription);
    return subscription;
  }

  async ping(): Promise<void> {
    this.guard(() => this.reader.selectOne());
  }

  /** Commits the queued appends, ends live subscriptions, then closes the file. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.batcher.drain();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.closed = true;
    await this.writer.close();
    this.db.close();
  }

  /** Counters since open, for metrics. */
  stats(): SqliteEventStoreStats {
    return this.batcher.stats();
  }

  diagnostics(): SqliteDiagnostics {
    return this.guard(() => ({
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
      schemaVersion: Number(this.db.pragma('user_version', { simple: true })),
    }));
  }

  private readAllNow(after: GlobalPosition | undefined, maxCount: number): ReadAllResult {
    return this.guard(() => this.reader.readAll(after, maxCount));
  }

  private notifySubscriptions(): void {
    for (const subscription of this.subscriptions) subscription.notify();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('store is closed');
  }

  private guard<T>(read: () => T): T {
    this.assertOpen();
    try {
      return read();
    } catch (error) {
      if (error instanceof Database.SqliteError) {
        throw new EventStoreUnavailableError('the event store could not be read', { cause: error });
      }
      throw error;
    }
  }
}
