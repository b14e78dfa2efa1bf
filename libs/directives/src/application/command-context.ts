import type { Actor } from '../domain/shared/actor.js';

/** What a command carries besides its data: who, and how it relates to other facts. */
export interface CommandContext {
  readonly actor: Actor;
  /** Shared by everything one request or job causes. */
  readonly correlationId: string;
  readonly causationId?: string;
  /** The client's Idempotency-Key; a command repeated with it is stored once and answered the same. */
  readonly idempotencyKey?: string;
  /** Digest of the request that carried the key, to refuse a key reused for a different request. */
  readonly requestHash?: string;
}

/** One event a command recorded, as returned to the caller. */
export interface RecordedFact {
  readonly eventId: string;
  readonly type: string;
  readonly revision: number;
}

/** The answer to a command: the facts it recorded on its stream. */
export interface CommandOutcome {
  readonly streamId: string;
  /** Revision of the last event recorded by the command. */
  readonly revision: number;
  readonly events: readonly RecordedFact[];
  /** True when this is the stored answer to an earlier request with the same idempotency key. */
  readonly replayed: boolean;
}
