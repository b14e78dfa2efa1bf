import { parentPort, workerData } from 'node:worker_threads';
import type { AppendRequest } from './sqlite-append-writer.js';
import { batchApplier } from './sqlite-batch-writer.js';
import type { ResolvedSqliteOptions } from './sqlite-options.js';
import { openDatabase, type SqliteDatabase } from './sqlite-schema.js';

/** The writer thread of the SQLite event store: one connection, one transaction per batch. */
type ToWorker = { type: 'batch'; id: number; requests: AppendRequest[] } | { type: 'close' };

const port = parentPort!;
let db: SqliteDatabase;
let apply: ReturnType<typeof batchApplier>;

try {
  db = openDatabase((workerData as { options: ResolvedSqliteOptions }).options);
  apply = batchApplier(db);
  port.postMessage({ type: 'ready' });
} catch (error) {
  port.postMessage({ type: 'failed', message: (error as Error).message, code: (error as { code?: string }).code });
  process.exit(1);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    db.close();
    port.close();
    return;
  }
  try {
    port.postMessage({ type: 'written', id: message.id, outcomes: apply(message.requests) });
  } catch (error) {
    port.postMessage({ type: 'batch-failed', id: message.id, message: (error as Error).message, code: (error as { code?: string }).code });
  }
});
