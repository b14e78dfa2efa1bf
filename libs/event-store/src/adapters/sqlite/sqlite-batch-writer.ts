import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../event-store.errors.js';
import type { AppendResult, ExpectedRevision, StreamRevision } from '../../event-store.port.js';
import { SqliteAppendWriter, type AppendRequest } from './sqlite-append-writer.js';
import type { ResolvedSqliteOptions } from './sqlite-options.js';
import type { SqliteDatabase } from './sqlite-schema.js';

/** The outcome of one append of a batch, as it crosses the thread boundary. */
export type WireOutcome =
  | { readonly result: AppendResult }
  | { readonly error: { kind: 'wrong_expected_revision'; streamId: string; expected: ExpectedRevision; actual: StreamRevision | 'no_stream' } }
  | { readonly error: { kind: 'duplicate_event_id'; streamId: string; eventId: string } };

/** Writes one batch in one transaction. Rejects only when the transaction itself fails. */
export interface BatchWriter {
  write(batch: readonly AppendRequest[]): Promise<WireOutcome[]>;
  close(): Promise<void>;
}

/**
 * Returns the function that applies a batch in one `BEGIN IMMEDIATE` transaction on `db`:
 * each append checked on its own, in order; only a failure of the transaction throws.
 */
export function batchApplier(db: SqliteDatabase): (batch: readonly AppendRequest[]) => WireOutcome[] {
  const writer = new SqliteAppendWriter(db);
  const apply = (batch: readonly AppendRequest[]): WireOutcome[] => {
    const recordedAt = new Date().toISOString();
    return batch.map((request) => {
      try {
        return { result: writer.apply(request, recordedAt) };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) {
          return { error: { kind: 'wrong_expected_revision', streamId: error.streamId, expected: error.expected, actual: error.actual } };
        }
        if (error instanceof DuplicateEventIdError) return { error: { kind: 'duplicate_event_id', streamId: error.streamId, eventId: error.eventId } };
        throw error;
      }
    });
  };
  return db.transaction(apply).immediate;
}

/** Turns a wire outcome back into the port's result or error. */
export function fromWire(outcome: WireOutcome): { result: AppendResult } | { error: Error } {
  if ('result' in outcome) return outcome;
  const e = outcome.error;
  if (e.kind === 'wrong_expected_revision') return { error: new WrongExpectedRevisionError(e.streamId, e.expected, e.actual) };
  return { error: new DuplicateEventIdError(e.streamId, e.eventId) };
}

/** Writes on the calling thread: for in-memory databases, which another thread cannot open. */
export class InlineBatchWriter implements BatchWriter {
  private readonly apply;

  constructor(db: SqliteDatabase) {
    this.apply = batchApplier(db);
  }

  async write(batch: readonly AppendRequest[]): Promise<WireOutcome[]> {
    return this.apply(batch);
  }

  async close(): Promise<void> {}
}

type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'written'; id: number; outcomes: WireOutcome[] }
  | { type: 'batch-failed'; id: number; message: string; code?: string }
  | { type: 'closed' };

/**
 * Writes on a thread of its own, with its own connection, so that the commit and its fsync never
 * block the event loop: requests keep being parsed, decided and queued while a batch is written,
 * and the next batch is whatever queued meanwhile.
 */
export class ThreadBatchWriter implements BatchWriter {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(o: WireOutcome[]): void; reject(e: Error): void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => this.failEverything(error));
    worker.on('exit', () => this.failEverything(new Error('the SQLite writer thread stopped')));
  }

  static async start(options: ResolvedSqliteOptions): Promise<ThreadBatchWriter> {
    const { logger: _logger, ...serializable } = options;
    const worker = new Worker(workerScript(), { workerData: { options: serializable } });
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (message: FromWorker) => {
        worker.off('error', reject);
        if (message.type === 'ready') return resolve();
        void worker.terminate();
        reject(withCode(message.type === 'failed' ? message.message : 'the SQLite writer thread did not start', message.type === 'failed' ? message.code : undefined));
      });
    });
    return new ThreadBatchWriter(worker);
  }

  write(batch: readonly AppendRequest[]): Promise<WireOutcome[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'batch', id, requests: batch });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close' });
    await closed;
  }

  private receive(message: FromWorker): void {
    if (message.type !== 'written' && message.type !== 'batch-failed') return;
    const waiting = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.type === 'written') waiting?.resolve(message.outcomes);
    else waiting?.reject(withCode(message.message, message.code));
  }

  private failEverything(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

function withCode(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {});
}

/**
 * The compiled worker beside this module. Tests run the TypeScript sources, but a thread can only
 * start JavaScript, so from the sources the compiled twin under `dist/` is used (`npm test` builds
 * first).
 */
function workerScript(): URL {
  const sibling = new URL('./sqlite-writer.worker.js', import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const compiled = fileURLToPath(sibling).replace(/([\\/])libs([\\/])event-store([\\/])/, '$1dist$1libs$2event-store$3');
  if (!existsSync(compiled)) throw new Error(`the SQLite writer thread needs ${compiled}: run \`npm run build\` first`);
  return pathToFileURL(compiled);
}
