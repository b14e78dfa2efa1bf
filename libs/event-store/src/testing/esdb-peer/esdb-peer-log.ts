/** An event as proposed by the client, before it gets a revision and a position. */
export interface ProposedEvent {
  /** Lower-case UUID. */
  readonly id: string;
  readonly type: string;
  /** `application/json` or `application/octet-stream` (EventStoreDB only keeps "is JSON"). */
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface PeerEvent extends ProposedEvent {
  readonly streamId: string;
  /** Zero-based revision in the stream. */
  readonly revision: bigint;
  /** Global position; commit and prepare position are both this number. */
  readonly position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as EventStoreDB's `created` metadata. */
  readonly created: bigint;
}

export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** One stream of the log: its events by revision and the latest event of each id. */
interface PeerStream {
  readonly events: PeerEvent[];
  readonly byId: Map<string, PeerEvent>;
}

/** What an append did. `revision` is undefined when the stream does not exist. */
export type AppendOutcome =
  | { readonly kind: 'written' | 'idempotent'; readonly revision: bigint; readonly position: bigint }
  | { readonly kind: 'empty'; readonly revision: bigint | undefined }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | undefined };

export type AppendListener = (events: readonly PeerEvent[]) => void;

/** Where the first record goes: EventStoreDB's log never starts with an event at position 0. */
const FIRST_POSITION = 1024n;
/** Bytes a record takes besides its stream name, type, data and metadata (roughly EventStoreDB's). */
const RECORD_OVERHEAD = 96n;
const TICKS_PER_MILLISECOND = 10_000n;

/**
 * The peer's in-memory log: one global sequence of events, each in one stream.
 *
 * Positions grow like byte offsets in EventStoreDB's transaction file (by the size of each
 * record), so they are monotonic but not consecutive: code that adds 1 to a position, or
 * counts events with them, fails here as it would against EventStoreDB.
 */
export class PeerLog {
  private readonly events: PeerEvent[] = [];
  private readonly streams = new Map<string, PeerStream>();
  private readonly listeners = new Set<AppendListener>();
  private nextPosition = FIRST_POSITION;

  /** Every event in global order (a live view: do not modify). */
  get all(): readonly PeerEvent[] {
    return this.events;
  }

  /** The events of a stream by revision, or undefined when the stream does not exist. */
  stream(streamId: string): readonly PeerEvent[] | undefined {
    return this.streams.get(streamId)?.events;
  }

  /** Position of the last event, or undefined while the log is empty. */
  get lastPosition(): bigint | undefined {
    return this.events.at(-1)?.position;
  }

  /** Checks the expected revision and writes atomically, then tells the listeners synchronously. */
  append(streamId: string, expected: ExpectedRevision, proposed: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId);
    const decision = decideAppend(stream, expected, proposed.map((event) => event.id));
    if (decision.kind === 'wrong') return { kind: 'wrong-expected-version', current: currentRevision(stream) };
    if (decision.kind === 'idempotent') return outcome('idempotent', decision.last);
    if (proposed.length === 0) return { kind: 'empty', revision: currentRevision(stream) };
    const written = this.write(streamId, proposed);
    for (const listener of this.listeners) listener(written);
    return outcome('written', written[written.length - 1]);
  }

  /** Calls `listener` with every later append, synchronously; returns the unsubscribe function. */
  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(streamId: string, proposed: readonly ProposedEvent[]): PeerEvent[] {
    const stream = this.streamFor(streamId);
    const created = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    const written = proposed.map((event) => {
      const recorded: PeerEvent = {
        ...event,
        streamId,
        revision: BigInt(stream.events.length),
        position: this.allocatePosition(streamId, event),
        created,
      };
      stream.events.push(recorded);
      stream.byId.set(recorded.id, recorded);
      return recorded;
    });
    this.events.push(...written);
    return written;
  }

  private streamFor(streamId: string): PeerStream {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { events: [], byId: new Map() };
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  private allocatePosition(streamId: string, event: ProposedEvent): bigint {
    const position = this.nextPosition;
    const size = streamId.length + event.type.length + event.data.length + event.customMetadata.length;
    this.nextPosition += RECORD_OVERHEAD + BigInt(size);
    return position;
  }
}

function currentRevision(stream: PeerStream | undefined): bigint | undefined {
  return stream ? BigInt(stream.events.length - 1) : undefined;
}

function outcome(kind: 'written' | 'idempotent', last: PeerEvent): AppendOutcome {
  return { kind, revision: last.revision, position: last.position };
}

type AppendDecision =
  | { readonly kind: 'write' }
  | { readonly kind: 'idempotent'; readonly last: PeerEvent }
  | { readonly kind: 'wrong' };

const WRITE: AppendDecision = { kind: 'write' };
const WRONG: AppendDecision = { kind: 'wrong' };

/**
 * EventStoreDB's commit check (`IndexWriter.CheckCommit`), reduced to what the peer needs: the
 * expected-revision check and idempotent appends by event id.
 *
 * - New stream: `any` and `no_stream` write; `stream_exists` and a revision are wrong.
 * - `any` / `stream_exists` on an existing stream: when the first event id is not in the stream
 *   the events are written; when every id is (anywhere in the stream) the append is idempotent;
 *   when only some are, it is a wrong expected version ("corrupted idempotency").
 * - A revision (`no_stream` counts as -1) behind the stream's: idempotent when the stream holds
 *   exactly these ids right after that revision, in order; otherwise wrong.
 * - A revision ahead of the stream's: wrong. Equal: the events are written.
 */
function decideAppend(
  stream: PeerStream | undefined,
  expected: ExpectedRevision,
  ids: readonly string[],
): AppendDecision {
  if (!stream) return expected === 'any' || expected === 'no_stream' ? WRITE : WRONG;
  if (expected === 'any' || expected === 'stream_exists') return byMembership(stream, ids);
  const revision = expected === 'no_stream' ? -1n : expected;
  const current = BigInt(stream.events.length - 1);
  if (revision < current) return bySequence(stream, revision, ids);
  return revision === current ? WRITE : WRONG;
}

function byMembership(stream: PeerStream, ids: readonly string[]): AppendDecision {
  let last: PeerEvent | undefined;
  for (const [index, id] of ids.entries()) {
    const found = stream.byId.get(id);
    if (!found) return index === 0 ? WRITE : WRONG;
    last = found;
  }
  return last ? { kind: 'idempotent', last } : WRITE;
}

function bySequence(stream: PeerStream, revision: bigint, ids: readonly string[]): AppendDecision {
  let last: PeerEvent | undefined;
  for (const [index, id] of ids.entries()) {
    const found = stream.events[Number(revision) + 1 + index];
    if (found?.id !== id) return WRONG;
    last = found;
  }
  return last ? { kind: 'idempotent', last } : WRONG;
}
