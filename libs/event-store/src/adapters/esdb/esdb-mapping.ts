import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors.js';
import type { EventMetadata, EventToAppend, ExpectedRevision, GlobalPosition, RecordedEvent } from '../../event-store.port.js';

/**
 * Translations between the port and EventStoreDB's client. Revisions are bigints there and
 * numbers here (safe up to 2^53); global positions are `{commit, prepare}` bigints there and
 * the string `C:<commit>/P:<prepare>` here, so they never pass through a JavaScript number.
 */
export function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

const POSITION = /^C:(\d{1,20})\/P:(\d{1,20})$/;

export function encodePosition(position: Position): GlobalPosition {
  return `C:${position.commit.toString()}/P:${position.prepare.toString()}`;
}

export function decodePosition(position: GlobalPosition): Position {
  const match = POSITION.exec(position);
  if (!match) throw new RangeError(`Not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

/** Our envelope, plus EventStoreDB's own `$correlationId` / `$causationId` so its projections see them. */
export function toEventData(event: EventToAppend): EventData {
  const { metadata } = event;
  const esdbMetadata = {
    ...metadata,
    $correlationId: metadata.correlationId,
    ...(metadata.causationId ? { $causationId: metadata.causationId } : {}),
  };
  return { id: event.eventId, contentType: 'application/json', type: event.type, data: event.data as JSONType, metadata: esdbMetadata } as EventData;
}

export function fromRecorded(event: EsdbRecordedEvent | AllStreamRecordedEvent, position: Position): RecordedEvent {
  const { $correlationId: _c, $causationId: _k, ...metadata } = (event.metadata ?? {}) as Record<string, unknown>;
  return {
    eventId: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(position),
    data: event.data,
    metadata: metadata as unknown as EventMetadata,
  };
}

/** Events the engine did not write: EventStoreDB's system streams and types start with `$`. */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** Maps a client error to the port's errors; `no_stream` stays a string, revisions become numbers. */
export function toPortError(error: unknown, streamId: string, expected: ExpectedRevision): Error {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualVersion;
    return new WrongExpectedRevisionError(streamId, expected, typeof actual === 'bigint' ? Number(actual) : 'no_stream');
  }
  return new EventStoreUnavailableError(`EventStoreDB refused or failed the operation on ${streamId}: ${(error as Error).message}`, { cause: error });
}
