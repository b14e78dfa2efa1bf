import type { Redis } from 'ioredis';
import type { EventStore, GlobalPosition, RecordedEvent } from '#event-store';
import { BatchDocumentStore } from './memory-document-store.js';
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

interface BuildPass {
  readonly projection: Projection;
  readonly lock: ProjectionLock;
  readonly storage: RedisReadModelStorage;
  readonly generation: string;
  readonly replaced: string | undefined;
  checkpoint: GlobalPosition | undefined;
  applied: number;
  status: RunStatus;
}

export interface RunnerOptions {
  /** Namespace of the Redis keys (`REDIS_KEY_PREFIX`). */
  readonly keyPrefix?: string;
  readonly batchSize?: number;
  readonly lockTtlMs?: number;
  readonly observer?: RunnerObserver;
  readonly logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * Runs projections over the global log into Redis: reads after the checkpoint in batches, applies
 * the batch's events to the documents it touches, and writes documents and checkpoint in one
 * compare-and-set. A killed runner leaves each read model equal to a full replay up to its
 * checkpoint; a second runner cannot apply a batch twice.
 *
 * A projection with no active generation (never built, or Redis emptied) or built by another
 * version of its code is built from position 0 into a fresh generation, swapped in when it reaches
 * the head: readers never see a half-built model.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly lockTtlMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly redis: Redis,
    private readonly options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
  }

  storage(projection: Projection | string): RedisReadModelStorage {
    return new RedisReadModelStorage(this.redis, typeof projection === 'string' ? projection : projection.name, this.options.keyPrefix);
  }

  /** Brings the projection up to the head of the log; `busy` when another runner holds it. */
  async catchUp(projection: Projection): Promise<RunOutcome> {
    return this.locked(projection, 0, async (lock) => {
      const storage = this.storage(projection);
      const generation = await storage.activeGeneration();
      const meta = generation ? await storage.meta(generation) : undefined;
      if (!generation || !meta || meta.version !== projection.version) return this.build(projection, lock, generation);
      return this.advance(projection, generation, meta.checkpoint, lock, 'caught-up');
    });
  }

  /** Builds the projection again from position 0 and swaps it in; waits up to `waitMs` for the lock. */
  async rebuild(projection: Projection, waitMs = 60_000): Promise<RunOutcome> {
    return (await this.rebuildAll([projection], waitMs))[0]!;
  }

  /**
   * Builds several projections again from position 0 in ONE pass over the log (each page read
   * once, applied to every projection), each into a fresh generation swapped in at the head.
   */
  async rebuildAll(projections: readonly Projection[], waitMs = 60_000): Promise<RunOutcome[]> {
    const held = await Promise.all(projections.map(async (projection) => ({ projection, lock: await this.acquire(projection.name, waitMs) })));
    try {
      const ready = held.filter((h): h is { projection: Projection; lock: ProjectionLock } => h.lock !== undefined);
      const built = await this.buildTogether(ready);
      return held.map(({ projection, lock }) => (lock ? built.get(projection.name)! : { projection: projection.name, status: 'busy' as const, applied: 0 }));
    } finally {
      await Promise.all(held.map(({ lock }) => lock?.release()));
    }
  }

  /**
   * Catches every projection up: those that need building (never built, Redis emptied, another
   * version) are built together in one pass; the others advance from their own checkpoints.
   * Projections another runner holds are reported `busy`.
   */
  async catchUpAll(projections: readonly Projection[]): Promise<RunOutcome[]> {
    const outcomes = new Map<string, RunOutcome>();
    const toBuild: { projection: Projection; lock: ProjectionLock }[] = [];
    for (const projection of projections) {
      const lock = await ProjectionLock.acquire(this.redis, projection.name, this.lockTtlMs, this.options.keyPrefix);
      if (!lock) {
        outcomes.set(projection.name, { projection: projection.name, status: 'busy', applied: 0 });
        continue;
      }
      const storage = this.storage(projection);
      const generation = await storage.activeGeneration();
      const meta = generation ? await storage.meta(generation) : undefined;
      if (!generation || !meta || meta.version !== projection.version) {
        toBuild.push({ projection, lock });
        continue;
      }
      try {
        outcomes.set(projection.name, await this.advance(projection, generation, meta.checkpoint, lock, 'caught-up'));
      } finally {
        await lock.release();
      }
    }
    try {
      for (const [name, outcome] of await this.buildTogether(toBuild)) outcomes.set(name, outcome);
    } finally {
      await Promise.all(toBuild.map(({ lock }) => lock.release()));
    }
    return projections.map((p) => outcomes.get(p.name)!);
  }

  private async locked(projection: Projection, waitMs: number, work: (lock: ProjectionLock) => Promise<RunOutcome>): Promise<RunOutcome> {
    const lock = await this.acquire(projection.name, waitMs);
    if (!lock) return { projection: projection.name, status: 'busy', applied: 0 };
    const run = await this.recordRun(projection.name, lock.token, 'start');
    try {
      return await work(lock);
    } finally {
      await this.recordRun(projection.name, lock.token, 'end', run);
      await lock.release();
    }
  }

  private async acquire(name: string, waitMs: number): Promise<ProjectionLock | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const lock = await ProjectionLock.acquire(this.redis, name, this.lockTtlMs, this.options.keyPrefix);
      if (lock || Date.now() >= deadline) return lock;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async buildTogether(builds: readonly { projection: Projection; lock: ProjectionLock }[]): Promise<Map<string, RunOutcome>> {
    const outcomes = new Map<string, RunOutcome>();
    if (builds.length === 0) return outcomes;
    if (builds.length === 1) {
      const [{ projection, lock }] = builds as [{ projection: Projection; lock: ProjectionLock }];
      outcomes.set(projection.name, await this.build(projection, lock, await this.storage(projection).activeGeneration()));
      return outcomes;
    }
    const passes = await Promise.all(builds.map((b) => this.startBuild(b.projection, b.lock)));
    let after: GlobalPosition | undefined;
    for (let live = passes; live.length > 0; ) {
      const page = await this.store.readAll({ after, maxCount: this.batchSize });
      if (page.events.length === 0) break;
      await Promise.all(live.map((pass) => this.applyPage(pass, page.events)));
      after = page.events[page.events.length - 1]!.position;
      live = live.filter((pass) => pass.status === 'built');
      if (page.isEnd) break;
    }
    for (const pass of passes) outcomes.set(pass.projection.name, await this.finishBuild(pass));
    return outcomes;
  }

  private async startBuild(projection: Projection, lock: ProjectionLock): Promise<BuildPass> {
    const storage = this.storage(projection);
    const replaced = await storage.activeGeneration();
    const generation = await storage.newGeneration(projection.version);
    await storage.dropOrphans(generation);
    this.options.logger?.info({ projection: projection.name, generation, replaced }, 'building read model from the start of the log');
    return { projection, lock, storage, generation, replaced, checkpoint: undefined, applied: 0, status: 'built' };
  }

  private async applyPage(pass: BuildPass, page: readonly RecordedEvent[]): Promise<void> {
    const events = page.filter((event) => pass.projection.eventTypes.has(event.type));
    const changes = events.length > 0 ? await this.applyEvents(pass.projection, pass.storage, pass.generation, events) : new Map<string, unknown>();
    const last = page[page.length - 1]!;
    if (!(await pass.storage.applyBatch(pass.generation, pass.checkpoint, last.position, last.metadata.recordedAt, events.length, changes))) {
      pass.status = 'conflict';
      return;
    }
    pass.checkpoint = last.position;
    pass.applied += events.length;
    this.observe(pass.projection.name, events, pass.applied, last.position);
    if (!(await pass.lock.renew())) pass.status = 'lost-lock';
  }

  private async finishBuild(pass: BuildPass): Promise<RunOutcome> {
    const { projection, storage, generation, replaced, status, applied, checkpoint } = pass;
    if (status !== 'built') {
      await storage.drop(generation);
      return { projection: projection.name, status, applied, generation, checkpoint };
    }
    const rest = await this.advance(projection, generation, checkpoint, pass.lock, 'built');
    if (rest.status !== 'built') {
      await storage.drop(generation);
      return rest;
    }
    await storage.activate(generation, replaced);
    this.options.logger?.info({ projection: projection.name, generation, applied: applied + rest.applied }, 'read model built and swapped in');
    return { ...rest, applied: applied + rest.applied };
  }

  private async build(projection: Projection, lock: ProjectionLock, replaced: string | undefined): Promise<RunOutcome> {
    const storage = this.storage(projection);
    const generation = await storage.newGeneration(projection.version);
    await storage.dropOrphans(generation);
    this.options.logger?.info({ projection: projection.name, generation, replaced }, 'building read model from the start of the log');
    const outcome = await this.advance(projection, generation, undefined, lock, 'built');
    if (outcome.status !== 'built') {
      await storage.drop(generation);
      return outcome;
    }
    await storage.activate(generation, replaced);
    this.options.logger?.info({ projection: projection.name, generation, applied: outcome.applied }, 'read model built and swapped in');
    return outcome;
  }

  private async advance(projection: Projection, generation: string, from: GlobalPosition | undefined, lock: ProjectionLock, done: RunStatus): Promise<RunOutcome> {
    const storage = this.storage(projection);
    let checkpoint = from;
    let applied = 0;
    for (;;) {
      const page = await this.store.readAll({ after: checkpoint, maxCount: this.batchSize });
      if (page.events.length === 0) return { projection: projection.name, status: done, applied, generation, checkpoint };
      const events = page.events.filter((event) => projection.eventTypes.has(event.type));
      const changes = events.length > 0 ? await this.applyEvents(projection, storage, generation, events) : new Map<string, unknown>();
      const last = page.events[page.events.length - 1]!;
      const ok = await storage.applyBatch(generation, checkpoint, last.position, last.metadata.recordedAt, events.length, changes);
      if (!ok) return { projection: projection.name, status: 'conflict', applied, generation, checkpoint };
      checkpoint = last.position;
      applied += events.length;
      this.observe(projection.name, events, applied, checkpoint);
      if (!(await lock.renew())) return { projection: projection.name, status: 'lost-lock', applied, generation, checkpoint };
      if (page.isEnd) return { projection: projection.name, status: done, applied, generation, checkpoint };
    }
  }

  /** Applies a batch to its documents, loading any document the projection asks for on the way. */
  private async applyEvents(projection: Projection, storage: RedisReadModelStorage, generation: string, events: readonly RecordedEvent[]): Promise<Map<string, unknown>> {
    const base = await storage.load(generation, [...new Set(events.flatMap((event) => projection.keysOf(event)))]);
    for (let pass = 1; ; pass++) {
      const docs = new BatchDocumentStore(base);
      let failure: unknown;
      try {
        for (const event of events) projection.apply(event, docs);
      } catch (error) {
        failure = error;
      }
      if (docs.missing.size === 0) {
        if (failure) throw failure;
        return docs.changed();
      }
      if (pass >= 20) throw new Error(`${projection.name}: documents still missing after ${pass} passes: ${[...docs.missing].slice(0, 5).join(', ')}`);
      for (const [key, doc] of await storage.load(generation, [...docs.missing])) base.set(key, doc);
    }
  }

  private observe(name: string, events: readonly RecordedEvent[], applied: number, checkpoint: GlobalPosition): void {
    const now = Date.now();
    this.options.observer?.batchApplied?.(name, events.length, events.map((event) => now - Date.parse(event.metadata.recordedAt)));
    this.options.observer?.progress?.(name, applied, checkpoint);
  }

  /** Keeps the last runs of a projection (who, from when to when), for operators and tests. */
  private async recordRun(name: string, token: string, phase: 'start' | 'end', startedAt?: number): Promise<number> {
    const now = Date.now();
    if (phase === 'end') {
      const key = this.storage(name).keys.runs;
      await this.redis.multi().lpush(key, JSON.stringify({ runner: token, startedAt, endedAt: now, pid: process.pid })).ltrim(key, 0, 199).exec();
    }
    return now;
  }
}

