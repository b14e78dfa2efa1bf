import type {
  EventMetadata,
  GlobalPosition,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
} from '../../event-store.port.js';
import { requireNonNegativeInteger } from './sqlite-options.js';
import type { SqliteDatabase } from './sqlite-schema.js';

interface EventRow {
  readonly globalPosition: string;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

const COLUMNS = `CAST(position AS TEXT) AS globalPosition, stream_id AS streamId, revision,
  event_id AS eventId, type, data, metadata`;
const NO_LIMIT = -1;
const LAST_REVISION = Number.MAX_SAFE_INTEGER;

/** Synchronous reads over prepared statements; positions leave SQLite as decimal strings. */
export class SqliteReader {
  private readonly forwards;
  private readonly backwards;
  private readonly all;
  private readonly ping;

  constructor(db: SqliteDatabase) {
    this.forwards = db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    );
    this.backwards = db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    this.all = db.prepare<[bigint, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
    );
    this.ping = db.prepare('SELECT 1');
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const limit = options.maxCount ?? NO_LIMIT;
    if (options.maxCount !== undefined) requireNonNegativeInteger('maxCount', options.maxCount);
    const rows =
      options.direction === 'backwards'
        ? this.backwards.all(streamId, options.fromRevision ?? LAST_REVISION, limit)
        : this.forwards.all(streamId, options.fromRevision ?? 0, limit);
    return rows.map(toRecordedEvent);
  }

  readAll(after: GlobalPosition | undefined, maxCount: number): ReadAllResult {
    requireNonNegativeInteger('maxCount', maxCount);
    const rows = this.all.all(parsePosition(after), maxCount + 1);
    const isEnd = rows.length <= maxCount;
    return { events: rows.slice(0, maxCount).map(toRecordedEvent), isEnd };
  }

  selectOne(): void {
    this.ping.get();
  }
}

/** Positions are decimal sequence numbers; anything else was not produced by this adapter. */
export function parsePosition(position: GlobalPosition | undefined): bigint {
  if (position === undefined) return 0n;
  if (!/^\d{1,19}$/.test(position)) throw new RangeError(`Not a SQLite event store position: ${position}`);
  return BigInt(position);
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.streamId,
    revision: row.revision,
    position: row.globalPosition,
    eventId: row.eventId,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}
