import { DuplicateEventIdError, WrongExpectedRevisionError } from '../../event-store.errors.js';
import type {
  AppendResult,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  StreamRevision,
} from '../../event-store.port.js';
import type { SqliteDatabase } from './sqlite-schema.js';

/** An append with its payloads already serialized, so that nothing can throw half-way through a batch. */
export interface AppendRequest {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly SerializedEvent[];
}

export interface SerializedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

interface StoredId {
  readonly streamId: string;
  readonly revision: number;
  readonly globalPosition: string;
}

/**
 * Serializes and validates an append before it is queued. Throws (to that caller only) on an
 * empty append, an event id repeated within the call, or data that `JSON.stringify` rejects.
 */
export function toAppendRequest(
  streamId: string,
  events: readonly EventToAppend[],
  expectedRevision: ExpectedRevision,
): AppendRequest {
  if (events.length === 0) throw new RangeError(`append to ${streamId} needs at least one event`);
  const ids = new Set<string>();
  const serialized = events.map((event) => {
    if (ids.has(event.eventId)) throw new DuplicateEventIdError(streamId, event.eventId);
    ids.add(event.eventId);
    const { eventId, type } = event;
    return { eventId, type, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
  });
  return { streamId, expectedRevision, events: serialized };
}

/**
 * Checks and applies one append inside the batch transaction. Domain failures
 * (`WrongExpectedRevisionError`, `DuplicateEventIdError`) are thrown before anything is written.
 */
export class SqliteAppendWriter {
  private readonly findId;
  private readonly lastRevision;
  private readonly insert;

  constructor(db: SqliteDatabase) {
    this.findId = db.prepare<[string], StoredId>(
      'SELECT stream_id AS streamId, revision, CAST(position AS TEXT) AS globalPosition FROM events WHERE event_id = ?',
    );
    this.lastRevision = db
      .prepare<[string], number>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .pluck();
    this.insert = db
      .prepare<[string, number, string, string, string, string, string]>(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .safeIntegers(true);
  }

  apply(request: AppendRequest, recordedAt: string): AppendResult {
    const repeated = this.findRepeat(request);
    if (repeated) return repeated;
    const current = this.lastRevision.get(request.streamId);
    checkExpected(request, current);
    const { streamId } = request;
    let revision = current ?? -1;
    let position: GlobalPosition = '';
    for (const event of request.events) {
      revision += 1;
      const info = this.insert.run(streamId, revision, event.eventId, event.type, event.data, event.metadata, recordedAt);
      position = String(info.lastInsertRowid);
    }
    return { nextExpectedRevision: revision, position, deduplicated: false };
  }

  private findRepeat(request: AppendRequest): AppendResult | undefined {
    const stored = request.events.map((event) => this.findId.get(event.eventId));
    if (stored.every((row) => row === undefined)) return undefined;
    const first = stored[0];
    const isRepeat =
      first !== undefined &&
      stored.every((row, i) => row?.streamId === request.streamId && row.revision === first.revision + i);
    if (!isRepeat) {
      const clash = request.events.find((_, i) => stored[i] !== undefined) ?? request.events[0];
      throw new DuplicateEventIdError(request.streamId, clash.eventId);
    }
    const last = stored[stored.length - 1] as StoredId;
    return { nextExpectedRevision: last.revision, position: last.globalPosition, deduplicated: true };
  }
}

function checkExpected(request: AppendRequest, current: StreamRevision | undefined): void {
  const { expectedRevision: expected } = request;
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && current === undefined) ||
    (expected === 'stream_exists' && current !== undefined) ||
    expected === current;
  if (!holds) throw new WrongExpectedRevisionError(request.streamId, expected, current ?? 'no_stream');
}
