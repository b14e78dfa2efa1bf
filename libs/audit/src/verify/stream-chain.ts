import { chainHash, type RecordedEvent } from '#event-store';
import type { ChainBreak, StreamHead } from './chain-verification.js';

/**
 * One stream's chain followed event by event, in the order a walk meets them. It stops at the
 * first broken link: what comes after it cannot be trusted to chain on anything.
 */
export class StreamChain {
  private revision = -1;
  private hash: string | undefined;
  private firstBreak: ChainBreak | undefined;
  private brokenAt: number | undefined;

  constructor(
    readonly streamId: string,
    private readonly anchored?: StreamHead,
  ) {}

  /** The verified head; undefined for a stream with no verified event. */
  get head(): StreamHead | undefined {
    return this.hash === undefined ? undefined : { revision: this.revision, hash: this.hash };
  }

  /**
   * Checks the next event; returns the break it reveals, if any (and remembers it). Given the
   * whole stream as `candidates`, a hash mismatch caused by a move is told apart from an edit.
   */
  accept(event: RecordedEvent, candidates?: readonly RecordedEvent[]): ChainBreak | undefined {
    if (this.firstBreak) return undefined;
    const problem = this.check(event, candidates);
    if (problem) {
      this.firstBreak = { streamId: this.streamId, ...problem };
      this.brokenAt = event.revision;
    }
    return this.firstBreak;
  }

  /**
   * The break of a walk in global order whose stream verifies in revision order: the log holds
   * the stream's events out of order.
   */
  outOfOrder(): ChainBreak | undefined {
    const found = this.brokenAt;
    if (!this.firstBreak || found === undefined || found <= this.firstBreak.revision) return this.firstBreak;
    const detail = `revision ${found} comes before revision ${this.firstBreak.revision} in the global log`;
    return { streamId: this.streamId, revision: this.firstBreak.revision, kind: 'reordered', detail };
  }

  /** After the last event: a stream that ends below its anchored head was truncated. */
  finish(): ChainBreak | undefined {
    if (this.firstBreak || !this.anchored || this.revision >= this.anchored.revision) return this.firstBreak;
    const end = this.revision < 0 ? 'the stream is gone' : `the stream ends at revision ${this.revision}`;
    const detail = `${end}, but revision ${this.anchored.revision} was anchored`;
    this.firstBreak = { streamId: this.streamId, revision: this.revision + 1, kind: 'truncated', detail };
    return this.firstBreak;
  }

  private check(event: RecordedEvent, candidates?: readonly RecordedEvent[]): Omit<ChainBreak, 'streamId'> | undefined {
    const expected = this.revision + 1;
    const { revision } = event;
    if (revision < expected) return { revision, kind: 'reordered', detail: `revision ${revision} comes after revision ${this.revision} in the global log` };
    if (revision > expected) return { revision: expected, kind: 'missing', detail: `revision ${expected} is missing: the next event is revision ${revision} (${event.eventId})` };
    const stored = event.metadata.hash;
    if (!stored) return { revision, kind: 'unchained', detail: `event ${event.eventId} (${event.type}) carries no hash` };
    const computed = chainHash(this.hash ?? null, event);
    if (computed !== stored) return mismatch(this.hash, event, candidates);
    if (this.anchored?.revision === revision && this.anchored.hash !== stored) {
      return { revision, kind: 'edited', detail: `the chain up to revision ${revision} differs from the anchored one (the stream was rewritten)` };
    }
    this.revision = revision;
    this.hash = stored;
    return undefined;
  }
}

/**
 * The stored hash is not the hash of the content. If another event of the stream chains exactly
 * here, it was moved (reordered); otherwise this event, or the one before it together with its
 * hash, was altered.
 */
function mismatch(previous: string | undefined, event: RecordedEvent, candidates?: readonly RecordedEvent[]): Omit<ChainBreak, 'streamId'> {
  const { revision } = event;
  const belongsHere = candidates?.find(
    (other) => other !== event && other.metadata.hash !== undefined && chainHash(previous ?? null, { ...other, revision }) === other.metadata.hash,
  );
  if (belongsHere) {
    const detail = `the event recorded at revision ${revision} (${belongsHere.eventId}) now stands at revision ${belongsHere.revision}`;
    return { revision, kind: 'reordered', detail };
  }
  const before = revision === 0 ? '' : `, or revision ${revision - 1} was rewritten with a recomputed hash`;
  return { revision, kind: 'edited', detail: `the hash of event ${event.eventId} (${event.type}) does not match its content${before}` };
}
