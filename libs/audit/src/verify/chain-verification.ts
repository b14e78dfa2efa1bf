import { DomainError } from '#directives';

/**
 * What a broken link is:
 * - `edited`: the event's stored hash is not the hash of its content chained on the previous event
 *   (its payload or envelope changed, or the previous event was rewritten with a recomputed hash),
 *   or the stream's chain differs from the one an anchor recorded;
 * - `missing`: a revision is absent (a deleted event), or, on a store that numbers its log without
 *   gaps, a global position is absent;
 * - `reordered`: the event recorded at this revision stands at another one, or the global log
 *   shows a stream's revisions out of order;
 * - `truncated`: the stream ends before the head an anchor recorded;
 * - `unchained`: the event carries no hash (recorded before the chain existed, or stripped).
 */
export type ChainBreakKind = 'edited' | 'missing' | 'reordered' | 'truncated' | 'unchained';

export const CHAIN_BREAK_KINDS: readonly ChainBreakKind[] = ['edited', 'missing', 'reordered', 'truncated', 'unchained'];

/** The first broken link of one stream. */
export interface ChainBreak {
  /** The stream, or `$all` for a gap in the global log. */
  readonly streamId: string;
  /** The first revision that does not verify (-1 for a gap in the global log). */
  readonly revision: number;
  readonly kind: ChainBreakKind;
  /** What was found, in words, naming revisions and event ids. */
  readonly detail: string;
  /** For a gap in the global log: the first missing position. */
  readonly position?: string;
}

/** The outcome of one verification; `ok` exactly when nothing is broken. */
export interface ChainVerification {
  readonly verifiedAt: string;
  /** Streams walked (a stream recorded in the anchor but gone counts too). */
  readonly streams: number;
  readonly events: number;
  readonly ok: boolean;
  readonly broken: ChainBreak[];
  /** When the anchor that truncation was checked against was verified. */
  readonly anchoredAt?: string;
}

/** The last event of a stream as verified: what an anchor records. */
export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/** An anchor was asked for while the store does not verify: anchoring it would bless the damage. */
export class ChainBrokenError extends DomainError {
  readonly code = 'AUDIT.CHAIN_BROKEN';
  readonly category = 'conflict';

  constructor(readonly verification: ChainVerification) {
    super(`The event store does not verify (${verification.broken.length} broken stream(s)); no anchor was recorded`, undefined, {
      broken: verification.broken,
    });
  }
}
