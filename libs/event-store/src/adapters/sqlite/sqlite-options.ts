/** The subset of a pino-style logger the SQLite adapter uses. */
export interface SqliteEventStoreLogger {
  warn(obj: object, msg: string): void;
}

export interface SqliteEventStoreOptions {
  /** Path of the database file. Its parent directory is created when missing. */
  readonly filename: string;
  /**
   * `FULL` (default): every acknowledged append survives a power loss.
   * `NORMAL`: faster, but may lose the last transactions on power loss, never corrupts
   * (a process crash loses nothing in either mode).
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another process holding the write lock. Default 5000. */
  readonly busyTimeoutMs?: number;
  /**
   * How often live subscriptions look for events committed by OTHER processes sharing the file.
   * Commits through the same instance wake subscriptions at once. Lower means fresher
   * cross-process delivery at the price of one indexed query per subscription per interval.
   * Default 200.
   */
  readonly pollIntervalMs?: number;
  /**
   * Where commits run. `thread` (default): on a writer thread, so fsync never blocks the event
   * loop. `inline`: on the calling thread (always so for `:memory:`, which no other thread can open).
   */
  readonly writer?: 'thread' | 'inline';
  readonly logger?: SqliteEventStoreLogger;
}

/** Options with their defaults applied. */
export type ResolvedSqliteOptions = Required<Omit<SqliteEventStoreOptions, 'logger'>> &
  Pick<SqliteEventStoreOptions, 'logger'>;

/** Applies the defaults and rejects out-of-range values with a `RangeError` (a configuration bug). */
export function resolveOptions(options: SqliteEventStoreOptions): ResolvedSqliteOptions {
  const resolved = {
    synchronous: 'FULL' as const,
    busyTimeoutMs: 5000,
    pollIntervalMs: 200,
    writer: 'thread' as const,
    ...stripUndefined(options),
  };
  if (!['FULL', 'NORMAL'].includes(resolved.synchronous)) {
    throw new RangeError(`synchronous must be FULL or NORMAL, got ${String(resolved.synchronous)}`);
  }
  requireNonNegativeInteger('busyTimeoutMs', resolved.busyTimeoutMs);
  requireNonNegativeInteger('pollIntervalMs', resolved.pollIntervalMs);
  if (resolved.pollIntervalMs === 0) throw new RangeError('pollIntervalMs must be positive');
  return resolved;
}

/** Guards counts and durations that reach SQLite, where a negative LIMIT would mean "no limit". */
export function requireNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
