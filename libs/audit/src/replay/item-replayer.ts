import type { Redis } from 'ioredis';
import { ItemNotFoundError, itemStream, vnDate, type ItemState } from '#directives';
import type { EventStore, RecordedEvent } from '#event-store';
import { belongsAfterPrefix, FIGURE_EVENT_TYPES, isRevisionPoint, type AsOf, type ItemPoint } from './as-of.js';
import { CheckpointChain, type ChainLink, type ChainWarning, type LinkMeta } from './checkpoint-chain.js';
import { decodeItemChain, encodeItemDelta, type IndexSizes } from './item-state.codec.js';
import { asAtOf, emptyItemFold, foldItemEvent, inPrefix, type ItemFold, type ItemReplay } from './item-replay.js';
import { itemSnapshotVersion } from './replay-version.js';
import { ItemNotIssuedAtError, RevisionNotRecordedError } from './replay.errors.js';
import { StreamCursor } from './stream-cursor.js';
import { WeightedLru } from './weighted-lru.js';

/** Where snapshots and checkpoints are kept. Without `redis`, every answer is a full replay. */
export interface ReplayCacheOptions {
  readonly redis?: Redis;
  /** The deployment's Redis key prefix (`REDIS_KEY_PREFIX`). */
  readonly keyPrefix: string;
  /** Snapshots unused this long expire (default 30 days). */
  readonly ttlSeconds?: number;
  readonly warn?: ChainWarning;
}

export interface ItemReplayerOptions extends ReplayCacheOptions {
  /** A snapshot after every this many events of the item (default 250). */
  readonly snapshotEvery?: number;
  readonly pageSize?: number;
  /** Snapshots kept decoded in this process, weighed by their index entries (default 500,000, some 100 MB at most; 0: none). */
  readonly decodedBudget?: number;
}

export interface ItemSnapshotMeta extends LinkMeta {
  readonly revision: number;
  /**
   * The date in +07 the snapshot's range (the events after the snapshot before it, up to its own
   * revision) opens on: when its first event was recorded.
   */
  readonly opensOn?: string;
  /**
   * The figures of the range about dates before `opensOn` (late reports, corrections), by
   * revision: all that a `knowledge=current` question about an instant before that day needs of
   * the range. Absent: not indexed (too many, or the range was not folded whole), read it all.
   */
  readonly backdated?: readonly number[];
}

/** The range being folded, indexed for its snapshot. */
interface RangeIndex {
  readonly start: number;
  readonly opensOn: string;
  readonly backdated: number[];
}

/** An item replay, and how it was made: from which snapshot (its revision, and whether it was decoded already), folding how many events. */
export interface ItemReplayResult extends ItemReplay {
  readonly fromSnapshot: number | null;
  readonly snapshotFrom: 'process' | 'redis' | null;
  readonly folded: number;
  /** `knowledge=current`: events read after the prefix to find the later figures (the index of backdated figures spares the rest). */
  readonly laterRead: number;
}

/**
 * A snapshot decoded, and the events that follow it in its stream as the first replay from it read
 * them (up to a snapshot's span): later replays from it fold them without reading the store.
 */
type Decoded = { readonly state: ItemState; readonly sizes: IndexSizes; following?: readonly RecordedEvent[] };
type Start = { fold: ItemFold; sizes: IndexSizes; seq: number; extending: boolean; from: 'process' | 'redis' | null; links: readonly ChainLink<ItemSnapshotMeta>[]; decoded?: Decoded };

export const DEFAULT_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Answers "the item as of a point" from the event store, starting at the nearest snapshot at or
 * before the point. Snapshots are taken at revisions `N-1, 2N-1, …` as queries fold past them,
 * kept in Redis as a chain (`CheckpointChain`) under a key holding the code version: they are a
 * cache, losing them costs a full fold the next time, and they are written again then. A chain
 * is only extended by a replay that started from its last snapshot, so its deltas follow on.
 * Snapshots decoded (or taken) by this instance are kept in memory up to `decodedBudget` and
 * shared between replays: use one instance per process.
 */
export class ItemReplayer {
  private readonly every: number;
  private readonly pageSize: number;
  private readonly decoded: WeightedLru<Decoded>;

  constructor(private readonly store: EventStore, private readonly options: ItemReplayerOptions) {
    this.every = options.snapshotEvery ?? 250;
    this.pageSize = options.pageSize ?? 2000;
    this.decoded = new WeightedLru(options.decodedBudget ?? 500_000);
  }

  async replay(itemId: string, point: ItemPoint): Promise<ItemReplayResult> {
    const chain = this.chainOf(itemId);
    const start: Start = chain ? await this.restore(itemId, chain, point) : { fold: emptyItemFold(), sizes: {}, seq: -1, extending: false, from: null, links: [] };
    let { fold, sizes, seq } = start;
    const { decoded } = start;
    const cursor = new StreamCursor(this.store, itemStream(itemId), fold.revision + 1, Math.min(this.every, this.pageSize), this.pageSize, decoded?.following);
    if (decoded && !decoded.following) cursor.record({ left: this.every });
    const first = fold.revision >= 0 ? undefined : await cursor.peek();
    let folded = 0;
    let range: RangeIndex | undefined;
    for (let event = await cursor.peek(); event && inPrefix(event, point); event = await cursor.peek()) {
      cursor.take();
      fold = foldItemEvent(fold, event);
      folded += 1;
      if (!chain || !start.extending) continue;
      if (event.revision % this.every === 0) range = { start: event.revision, opensOn: vnDate(event.metadata.recordedAt), backdated: [] };
      if (range && FIGURE_EVENT_TYPES.has(event.type) && (event.data as { asOf: string }).asOf < range.opensOn) range.backdated.push(event.revision);
      if ((event.revision + 1) % this.every === 0) ({ sizes, seq } = await this.snapshot(itemId, chain, fold, sizes, seq, range));
    }
    const prefix = fold;
    this.check(itemId, point, prefix, first);
    let laterFigures = 0;
    let laterRead = 0;
    if (!isRevisionPoint(point) && point.knowledge === 'current') {
      for await (const event of this.laterEvents(itemId, cursor, prefix.revision + 1, start.links, point)) {
        laterRead += 1;
        if (!belongsAfterPrefix(event, point)) continue;
        fold = foldItemEvent(fold, event);
        laterFigures += 1;
      }
    }
    if (decoded && !decoded.following && cursor.recorded().length > 0) decoded.following = cursor.recorded();
    const fromSnapshot = start.seq >= 0 ? start.fold.revision : null;
    return { state: fold.state, revision: prefix.revision, asAt: asAtOf(point, prefix), laterFigures, fromSnapshot, snapshotFrom: start.from, folded: folded + laterFigures, laterRead };
  }

  /**
   * The events after the prefix (from revision `next`) that may hold later figures about dates up
   * to the instant's: ranges of snapshots opening after the instant's day only by their index of
   * backdated figures, the rest in full. A range opening on a later day was recorded after the
   * instant, and a figure about a date up to the instant's in it is about a date before the day
   * it opens on: it is in its index. In revision order.
   */
  private async *laterEvents(itemId: string, cursor: StreamCursor, next: number, links: readonly ChainLink<ItemSnapshotMeta>[], point: AsOf): AsyncGenerator<RecordedEvent> {
    const day = vnDate(point.at);
    const skippable = links.filter((link) => link.meta.revision - this.every + 1 >= next && link.meta.backdated && link.meta.opensOn! > day);
    if (skippable.length === 0) {
      for (let event = await cursor.peek(); event; event = await cursor.peek()) {
        cursor.take();
        yield event;
      }
      return;
    }
    const stream = itemStream(itemId);
    let from = next;
    for (const { meta } of skippable) {
      const start = meta.revision - this.every + 1;
      yield* this.read(stream, from, start - from);
      for (const run of runs(meta.backdated!)) yield* this.read(stream, run.from, run.count);
      from = meta.revision + 1;
    }
    yield* this.read(stream, from, Infinity);
  }

  /** `count` events of the stream from `from` (to its end: `Infinity`), in pages. */
  private async *read(stream: string, from: number, count: number): AsyncGenerator<RecordedEvent> {
    for (let left = count, revision = from; left > 0; ) {
      const maxCount = Math.min(left, this.pageSize);
      const page = await this.store.readStream(stream, { fromRevision: revision, maxCount });
      yield* page;
      if (page.length < maxCount) return;
      left -= page.length;
      revision = page[page.length - 1]!.revision + 1;
    }
  }

  /** Forgets the item's snapshots (they are rebuilt by the next replays). */
  async forget(itemId: string): Promise<void> {
    await this.chainOf(itemId)?.drop();
  }

  private chainOf(itemId: string): CheckpointChain<ItemSnapshotMeta> | undefined {
    const { redis, keyPrefix, ttlSeconds, warn } = this.options;
    if (!redis) return undefined;
    return new CheckpointChain(redis, `${keyPrefix}:audit:replay:item:${itemSnapshotVersion()}-n${this.every}:${itemId}`, ttlSeconds ?? DEFAULT_TTL_SECONDS, warn);
  }

  /**
   * The nearest usable snapshot (decoded already in this process, or read from Redis), or the
   * empty fold; a chain whose deltas are gone is dropped and made again.
   */
  private async restore(itemId: string, chain: CheckpointChain<ItemSnapshotMeta>, point: ItemPoint): Promise<Start> {
    const links = await chain.links();
    const usable = links.filter((link) => (isRevisionPoint(point) ? link.meta.revision <= point.revision : link.meta.recordedAt <= point.at));
    const nearest: ChainLink<ItemSnapshotMeta> | undefined = usable[usable.length - 1];
    const fresh: Start = { fold: emptyItemFold(), sizes: {}, seq: -1, extending: links.length === 0, from: null, links };
    if (!nearest) return fresh;
    const key = `${itemId}|${nearest.meta.id}`;
    let decoded = this.decoded.get(key);
    const from = decoded ? 'process' : 'redis';
    if (!decoded) {
      const stored = await chain.restore(nearest.seq, true);
      decoded = stored && decodeOrUndefined(stored.deltas, stored.head!);
      if (!decoded) {
        await chain.drop().catch(() => undefined);
        return { ...fresh, extending: true };
      }
      this.remember(key, decoded);
    }
    const fold: ItemFold = { state: decoded.state, revision: nearest.meta.revision, recordedAt: nearest.meta.recordedAt };
    return { fold, sizes: decoded.sizes, seq: nearest.seq, extending: nearest.seq === links.length - 1, from, links, decoded };
  }

  private async snapshot(itemId: string, chain: CheckpointChain<ItemSnapshotMeta>, fold: ItemFold, sizes: IndexSizes, seq: number, range: RangeIndex | undefined): Promise<{ sizes: IndexSizes; seq: number }> {
    const encoded = encodeItemDelta(fold.state, sizes);
    const base = seq >= 0 ? { base: String((seq + 1) * this.every - 1) } : {};
    // Indexed only when the range was folded whole, and only while its index stays small beside it.
    const whole = range && range.start === fold.revision - this.every + 1;
    const index = whole ? { opensOn: range.opensOn, ...(range.backdated.length <= Math.max(16, this.every / 4) ? { backdated: range.backdated } : {}) } : {};
    await chain.append(seq + 1, { id: String(fold.revision), ...base, recordedAt: fold.recordedAt!, revision: fold.revision, ...index }, encoded);
    this.remember(`${itemId}|${fold.revision}`, { state: fold.state, sizes: encoded.sizes });
    return { sizes: encoded.sizes, seq: seq + 1 };
  }

  /** States are immutable (their indexes too), so a decoded snapshot is shared by every replay that starts from it. */
  private remember(key: string, decoded: Decoded): void {
    // Weighed with the events that may follow it (`following`, up to a snapshot's span).
    this.decoded.set(key, decoded, 1 + this.every + Object.values(decoded.sizes).reduce((sum, n) => sum + n, 0));
  }

  private check(itemId: string, point: ItemPoint, prefix: ItemFold, first: RecordedEvent | undefined): void {
    if (prefix.revision < 0 && !first) throw new ItemNotFoundError(itemId);
    if (prefix.state.status === 'unissued') {
      const at = isRevisionPoint(point) ? `revision ${point.revision}` : point.at;
      throw new ItemNotIssuedAtError(itemId, at, first?.metadata.recordedAt ?? '');
    }
    if (isRevisionPoint(point) && prefix.revision < point.revision) throw new RevisionNotRecordedError(itemId, point.revision, prefix.revision);
  }
}

function decodeOrUndefined(deltas: readonly string[], head: string): Decoded | undefined {
  try {
    return decodeItemChain(deltas, head);
  } catch {
    return undefined;
  }
}

/** Ascending revisions as runs of consecutive ones, each read at once. */
function runs(revisions: readonly number[]): { from: number; count: number }[] {
  const found: { from: number; count: number }[] = [];
  for (const revision of revisions) {
    const last = found[found.length - 1];
    if (last && last.from + last.count === revision) last.count += 1;
    else found.push({ from: revision, count: 1 });
  }
  return found;
}
