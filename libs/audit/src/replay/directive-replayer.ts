import { createHash } from 'node:crypto';
import { DIRECTIVE_REGISTRY_STREAM, DirectiveNotFoundError, itemStream, type DirectiveRegistered } from '#directives';
import type { EventStore, RecordedEvent } from '#event-store';
import type { Projection } from '#read-models';
import { belongsAfterPrefix, recordedBy, type AsOf } from './as-of.js';
import { CheckpointChain, type LinkMeta } from './checkpoint-chain.js';
import { DirectiveDocs } from './directive-docs.js';
import { DIRECTIVE_REPLAY_PROJECTIONS } from './directive-overview-at.js';
import { DEFAULT_TTL_SECONDS, type ReplayCacheOptions } from './item-replayer.js';
import { directiveCheckpointVersion } from './replay-version.js';
import { DirectiveNotRegisteredAtError } from './replay.errors.js';
import { RecordedOrder, StreamCursor } from './stream-cursor.js';

export interface DirectiveReplayerOptions extends ReplayCacheOptions {
  /** A checkpoint after every this many events applied (default 25,000). */
  readonly checkpointEvery?: number;
  readonly pageSize?: number;
  readonly projections?: readonly Projection[];
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
}

type Start = { docs: DirectiveDocs; revisions: Readonly<Record<string, number>>; seq: number; id?: string; extending: boolean; from: string | null };

/**
 * Replays the read models of one directive up to an instant, reading only its own streams (its
 * registration and its items) in recorded order, from the nearest checkpoint at or before the
 * instant. Checkpoints hold the documents changed since the previous one (`CheckpointChain`),
 * with the revision reached in each stream, under a key naming the projections and their
 * versions: a projection whose `version` changes never reads another version's checkpoints.
 * They are a cache: losing them costs a full replay, which writes them again.
 *
 * Watch the memory: the documents are held whole (a directive of 1,000,000 reports holds about
 * a million small documents while it is answered).
 */
export class DirectiveReplayer {
  private readonly every: number;
  private readonly pageSize: number;
  readonly projections: readonly Projection[];

  constructor(private readonly store: EventStore, private readonly options: DirectiveReplayerOptions) {
    this.every = options.checkpointEvery ?? 25_000;
    this.pageSize = options.pageSize ?? 5_000;
    this.projections = options.projections ?? DIRECTIVE_REPLAY_PROJECTIONS;
  }

  async replay(directiveId: string, asOf: AsOf, field = 'asOf'): Promise<DirectiveReplay> {
    const registration = await this.registration(directiveId);
    if (!recordedBy(registration, asOf.at)) throw new DirectiveNotRegisteredAtError(directiveId, asOf.at, registration.metadata.recordedAt, field);
    const directive = registration.data as DirectiveRegistered['data'];
    const chain = this.chainOf(directiveId);
    const start = await this.restore(chain, asOf.at, registration);
    const { docs } = start;
    const cursors = directive.items.map(({ itemId }) => new StreamCursor(this.store, itemStream(itemId), (start.revisions[itemStream(itemId)] ?? -1) + 1, Math.min(500, this.pageSize), this.pageSize));
    const order = new RecordedOrder(cursors);
    const revisions = { ...start.revisions };
    let { seq, id } = start;
    let applied = 0;
    for (let next = await order.peek(); next && recordedBy(next.event, asOf.at); next = await order.peek()) {
      next.cursor.take();
      docs.apply(next.event);
      revisions[next.event.streamId] = next.event.revision;
      applied += 1;
      if (chain && start.extending && docs.applied >= this.every) ({ seq, id } = await this.checkpoint(chain, docs, revisions, seq, id, next.event));
    }
    const laterFigures = asOf.knowledge === 'current' ? await this.laterFigures(cursors, docs, asOf) : 0;
    return { directive, docs, asOf, laterFigures, fromCheckpoint: start.from, applied: applied + laterFigures };
  }

  /** Forgets the directive's checkpoints (the next replays write them again). */
  async forget(directiveId: string): Promise<void> {
    await this.chainOf(directiveId)?.drop();
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

  /** The nearest usable checkpoint, or the registration alone; a chain whose deltas are gone is dropped and made again. */
  private async restore(chain: CheckpointChain<DirectiveCheckpointMeta> | undefined, at: string, registration: RecordedEvent): Promise<Start> {
    const fresh = (extending: boolean): Start => {
      const docs = new DirectiveDocs(this.projections, extending);
      docs.apply(registration);
      return { docs, revisions: {}, seq: -1, extending, from: null };
    };
    if (!chain) return fresh(false);
    const links = await chain.links();
    const nearest = links.filter((link) => link.meta.recordedAt <= at).pop();
    if (!nearest) return fresh(links.length === 0);
    const extending = nearest.seq === links.length - 1;
    const docs = new DirectiveDocs(this.projections, extending);
    const complete = await chain.eachDelta(nearest.seq, (delta) => docs.addDelta(delta)).catch(() => false);
    if (!complete) {
      await chain.drop().catch(() => undefined);
      return fresh(true);
    }
    const { revisions, id, recordedAt } = nearest.meta;
    return { docs, revisions, seq: nearest.seq, id, extending, from: recordedAt };
  }

  private async checkpoint(chain: CheckpointChain<DirectiveCheckpointMeta>, docs: DirectiveDocs, revisions: Record<string, number>, seq: number, base: string | undefined, last: RecordedEvent) {
    const id = createHash('sha256').update(JSON.stringify(Object.entries(revisions).sort())).digest('hex').slice(0, 16);
    const meta: DirectiveCheckpointMeta = { id, ...(base ? { base } : {}), recordedAt: last.metadata.recordedAt, revisions: { ...revisions } };
    await chain.append(seq + 1, meta, { delta: docs.takeDelta() });
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
