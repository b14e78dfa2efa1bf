import { createHash } from 'node:crypto';
import { DIRECTIVE_REGISTRY_STREAM, DirectiveNotFoundError, itemStream, type DirectiveRegistered } from '#directives';
import type { EventStore, RecordedEvent } from '#event-store';
import type { Projection } from '#read-models';
import { belongsAfterPrefix, recordedBy, type AsOf } from './as-of.js';
import { CheckpointChain, type ChainLink, type LinkMeta } from './checkpoint-chain.js';
import { CheckpointHistory } from './checkpoint-history.js';
import { DirectiveDocs } from './directive-docs.js';
import { DIRECTIVE_REPLAY_PROJECTIONS } from './directive-overview-at.js';
import { DEFAULT_TTL_SECONDS, type ReplayCacheOptions } from './item-replayer.js';
import { directiveCheckpointVersion } from './replay-version.js';
import { DirectiveNotRegisteredAtError } from './replay.errors.js';
import { RecordedOrder, StreamCursor } from './stream-cursor.js';
import { WeightedLru } from './weighted-lru.js';

export interface DirectiveReplayerOptions extends ReplayCacheOptions {
  /** A checkpoint after every this many events applied (default 25,000). */
  readonly checkpointEvery?: number;
  readonly pageSize?: number;
  readonly projections?: readonly Projection[];
  /**
   * Decoded checkpoints kept in this process, in characters of checkpoint JSON (default
   * 512,000,000; a directive of a million events is ~250 MB of JSON and takes some 1 GB of
   * memory decoded; 0: none, every restore decodes from Redis).
   */
  readonly decodedBudget?: number;
}

export interface DirectiveCheckpointMeta extends LinkMeta {
  /** The last revision applied of each item stream (absent: none yet). */
  readonly revisions: Readonly<Record<string, number>>;
}

/** A directive's read-model documents as of an instant, and how they were made. */
export interface DirectiveReplay {
  readonly directive: DirectiveRegistered['data'];
  readonly docs: DirectiveDocs;
  readonly asOf: AsOf;
  readonly laterFigures: number;
  /** When the last event of the checkpoint started from was recorded; `null`: replayed from the start. */
  readonly fromCheckpoint: string | null;
  /** Events applied by this replay (after the checkpoint). */
  readonly applied: number;
  /** Where the checkpoint started from was: decoded already in this process, or read from Redis. */
  readonly checkpointFrom: 'process' | 'redis' | null;
}

type Start = {
  docs: DirectiveDocs;
  revisions: Readonly<Record<string, number>>;
  seq: number;
  id?: string;
  extending: boolean;
  from: string | null;
  checkpointFrom: 'process' | 'redis' | null;
  /** The decoded history the replay extends with the checkpoints it writes. */
  history?: CheckpointHistory;
  /** The decoded history the documents start from (kept in this process), when from a checkpoint. */
  kept?: CheckpointHistory;
};

/**
 * Events kept after a checkpoint, for the next answers from it, in all (shared by the directive's
 * item streams, each keeping what it reads while some are left): about what an answer from the
 * last checkpoint before today reads in `current` knowledge for a directive of a million events
 * (~70,000: the events up to the instant and the later ones of every stream), at ~500 characters
 * each in the cache's weight.
 */
const FOLLOWING_EVENTS = 100_000;
const FOLLOWING_EVENT_CHARS = 500;

/** The default of `decodedBudget`. */
export const DEFAULT_DECODED_CHECKPOINT_CHARS = 512_000_000;

/**
 * Replays the read models of one directive up to an instant, reading only its own streams (its
 * registration and its items) in recorded order, from the nearest checkpoint at or before the
 * instant. Checkpoints hold the documents changed since the previous one (`CheckpointChain`),
 * with the revision reached in each stream, under a key naming the projections and their
 * versions: a projection whose `version` changes never reads another version's checkpoints.
 * They are a cache: losing them costs a full replay, which writes them again.
 *
 * A chain read from Redis is decoded whole, once, into a `CheckpointHistory` kept in this
 * process (least recently used first out, up to `decodedBudget`): later questions about the
 * directive, at any date, start from memory and fold only the events after their checkpoint,
 * which the history keeps as far as answers read them (`FOLLOWING_EVENTS`).
 * Replays that write checkpoints add them to it. Use one instance per process.
 *
 * Watch the memory: the documents are held whole (a directive of 1,000,000 reports holds about
 * a million small documents while it is answered, and its history as long as it is kept).
 */
export class DirectiveReplayer {
  private readonly every: number;
  private readonly pageSize: number;
  private readonly decoded: WeightedLru<CheckpointHistory>;
  /** Decodes under way, by chain key. */
  private readonly decoding = new Map<string, Promise<CheckpointHistory | undefined>>();
  readonly projections: readonly Projection[];

  constructor(private readonly store: EventStore, private readonly options: DirectiveReplayerOptions) {
    this.every = options.checkpointEvery ?? 25_000;
    this.pageSize = options.pageSize ?? 5_000;
    this.projections = options.projections ?? DIRECTIVE_REPLAY_PROJECTIONS;
    this.decoded = new WeightedLru(options.decodedBudget ?? DEFAULT_DECODED_CHECKPOINT_CHARS);
  }

  async replay(directiveId: string, asOf: AsOf, field = 'asOf'): Promise<DirectiveReplay> {
    const registration = await this.registration(directiveId);
    if (!recordedBy(registration, asOf.at)) throw new DirectiveNotRegisteredAtError(directiveId, asOf.at, registration.metadata.recordedAt, field);
    const directive = registration.data as DirectiveRegistered['data'];
    const chain = this.chainOf(directiveId);
    const start = await this.restore(chain, asOf.at, registration);
    const { docs, history } = start;
    // Events after a checkpoint kept in this process, and those this answer reads past them, kept for the next ones.
    const keeping = chain && start.kept && this.decoded.get(chain.key) === start.kept ? start.kept : undefined;
    const following = keeping?.followingAt(start.seq);
    let known = 0;
    for (const events of following?.values() ?? []) known += events.length;
    const budget = { left: FOLLOWING_EVENTS - known };
    const cursors = directive.items.map(({ itemId }) => {
      const stream = itemStream(itemId);
      const cursor = new StreamCursor(this.store, stream, (start.revisions[stream] ?? -1) + 1, Math.min(500, this.pageSize), this.pageSize, following?.get(stream));
      if (keeping) cursor.record(budget);
      return cursor;
    });
    const order = new RecordedOrder(cursors);
    const revisions = { ...start.revisions };
    let { seq, id } = start;
    let applied = 0;
    for (let next = await order.peek(); next && recordedBy(next.event, asOf.at); next = await order.peek()) {
      next.cursor.take();
      docs.apply(next.event);
      revisions[next.event.streamId] = next.event.revision;
      applied += 1;
      if (chain && start.extending && docs.applied >= this.every) ({ seq, id } = await this.checkpoint(chain, docs, revisions, seq, id, next.event, history));
    }
    if (chain && history) this.remember(chain, history);
    const laterFigures = asOf.knowledge === 'current' ? await this.laterFigures(cursors, docs, asOf) : 0;
    if (chain && keeping) this.keepFollowing(chain, keeping, start.seq, cursors, following);
    return { directive, docs, asOf, laterFigures, fromCheckpoint: start.from, applied: applied + laterFigures, checkpointFrom: start.checkpointFrom };
  }

  /** Forgets the directive's checkpoints (the next replays write them again). */
  async forget(directiveId: string): Promise<void> {
    const chain = this.chainOf(directiveId);
    if (!chain) return;
    this.decoded.delete(chain.key);
    await chain.drop();
  }

  private async registration(directiveId: string): Promise<RecordedEvent> {
    const registry = await this.store.readStream(DIRECTIVE_REGISTRY_STREAM);
    const found = registry.find((e) => e.type === 'DirectiveRegistered' && (e.data as { directiveId: string }).directiveId === directiveId);
    if (!found) throw new DirectiveNotFoundError(directiveId);
    return found;
  }

  private chainOf(directiveId: string): CheckpointChain<DirectiveCheckpointMeta> | undefined {
    const { redis, keyPrefix, ttlSeconds, warn } = this.options;
    if (!redis) return undefined;
    return new CheckpointChain(redis, `${keyPrefix}:audit:replay:directive:${directiveCheckpointVersion(this.projections)}:${directiveId}`, ttlSeconds ?? DEFAULT_TTL_SECONDS, warn);
  }

  /**
   * The nearest usable checkpoint, from the history decoded in this process or else decoded from
   * Redis (the whole chain, kept for the next questions), or the registration alone; a chain
   * whose deltas are gone is dropped and made again.
   */
  private async restore(chain: CheckpointChain<DirectiveCheckpointMeta> | undefined, at: string, registration: RecordedEvent): Promise<Start> {
    const fresh = (extending: boolean): Start => {
      const docs = new DirectiveDocs(this.projections, extending);
      docs.apply(registration);
      const history = extending && this.decoded.budget > 0 ? new CheckpointHistory(this.projections.map((p) => p.name)) : undefined;
      return { docs, revisions: {}, seq: -1, extending, from: null, checkpointFrom: null, ...(history ? { history } : {}) };
    };
    if (!chain) return fresh(false);
    const links = await chain.links();
    const nearest = links.filter((link) => link.meta.recordedAt <= at).pop();
    if (!nearest) return fresh(links.length === 0);
    const kept = this.decoded.get(chain.key);
    const history = kept?.holds(nearest.seq, nearest.meta.id) ? kept : await this.decodeOnce(chain, links, nearest);
    if (!history) {
      await chain.drop().catch(() => undefined);
      return fresh(true);
    }
    const extending = nearest.seq === links.length - 1 && history.length === links.length;
    const docs = DirectiveDocs.over(history, nearest.seq, this.projections, extending);
    const { revisions, id, recordedAt } = nearest.meta;
    return { docs, revisions, seq: nearest.seq, id, extending, from: recordedAt, checkpointFrom: history === kept ? 'process' : 'redis', kept: history, ...(extending ? { history } : {}) };
  }

  /**
   * `decode`, shared by the questions that need it at the same time: a million-event directive
   * decodes into about a gigabyte, so concurrent first questions must not each decode their own.
   */
  private async decodeOnce(
    chain: CheckpointChain<DirectiveCheckpointMeta>,
    links: readonly ChainLink<DirectiveCheckpointMeta>[],
    nearest: ChainLink<DirectiveCheckpointMeta>,
  ): Promise<CheckpointHistory | undefined> {
    const running = this.decoding.get(chain.key);
    const shared = running && (await running);
    if (shared?.holds(nearest.seq, nearest.meta.id)) return shared;
    const decoding = this.decode(chain, links);
    this.decoding.set(chain.key, decoding);
    try {
      return await decoding;
    } finally {
      if (this.decoding.get(chain.key) === decoding) this.decoding.delete(chain.key);
    }
  }

  /** The whole intact chain, decoded and kept; `undefined` when a delta is gone or unreadable. */
  private async decode(chain: CheckpointChain<DirectiveCheckpointMeta>, links: readonly ChainLink<DirectiveCheckpointMeta>[]): Promise<CheckpointHistory | undefined> {
    const history = new CheckpointHistory(this.projections.map((p) => p.name));
    const complete = await chain.eachDelta(links.length - 1, (delta, seq) => history.add(seq, links[seq]!.meta.id, delta)).catch(() => false);
    if (!complete) return undefined;
    this.remember(chain, history);
    return history;
  }

  /**
   * Keeps in the history the events after the checkpoint: those it kept already (`known`) and
   * those the cursors read past them, when they read any; and weighs it again.
   */
  private keepFollowing(
    chain: CheckpointChain<DirectiveCheckpointMeta>,
    history: CheckpointHistory,
    seq: number,
    cursors: readonly StreamCursor[],
    known: ReadonlyMap<string, readonly RecordedEvent[]> | undefined,
  ): void {
    let added = 0;
    for (const cursor of cursors) added += cursor.recorded().length;
    if (added === 0) return;
    const events = new Map(cursors.map((cursor) => [cursor.streamId, [...(known?.get(cursor.streamId) ?? []), ...cursor.recorded()]] as const));
    history.keepFollowing(seq, events, added * FOLLOWING_EVENT_CHARS);
    this.remember(chain, history);
  }

  private remember(chain: CheckpointChain<DirectiveCheckpointMeta>, history: CheckpointHistory): void {
    this.decoded.set(chain.key, history, history.weight);
  }

  private async checkpoint(
    chain: CheckpointChain<DirectiveCheckpointMeta>,
    docs: DirectiveDocs,
    revisions: Record<string, number>,
    seq: number,
    base: string | undefined,
    last: RecordedEvent,
    history: CheckpointHistory | undefined,
  ) {
    const id = createHash('sha256').update(JSON.stringify(Object.entries(revisions).sort())).digest('hex').slice(0, 16);
    const meta: DirectiveCheckpointMeta = { id, ...(base ? { base } : {}), recordedAt: last.metadata.recordedAt, revisions: { ...revisions } };
    const delta = docs.takeDelta();
    await chain.append(seq + 1, meta, { delta });
    // Decoded from the text, not shared with the replay, which goes on changing its documents.
    if (history?.length === seq + 1) history.add(seq + 1, id, delta);
    docs.applied = 0;
    return { seq: seq + 1, id };
  }

  /** `knowledge=current`: the rest of each item stream, keeping the later figures about dates up to the instant. */
  private async laterFigures(cursors: readonly StreamCursor[], docs: DirectiveDocs, asOf: AsOf): Promise<number> {
    let count = 0;
    for (const cursor of cursors) {
      for (let event = await cursor.peek(); event; event = await cursor.peek()) {
        cursor.take();
        if (!belongsAfterPrefix(event, asOf)) continue;
        docs.apply(event);
        count += 1;
      }
    }
    return count;
  }
}
