import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type SqliteEventStoreOptions } from '../adapters/sqlite/sqlite-event-store.js';

/** A SQLite event store on a file in a fresh temporary directory, removed by `teardown`. */
export interface TempSqliteStore {
  readonly store: SqliteEventStore;
  readonly filename: string;
  /** Opens another instance on the same file (as another process would); closed by `teardown`. */
  openAnother(options?: Partial<SqliteEventStoreOptions>): Promise<SqliteEventStore>;
  teardown(): Promise<void>;
}

export function makeTempDirectory(prefix = 'event-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function openTempSqliteStore(options: Partial<SqliteEventStoreOptions> = {}): Promise<TempSqliteStore> {
  const directory = makeTempDirectory();
  const filename = join(directory, 'events.db');
  const opened: SqliteEventStore[] = [];
  const openAnother = async (more: Partial<SqliteEventStoreOptions> = {}) => {
    const store = await SqliteEventStore.open({ ...options, ...more, filename });
    opened.push(store);
    return store;
  };
  const store = await openAnother();
  const teardown = async () => {
    await Promise.all(opened.map((instance) => instance.close()));
    rmSync(directory, { recursive: true, force: true });
  };
  return { store, filename, openAnother, teardown };
}
