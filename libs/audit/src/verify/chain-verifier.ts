import { ConcurrencyConflictError } from '#directives';
import { WrongExpectedRevisionError, type EventStore, type GlobalPosition, type RecordedEvent } from '#event-store';
import type { Clock } from '#platform';
import { ANCHOR_STREAM, appendAnchor, readLastAnchor, type AnchorRequest, type LastAnchor, type RecordedAnchor } from './chain-anchors.js';
import { ChainBrokenError, type ChainBreak, type ChainVerification, type StreamHead } from './chain-verification.js';
import { PositionGaps } from './position-gaps.js';
import { StreamChain } from './stream-chain.js';

export interface ChainVerifierOptions {
  /** Events per `readAll` page of a whole-store walk. Default 1,000. */
  readonly pageSize?: number;
  /**
   * The store numbers its global log 1, 2, 3… without gaps (the SQLite adapter), so a missing
   * position is a deleted event, even one at a stream's tail that no chain can see. Only the wiring
   * that chose the adapter may say so; EventStoreDB's positions have gaps by design.
   */
  readonly contiguousPositions?: boolean;
}

export interface VerifyOptions {
  /** Verify only this stream (read on its own), instead of walking the whole log. */
  readonly stream?: string;
  /** Called after each page of a whole-store walk, for progress output. */
  readonly progress?: (walked: { events: number; streams: number }) => void;
}

/** A finished walk: the report, and the heads an anchor would record. */
interface Walk {
  readonly verification: ChainVerification;
  readonly heads: Map<string, StreamHead>;
}

/**
 * Verifies the hash chains of the event store and records anchors of verified heads.
 *
 * A whole-store walk reads the global log once, following each stream's chain; a stream that
 * breaks is then read on its own to say exactly what broke (an edit, a move or a deletion). The
 * newest anchor adds what a chain cannot see: a stream cut below the head it had when anchored.
 *
 * Watch out: a walk is as long as the log (one SHA-256 per event); the store keeps being
 * written meanwhile, and events appended during the walk are verified when the walk reaches them.
 */
export class ChainVerifier {
  private readonly pageSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly options: ChainVerifierOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 1_000;
  }

  async verify(options: VerifyOptions = {}): Promise<ChainVerification> {
    const anchor = await readLastAnchor(this.store);
    if (options.stream !== undefined) return this.verifyStream(options.stream, anchor);
    return (await this.walk(anchor, options)).verification;
  }

  /**
   * Verifies the whole store and, when it is intact, records the heads it verified as an anchor.
   *
   * @throws ChainBrokenError when something is broken (nothing is recorded).
   * @throws ConcurrencyConflictError when another anchor was recorded during the walk.
   */
  async anchor(request: Omit<AnchorRequest, 'recordedAt'>, options: Omit<VerifyOptions, 'stream'> = {}): Promise<{ verification: ChainVerification; anchor: RecordedAnchor }> {
    const { verification, heads } = await this.walk(await readLastAnchor(this.store), options);
    if (!verification.ok) throw new ChainBrokenError(verification);
    const data = { heads: Object.fromEntries(heads), verifiedAt: verification.verifiedAt };
    const recordedAt = this.clock.now().toISOString();
    try {
      return { verification, anchor: await appendAnchor(this.store, data, heads.get(ANCHOR_STREAM), { ...request, recordedAt }) };
    } catch (error) {
      throw error instanceof WrongExpectedRevisionError ? new ConcurrencyConflictError(ANCHOR_STREAM, 1) : error;
    }
  }

  private async verifyStream(streamId: string, anchor: LastAnchor | undefined): Promise<ChainVerification> {
    const events = await this.store.readStream(streamId);
    const broken = diagnose(streamId, events, anchor?.heads[streamId]);
    const exists = events.length > 0 || broken !== undefined;
    return this.report(exists ? 1 : 0, events.length, broken ? [broken] : [], anchor);
  }

  private async walk(anchor: LastAnchor | undefined, options: VerifyOptions): Promise<Walk> {
    const chains = new Map<string, StreamChain>();
    const gaps = this.options.contiguousPositions ? new PositionGaps() : undefined;
    let events = 0;
    let after: GlobalPosition | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: this.pageSize });
      for (const event of page.events) {
        gaps?.accept(event.position);
        chainOf(chains, event.streamId, anchor).accept(event);
      }
      events += page.events.length;
      options.progress?.({ events, streams: chains.size });
      if (page.isEnd || page.events.length === 0) break;
      after = page.events[page.events.length - 1]!.position;
    }
    for (const streamId of Object.keys(anchor?.heads ?? {})) chainOf(chains, streamId, anchor);
    const broken = await this.explain(chains, anchor);
    if (gaps?.first) broken.push(gaps.first);
    const heads = new Map([...chains].flatMap(([id, chain]) => (chain.head ? [[id, chain.head] as const] : [])));
    return { verification: this.report(chains.size, events, broken, anchor), heads };
  }

  /** Reads each stream that broke during the walk on its own, to say what broke. */
  private async explain(chains: Map<string, StreamChain>, anchor: LastAnchor | undefined): Promise<ChainBreak[]> {
    const broken: ChainBreak[] = [];
    for (const [streamId, chain] of chains) {
      if (!chain.finish()) continue;
      const exact = diagnose(streamId, await this.store.readStream(streamId), anchor?.heads[streamId]);
      broken.push(exact ?? chain.outOfOrder()!);
    }
    return broken;
  }

  private report(streams: number, events: number, broken: ChainBreak[], anchor: LastAnchor | undefined): ChainVerification {
    const verification = { verifiedAt: this.clock.now().toISOString(), streams, events, ok: broken.length === 0, broken };
    return anchor ? { ...verification, anchoredAt: anchor.verifiedAt } : verification;
  }
}

function chainOf(chains: Map<string, StreamChain>, streamId: string, anchor: LastAnchor | undefined): StreamChain {
  let chain = chains.get(streamId);
  if (!chain) chains.set(streamId, (chain = new StreamChain(streamId, anchor?.heads[streamId])));
  return chain;
}

/** The first broken link of one stream read in revision order, with the whole stream at hand. */
function diagnose(streamId: string, events: readonly RecordedEvent[], anchored: StreamHead | undefined): ChainBreak | undefined {
  const chain = new StreamChain(streamId, anchored);
  for (const event of events) if (chain.accept(event, events)) break;
  return chain.finish();
}
