import type { ExpectedRevision, StreamRevision } from './event-store.port.js';

/** Base class of the errors an event store adapter may raise through the port. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the revision the writer expected: someone else wrote first. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'STORE.WRONG_EXPECTED_REVISION';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or `no_stream`. */
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(`Stream ${streamId} is at ${String(actual)}, expected ${String(expected)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An append reused event ids in a way the store cannot treat as a retry (a partial overlap). */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'STORE.DUPLICATE_EVENT_ID';

  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already stored and the append is not a repeat of an earlier one (stream ${streamId})`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The store cannot be reached or refused the operation for a reason other than concurrency. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'STORE.UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
