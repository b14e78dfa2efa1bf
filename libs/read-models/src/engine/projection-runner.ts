import type { Redis } from 'ioredis';
import type { EventStore, GlobalPosition, RecordedEvent } from '#event-store';
import { applyEvents } from './apply-events.js';
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
  checkpoint: GlobalPosition | undefined;
  applied: number;
  status: RunStatus;
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

  constructor(
    private readonly store: EventStore,
    private readonly redis: Redis,
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.buildBatchSize = options.buildBatchSize ?? Math.max(this.batchSize, 10_000);
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
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
        else outcomes.set(projection.name, await this.advance({ projection, lock, storage, generation, checkpoint: meta.checkpoint, applied: 0, status: 'caught-up' }));
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
    return { projection, lock, storage, generation, replaced, checkpoint: undefined, applied: 0, status: 'built' };
  }

  private async finishBuild(target: Target): Promise<RunOutcome> {
    const outcome = target.status === 'built' ? await this.advance(target) : outcomeOf(target);
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

  /** Applies one page of the log to a target and writes it with a compare-and-set on the checkpoint. */
  private async step(target: Target, page: readonly RecordedEvent[]): Promise<void> {
    const events = page.filter((event) => target.projection.eventTypes.has(event.type));
    const changes = events.length > 0 ? await applyEvents(target.projection, target.storage, target.generation, events) : new Map<string, unknown>();
    const last = page[page.length - 1]!;
    if (!(await target.storage.applyBatch(target.generation, target.checkpoint, last.position, last.metadata.recordedAt, events.length, changes))) {
      target.status = 'conflict';
      return;
    }
    target.checkpoint = last.position;
    target.applied += events.length;
    const now = Date.now();
    this.options.observer?.batchApplied?.(target.projection.name, events.length, events.map((e) => now - Date.parse(e.metadata.recordedAt)));
    this.options.observer?.progress?.(target.projection.name, target.applied, last.position);
    if (!(await target.lock.renew())) target.status = 'lost-lock';
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

const busy = (projection: Projection): RunOutcome => ({ projection: projection.name, status: 'busy', applied: 0 });

const outcomeOf = (t: Target): RunOutcome => ({ projection: t.projection.name, status: t.status, applied: t.applied, generation: t.generation, checkpoint: t.checkpoint });
