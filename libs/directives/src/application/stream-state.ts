import type { RecordedEvent } from '#event-store';
import type { DomainEvent } from '../domain/shared/decider.js';
import type { RecordedFact } from './command-context.js';

/** What an earlier request with an idempotency key recorded, to answer its repeats the same way. */
export interface IdempotentRecord {
  readonly requestHash?: string;
  readonly events: RecordedFact[];
}

/** A stream folded into its decider state, with what the command path needs beside it. */
export interface StreamState<S> {
  readonly state: S;
  /** Revision of the last event folded, -1 for a stream that does not exist. */
  readonly revision: number;
  /** Idempotent requests already recorded, keyed by `<subject>|<key>`. */
  readonly keys: Map<string, IdempotentRecord>;
  /** Chain hash of the last event folded: the next event chains on it (none for a new stream or an unchained event). */
  readonly hash?: string;
}

export const scopedKey = (subject: string, key: string): string => `${subject}|${key}`;

/** Folds recorded events into a stream state (mutating only the `keys` map of the result). */
export function foldRecorded<S, E extends DomainEvent>(
  from: StreamState<S>,
  events: readonly RecordedEvent[],
  evolve: (state: S, event: E) => S,
): StreamState<S> {
  let state = from.state;
  let revision = from.revision;
  let hash = from.hash;
  for (const recorded of events) {
    state = evolve(state, { type: recorded.type, data: recorded.data } as E);
    revision = recorded.revision;
    hash = recorded.metadata.hash;
    const { idempotencyKey, requestHash, actor } = recorded.metadata;
    if (idempotencyKey) rememberKey(from.keys, scopedKey(actor.subject, idempotencyKey), requestHash, recorded);
  }
  return { state, revision, keys: from.keys, hash };
}

function rememberKey(keys: Map<string, IdempotentRecord>, key: string, requestHash: string | undefined, e: RecordedEvent): void {
  const fact = { eventId: e.eventId, type: e.type, revision: e.revision };
  const existing = keys.get(key);
  if (existing) existing.events.push(fact);
  else keys.set(key, { requestHash, events: [fact] });
}

/** A small LRU of folded streams, so that a busy item is not re-read for every command. */
export class StreamStateCache<S> {
  private readonly entries = new Map<string, StreamState<S>>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): StreamState<S> | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, entry: StreamState<S>): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }

  get size(): number {
    return this.entries.size;
  }
}
