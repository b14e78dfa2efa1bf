import type { Redis } from 'ioredis';
import type { EventStore, GlobalPosition, RecordedEvent } from '#event-store';
import { applyEvents } from './apply-events.js';
import { BuildCache } from './build-cache.js';
import type { Projection } from './projection.js';
import { ProjectionLock } from './projection-lock.js';
import { RedisReadModelStorage } from './redis-read-model-storage.js';

export type RunStatus = 'caught-up' | 'built' | 'busy' | 'lost-lock' | 'conflict';

export interface RunOutcome {
  readonly projection: string;
  readonly status: RunStatus;
  readonly applied: number;
  readonly generation?: string;
  readonly checkpoint?: GlobalPosition;
}

export interface RunnerObserver {
  /** Called after each batch, with how long after their recording the batch's events were applied. */
  batchApplied?(projection: string, events: number, lagsMs: number[]): void;
  /** Progress of long work (builds), for progress bars. */
  progress?(projection: string, applied: number, position: GlobalPosition): void;
}

export interface RunnerOptions {
  /** Namespace of the Redis keys (`REDIS_KEY_PREFIX`). */
  readonly keyPrefix?: string;
  /** Events per batch when catching up (small: latency). Default 2000. */
  readonly batchSize?: number;
  /** Events per batch when building from the start (large: throughput). Default 10000. */
  readonly buildBatchSize?: number;
  readonly lockTtlMs?: number;
  /**
   * Documents a build may hold in memory (default 1,500,000, `READ_MODEL_BUILD_CACHE_DOCS`; 0: none). A build of a fresh
   * generation owns it, so it keeps its documents in memory instead of reading them back from
   * Redis each page, and writes the changed ones with the checkpoint every `buildFlushEvents`
   * events; past this many documents it writes them all and goes on page by page through Redis.
   */
  readonly buildCacheDocs?: number;
  /** Events a build applies in memory between two writes of its documents and checkpoint (default 250,000). */
  readonly buildFlushEvents?: number;
  /**
   * Characters of JSON in one write of a build (default 4,000,000, about 20 ms of Redis): a larger
   * write goes as several, sent together, so that Redis, which runs one script at a time, never
   * keeps other clients waiting long while a model is rebuilt. A larger document goes alone.
   */
  readonly buildWriteChars?: number;
  readonly observer?: RunnerObserver;
  readonly logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** One projection being advanced in one generation, under its lock. */
interface Target {
  readonly projection: Projection;
  readonly lock: ProjectionLock;
  readonly storage: RedisReadModelStorage;
  readonly generation: string;
  readonly replaced?: string;
  /** Position of the last event applied (in memory for a build holding its documents, see `cache`). */
  checkpoint: GlobalPosition | undefined;
  applied: number;
  status: RunStatus;
  /** A build's documents held in memory until written; absent: page by page through Redis. */
  cache?: BuildCache;
  /** When the lock was last confirmed renewed (see `renew`). */
  renewedAt: number;
  /** A renewal was refused or failed: the lock is another runner's now. */
  lockLost?: boolean;
}

type Locked = { projection: Projection; lock: ProjectionLock };

/**
 * Runs projections over the global log into Redis: reads after the checkpoint in batches, applies
 * the batch's events to the documents it touches, and writes documents and checkpoint in one
 * compare-and-set. A killed runner leaves each read model equal to a full replay up to its
 * checkpoint; a second runner cannot apply a batch twice.
 *
 * A projection with no active generation (never built, or Redis emptied) or built by another
 * version of its code is built from position 0 into a fresh generation, swapped in when it reaches
 * the head: readers never see a half-built model. Projections built together share one pass.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly buildBatchSize: number;
  private readonly lockTtlMs: number;
  private readonly buildCacheDocs: number;
  private readonly buildFlushEvents: number;
  private readonly buildWriteChars: number;

  constructor(
    private readonly store: EventStore,
    private readonly redis: Redis,
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.buildBatchSize = options.buildBatchSize ?? Math.max(this.batchSize, 10_000);
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
    this.buildCacheDocs = options.buildCacheDocs ?? 1_500_000;
    this.buildFlushEvents = options.buildFlushEvents ?? 250_000;
    this.buildWriteChars = options.buildWriteChars ?? 4_000_000;
  }

  /** Events per page when building from the start. */
  get buildPageSize(): number {
    return this.buildBatchSize;
  }

  storage(projection: Projection | string): RedisReadModelStorage {
    return new RedisReadModelStorage(this.redis, typeof projection === 'string' ? projection : projection.name, this.options.keyPrefix);
  }

  /** Brings the projection up to the head of the log; `busy` when another runner holds it. */
  async catchUp(projection: Projection): Promise<RunOutcome> {
    return (await this.catchUpAll([projection]))[0]!;
  }

  /** Builds the projection again from position 0 and swaps it in; waits up to `waitMs` for the lock. */
  async rebuild(projection: Projection, waitMs = 60_000): Promise<RunOutcome> {
    return (await this.rebuildAll([projection], waitMs))[0]!;
  }

  /** Builds projections again from position 0, in one pass over the log, each swapped in at the head. */
  async rebuildAll(projections: readonly Projection[], waitMs = 60_000): Promise<RunOutcome[]> {
    const locks = await Promise.all(projections.map((p) => this.acquire(p.name, waitMs)));
    const locked = projections.flatMap((projection, i) => (locks[i] ? [{ projection, lock: locks[i]! }] : []));
    return this.withRuns(locked, async () => {
      const built = await this.buildTogether(locked);
      return projections.map((p) => built.get(p.name) ?? busy(p));
    });
  }

  /**
   * Catches every projection up: those that need building are built together in one pass; the
   * others advance from their own checkpoints. Projections another runner holds are `busy`.
   */
  async catchUpAll(projections: readonly Projection[]): Promise<RunOutcome[]> {
    const locks = await Promise.all(projections.map((p) => this.acquire(p.name, 0)));
    const locked = projections.flatMap((projection, i) => (locks[i] ? [{ projection, lock: locks[i]! }] : []));
    return this.withRuns(locked, async () => {
      const outcomes = new Map<string, RunOutcome>();
      const toBuild: Locked[] = [];
      for (const { projection, lock } of locked) {
        const storage = this.storage(projection);
        const generation = await storage.activeGeneration();
        const meta = generation ? await storage.meta(generation) : undefined;
        if (!generation || !meta || meta.version !== projection.version) toBuild.push({ projection, lock });
        else outcomes.set(projection.name, await this.advance({ projection, lock, storage, generation, checkpoint: meta.checkpoint, applied: 0, status: 'caught-up', renewedAt: Date.now() }));
      }
      for (const [name, outcome] of await this.buildTogether(toBuild)) outcomes.set(name, outcome);
      return projections.map((p) => outcomes.get(p.name) ?? busy(p));
    });
  }

  private async buildTogether(builds: readonly Locked[]): Promise<Map<string, RunOutcome>> {
    const targets = await Promise.all(builds.map((b) => this.startBuild(b)));
    let after: GlobalPosition | undefined;
    for (let live = targets; live.length > 1; live = live.filter((t) => t.status === 'built')) {
      const page = await this.store.readAll({ after, maxCount: this.buildBatchSize });
      if (page.events.length === 0) break;
      await Promise.all(live.map((target) => this.step(target, page.events)));
      after = page.events[page.events.length - 1]!.position;
      if (page.isEnd) break;
    }
    const outcomes = new Map<string, RunOutcome>();
    for (const target of targets) outcomes.set(target.projection.name, await this.finishBuild(target));
    return outcomes;
  }

  private async startBuild({ projection, lock }: Locked): Promise<Target> {
    const storage = this.storage(projection);
    const replaced = await storage.activeGeneration();
    const generation = await storage.newGeneration(projection.version);
    await storage.dropOrphans(generation);
    this.options.logger?.info({ projection: projection.name, generation, replaced }, 'building read model from the start of the log');
    const cache = this.buildCacheDocs > 0 ? { cache: new BuildCache() } : {};
    return { projection, lock, storage, generation, replaced, checkpoint: undefined, applied: 0, status: 'built', renewedAt: Date.now(), ...cache };
  }

  private async finishBuild(target: Target): Promise<RunOutcome> {
    if (target.status === 'built') {
      await this.advance(target);
      if (target.status === 'built') await this.flush(target, true);
      // Swapped in only by the lock's holder: the last renewals may not have been answered yet.
      if (target.status === 'built' && !(await this.confirmRenewal(target))) target.status = 'lost-lock';
    }
    // A write still on its way must land before the generation is dropped, or it would bring it back.
    await target.cache?.inflight?.catch(() => false);
    target.cache = undefined;
    const outcome = outcomeOf(target);
    if (outcome.status !== 'built') {
      await target.storage.drop(target.generation);
      return outcome;
    }
    await target.storage.activate(target.generation, target.replaced);
    this.options.logger?.info({ projection: target.projection.name, generation: target.generation, applied: outcome.applied }, 'read model built and swapped in');
    return outcome;
  }

  /** Advances one target to the head of the log (or until it fails). */
  private async advance(target: Target): Promise<RunOutcome> {
    const done = target.status;
    for (;;) {
      const size = target.status === 'built' ? this.buildBatchSize : this.batchSize;
      const page = await this.store.readAll({ after: target.checkpoint, maxCount: size });
      if (page.events.length === 0) break;
      await this.step(target, page.events);
      if (target.status !== done || page.isEnd) break;
    }
    return outcomeOf(target);
  }

  /**
   * Applies one page of the log to a target and writes it with a compare-and-set on the
   * checkpoint; a build holding its documents applies it in memory and writes every
   * `buildFlushEvents` events (or when it must let its documents go).
   */
  private async step(target: Target, page: readonly RecordedEvent[]): Promise<void> {
    const events = page.filter((event) => target.projection.eventTypes.has(event.type));
    const last = page[page.length - 1]!;
    const { cache } = target;
    if (cache) {
      // Answers (a write confirmed, a renewal refused) are taken between pages.
      await nextTurn();
      // The generation is fresh and this runner its only writer: a document it does not hold does not exist.
      for (let i = 0; i < events.length; i++) {
        target.projection.apply(events[i]!, cache);
        // Applying never waits for I/O, and a write in flight leaves this process only when the
        // event loop turns: without these turns it would be sent when the next write waits for it.
        if (i % BUILD_TURN_EVENTS === BUILD_TURN_EVENTS - 1 && cache.inflight) await nextTurn();
      }
      cache.pending(events.length, last.metadata.recordedAt);
    } else {
      const changes = events.length > 0 ? await applyEvents(target.projection, target.storage, target.generation, events) : new Map<string, unknown>();
      if (!(await target.storage.applyBatch(target.generation, target.checkpoint, last.position, last.metadata.recordedAt, events.length, changes))) {
        target.status = 'conflict';
        return;
      }
    }
    target.checkpoint = last.position;
    target.applied += events.length;
    if (cache && (cache.unwritten >= this.buildFlushEvents || cache.size > this.buildCacheDocs)) {
      const full = cache.size > this.buildCacheDocs;
      await this.flush(target, full);
      if (full) target.cache = undefined;
      if (target.status !== 'built') return;
    }
    const now = Date.now();
    this.options.observer?.batchApplied?.(target.projection.name, events.length, events.map((e) => now - Date.parse(e.metadata.recordedAt)));
    this.options.observer?.progress?.(target.projection.name, target.applied, last.position);
    if (!(await this.renew(target))) target.status = 'lost-lock';
  }

  /**
   * Renews the target's lock after a page. Builds send their writes without waiting for them, and
   * a renewal sent on the same connection is answered only after them: a build waits for its
   * renewal only when the last one confirmed is half a lock's life old, and otherwise takes the
   * answer when it comes (a refusal stops it at its next page). Catching up waits every time.
   */
  private async renew(target: Target): Promise<boolean> {
    if (!target.cache) return this.confirmRenewal(target);
    const renewal = this.confirmRenewal(target);
    renewal.catch(() => undefined);
    if (target.lockLost) return false;
    return Date.now() - target.renewedAt < this.lockTtlMs / 2 || renewal;
  }

  private async confirmRenewal(target: Target): Promise<boolean> {
    const sentAt = Date.now();
    try {
      const renewed = await target.lock.renew();
      if (renewed) target.renewedAt = Math.max(target.renewedAt, sentAt);
      else target.lockLost = true;
      return renewed;
    } catch (error) {
      target.lockLost = true;
      throw error;
    }
  }

  /**
   * Writes what a build holds in memory and has not written yet, with its checkpoint
   * (compare-and-set). The write is sent, not waited for: Redis stores it while the build applies
   * the next pages, and the next write (or `settle`) waits for it. A failed write fails the ones
   * sent after it too (their expected checkpoint was never reached): the build ends in conflict.
   */
  private async flush(target: Target, settle = false): Promise<void> {
    const { cache } = target;
    if (!cache) return;
    const previous = cache.inflight;
    cache.inflight = undefined;
    if (cache.written !== target.checkpoint) {
      const [expected, applied] = [cache.written, cache.unwritten];
      const { sets, deletes } = cache.takeChanges(target.checkpoint!);
      const sent = this.writeBuild(target, expected, applied, cache.lastRecordedAt!, sets, deletes);
      sent.catch(() => undefined); // awaited below or by the next flush; a rejection must not go unhandled meanwhile
      cache.inflight = sent;
    }
    if (previous && !(await previous)) target.status = 'conflict';
    if (settle && cache.inflight) {
      const written = await cache.inflight;
      cache.inflight = undefined;
      if (!written) target.status = 'conflict';
    }
  }

  /**
   * Sends a build's changes in writes of at most `buildWriteChars` characters of JSON, one after
   * the other on the connection without waiting: each checks the checkpoint, all but the last leave
   * it where it is, and the last moves it (with the deletes and the count). A write refused fails
   * the build. Until the last lands the generation holds documents ahead of its checkpoint: nobody
   * reads a generation before its swap, and a build stopped half-way is dropped, never resumed.
   */
  private writeBuild(target: Target, expected: GlobalPosition | undefined, applied: number, lastRecordedAt: string, sets: readonly string[], deletes: readonly string[]): Promise<boolean> {
    const { storage, generation } = target;
    const writes: Promise<boolean>[] = [];
    let [from, chars] = [0, 0];
    for (let i = 0; i < sets.length; i += 2) {
      const size = sets[i]!.length + sets[i + 1]!.length;
      if (chars > 0 && chars + size > this.buildWriteChars) {
        writes.push(storage.applySerialized(generation, expected, expected ?? '', '', 0, sets.slice(from, i), []));
        [from, chars] = [i, 0];
      }
      chars += size;
    }
    writes.push(storage.applySerialized(generation, expected, target.checkpoint!, lastRecordedAt, applied, from === 0 ? sets : sets.slice(from), deletes));
    return Promise.all(writes).then((done) => done.every(Boolean));
  }

  private async acquire(name: string, waitMs: number): Promise<ProjectionLock | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const lock = await ProjectionLock.acquire(this.redis, name, this.lockTtlMs, this.options.keyPrefix);
      if (lock || Date.now() >= deadline) return lock;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Runs work under the given locks, records each run (who, from when to when), then releases them. */
  private async withRuns<T>(locked: readonly Locked[], work: () => Promise<T>): Promise<T> {
    const startedAt = Date.now();
    try {
      return await work();
    } finally {
      const endedAt = Date.now();
      for (const { projection, lock } of locked) {
        const key = this.storage(projection).keys.runs;
        await this.redis.multi().lpush(key, JSON.stringify({ runner: lock.token, startedAt, endedAt, pid: process.pid })).ltrim(key, 0, 199).exec();
        await lock.release();
      }
    }
  }
}

/** Events a build applies between two turns of the event loop while one of its writes is being sent. */
const BUILD_TURN_EVENTS = 1000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const busy = (projection: Projection): RunOutcome => ({ projection: projection.name, status: 'busy', applied: 0 });

const outcomeOf = (t: Target): RunOutcome => ({ projection: t.projection.name, status: t.status, applied: t.applied, generation: t.generation, checkpoint: t.checkpoint });
