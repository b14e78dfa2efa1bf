import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { ResolvedSqliteOptions } from './sqlite-options.js';

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
 * Append new entries, never edit shipped ones.
 *
 * `position` is the global order (AUTOINCREMENT: never reused, even after deletes).
 * `recorded_at` is the commit time of the batch by the store's clock, beside the engine's own
 * `metadata.recordedAt`. `UNIQUE(stream_id, revision)` doubles as the index that finds a stream's
 * current revision.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position    INTEGER PRIMARY KEY AUTOINCREMENT,
     stream_id   TEXT    NOT NULL,
     revision    INTEGER NOT NULL CHECK (revision >= 0),
     event_id    TEXT    NOT NULL UNIQUE,
     type        TEXT    NOT NULL,
     data        TEXT    NOT NULL,
     metadata    TEXT    NOT NULL,
     recorded_at TEXT    NOT NULL,
     UNIQUE (stream_id, revision)
   )`,
];

/** The schema version this build writes and expects. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export type SqliteDatabase = Database.Database;

/** Opens the file, applies the durability pragmas and brings the schema up to date. */
export function openDatabase(options: ResolvedSqliteOptions): SqliteDatabase {
  const inMemory = options.filename === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(options.filename)), { recursive: true });
  const db = new Database(options.filename, { timeout: options.busyTimeoutMs });
  try {
    configure(db, options, inMemory);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function configure(db: SqliteDatabase, options: ResolvedSqliteOptions, inMemory: boolean): void {
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal' && !inMemory) throw new Error(`journal_mode is ${String(mode)}, WAL could not be enabled`);
  db.pragma(`synchronous = ${options.synchronous}`);
}

function migrate(db: SqliteDatabase): void {
  db.transaction(() => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > SCHEMA_VERSION) {
      throw new Error(`schema version ${current} is newer than this build supports (${SCHEMA_VERSION})`);
    }
    for (const sql of MIGRATIONS.slice(current)) db.exec(sql);
    if (current < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
