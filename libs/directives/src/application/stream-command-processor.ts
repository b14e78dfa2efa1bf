import { v5 as uuidv5 } from 'uuid';
import { chainHash, DuplicateEventIdError, WrongExpectedRevisionError, type EventActor, type EventMetadata, type EventStore, type EventToAppend } from '#event-store';
import { newId, type Clock } from '#platform';
import type { CommandMeta } from '../domain/shared/actor.js';
import type { Decider, DomainEvent } from '../domain/shared/decider.js';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './application.errors.js';
import type { CommandContext, CommandOutcome, RecordedFact } from './command-context.js';
import { foldRecorded, scopedKey, StreamStateCache, type IdempotentRecord, type StreamState } from './stream-state.js';

/** A command as callers give it: the processor adds the actor (from the context) and the time. */
export type CommandInput<C> = C extends CommandMeta ? Omit<C, keyof CommandMeta> : never;

/** Optional hooks for metrics; the application layer knows no metrics library. */
export interface ProcessorObserver {
  batch?(name: string, size: number): void;
  conflict?(name: string, streamId: string): void;
  outcome?(name: string, commandType: string, outcome: 'recorded' | 'unchanged' | 'replayed' | 'refused' | 'failed'): void;
  /** Events were appended to a stream (read models may now catch up). */
  committed?(name: string, streamId: string): void;
}

export interface ProcessorOptions {
  /** Name for metrics and logs ("item", "catalogue"). */
  readonly name: string;
  readonly maxBatch?: number;
  /** Attempts before a command that keeps losing races is refused with a conflict. */
  readonly maxAttempts?: number;
  readonly cacheSize?: number;
  readonly observer?: ProcessorObserver;
}

interface Job<C> {
  readonly input: CommandInput<C> & { type: string };
  readonly ctx: CommandContext;
  readonly resolve: (outcome: CommandOutcome) => void;
  readonly reject: (error: unknown) => void;
}

interface Plan<S, C> {
  readonly events: EventToAppend[];
  readonly state: S;
  /** Chain hash of the plan's last event (the stream's, when the plan records nothing). */
  readonly hash?: string;
  readonly accepted: { job: Job<C>; facts: { eventId: string; type: string }[]; key?: string }[];
  /** Repeats of a key first seen in this batch: they run after it, and are then answered as repeats. */
  readonly deferred: Job<C>[];
  /** Commands a rule refused. */
  readonly refused: { job: Job<C>; error: unknown }[];
  /** Repeats of a key already recorded on the stream. */
  readonly replays: { job: Job<C>; recorded: IdempotentRecord }[];
}

/** Where an event goes in its stream's chain: its revision and the hash of the event before it. */
interface ChainLink {
  readonly revision: number;
  readonly previous: string | undefined;
}

const ID_NAMESPACE = '6f1c1f2e-6a0e-4f55-9a57-3c9b1f0c2d11';

/**
 * Runs commands against one kind of event-sourced stream: load, decide, append with the expected
 * revision.
 *
 * Commands for the same stream queue up and are decided one after another against the evolving
 * state, then appended together in one atomic append, so a busy item costs one write for many
 * commands and never conflicts with itself. Another process writing the same stream makes the
 * append fail on its expected revision; the whole batch is then decided again on fresh state, up
 * to `maxAttempts` times, so no write is lost. A command refused by a rule affects only itself.
 *
 * Idempotency: a command carrying an idempotency key already recorded on the stream (by the same
 * subject) is answered with what was recorded, without deciding again. Event ids of keyed commands
 * are derived from the key, so even a retried append after a lost response is stored once.
 *
 * Tamper evidence: each event's envelope carries `hash`, its `chainHash` on the previous event of
 * the stream (the cached state's last hash, then each planned event in turn), computed for the
 * revision the expected-revision check guarantees it will get.
 */
export class StreamCommandProcessor<S, C extends CommandMeta & { type: string }, E extends DomainEvent> {
  private readonly queues = new Map<string, Job<C>[]>();
  private readonly cache: StreamStateCache<S>;
  private readonly maxBatch: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    private readonly decider: Decider<S, C, E>,
    private readonly clock: Clock,
    private readonly options: ProcessorOptions,
  ) {
    this.cache = new StreamStateCache(options.cacheSize ?? 10_000);
    this.maxBatch = options.maxBatch ?? 256;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  execute(streamId: string, input: CommandInput<C>, ctx: CommandContext): Promise<CommandOutcome> {
    return new Promise((resolve, reject) => {
      const job: Job<C> = { input: input as Job<C>['input'], ctx, resolve, reject };
      const queue = this.queues.get(streamId);
      if (queue) return void queue.push(job);
      const fresh = [job];
      this.queues.set(streamId, fresh);
      void this.drain(streamId, fresh);
    });
  }

  /** The stream's current state, caught up with the store. */
  async read(streamId: string): Promise<StreamState<S>> {
    return (await this.load(streamId, true)).entry;
  }

  private async drain(streamId: string, queue: Job<C>[]): Promise<void> {
    try {
      while (queue.length > 0) await this.runBatch(streamId, queue.splice(0, this.maxBatch));
    } finally {
      this.queues.delete(streamId);
    }
  }

  /**
   * Plans the batch on the cached state without reading the store: the append's expected revision
   * proves every accepted decision. A refusal, or a decision to record nothing (an idempotent
   * command finding its fact there), is only as good as the state it was made on, so a plan with
   * either on an unverified cache is made again after catching up.
   */
  private async runBatch(streamId: string, jobs: Job<C>[]): Promise<void> {
    this.options.observer?.batch?.(this.options.name, jobs.length);
    let pending = jobs;
    let races = 0;
    let catchUp = false;
    while (pending.length > 0) {
      let plan: Plan<S, C> | undefined;
      try {
        const { entry, fresh } = await this.load(streamId, catchUp);
        plan = this.plan(streamId, entry, pending);
        if ((plan.refused.length > 0 || plan.accepted.some((a) => a.facts.length === 0)) && !fresh) {
          catchUp = true;
          continue;
        }
        this.settleAtOnce(streamId, plan);
        pending = await this.commit(streamId, entry, plan);
        catchUp = false;
        continue;
      } catch (error) {
        this.cache.delete(streamId);
        const unsettled = plan ? [...plan.accepted.map((a) => a.job), ...plan.deferred] : pending;
        if (!isRace(error)) return this.failAll(unsettled, error);
        pending = unsettled;
      }
      races += 1;
      this.options.observer?.conflict?.(this.options.name, streamId);
      if (races >= this.maxAttempts) return this.failAll(pending, new ConcurrencyConflictError(streamId, races));
      await backoff(races);
    }
  }

  /** The cached state (unverified), or the stream read and folded (fresh); `catchUp` forces a read. */
  private async load(streamId: string, catchUp: boolean): Promise<{ entry: StreamState<S>; fresh: boolean }> {
    const cached = this.cache.get(streamId);
    if (cached && !catchUp) return { entry: cached, fresh: false };
    const from = cached ?? { state: this.decider.initialState(), revision: -1, keys: new Map<string, IdempotentRecord>() };
    const events = await this.store.readStream(streamId, { fromRevision: from.revision + 1 });
    if (cached && events.length === 0) return { entry: cached, fresh: true };
    const entry = foldRecorded(from, events, this.decider.evolve);
    this.cache.set(streamId, entry);
    return { entry, fresh: true };
  }

  /** Decides every job against the evolving state. Settles nothing: the caller decides when. */
  private plan(streamId: string, entry: StreamState<S>, jobs: Job<C>[]): Plan<S, C> {
    const plan: Plan<S, C> = { events: [], state: entry.state, accepted: [], deferred: [], refused: [], replays: [] };
    let state = entry.state;
    let hash = entry.hash;
    const batchKeys = new Set<string>();
    for (const job of jobs) {
      const key = job.ctx.idempotencyKey ? scopedKey(job.ctx.actor.subject, job.ctx.idempotencyKey) : undefined;
      if (key && batchKeys.has(key)) {
        plan.deferred.push(job);
        continue;
      }
      const recorded = key ? entry.keys.get(key) : undefined;
      if (recorded) {
        plan.replays.push({ job, recorded });
        continue;
      }
      const now = this.clock.now().toISOString();
      try {
        const events = this.decider.decide({ ...job.input, actor: job.ctx.actor, now } as unknown as C, state);
        state = events.reduce(this.decider.evolve, state);
        const envelopes = events.map((event, i) => {
          const envelope = this.envelope(streamId, event, i, job.ctx, now, key, { revision: entry.revision + 1 + plan.events.length + i, previous: hash });
          hash = envelope.metadata.hash;
          return envelope;
        });
        plan.events.push(...envelopes);
        plan.accepted.push({ job, facts: envelopes.map(({ eventId, type }) => ({ eventId, type })), key });
        if (key) batchKeys.add(key);
      } catch (error) {
        plan.refused.push({ job, error });
      }
    }
    return { ...plan, state, hash };
  }

  /** Answers refusals and repeats of recorded keys, which need no write. */
  private settleAtOnce(streamId: string, plan: Plan<S, C>): void {
    for (const { job, error } of plan.refused) {
      this.options.observer?.outcome?.(this.options.name, job.input.type, 'refused');
      job.reject(error);
    }
    for (const { job, recorded } of plan.replays) {
      if (recorded.requestHash !== job.ctx.requestHash) {
        this.options.observer?.outcome?.(this.options.name, job.input.type, 'refused');
        job.reject(new IdempotencyKeyReusedError(job.ctx.idempotencyKey!));
      } else {
        this.options.observer?.outcome?.(this.options.name, job.input.type, 'replayed');
        job.resolve(outcomeOf(streamId, recorded.events, true));
      }
    }
  }

  /** Appends the plan; returns the jobs still to run. */
  private async commit(streamId: string, entry: StreamState<S>, plan: Plan<S, C>): Promise<Job<C>[]> {
    if (plan.events.length === 0) {
      for (const { job } of plan.accepted) this.settleEmpty(streamId, job, entry.revision);
      return plan.deferred;
    }
    const expectedRevision = entry.revision < 0 ? 'no_stream' : entry.revision;
    const result = await this.store.append(streamId, plan.events, { expectedRevision });
    if (result.deduplicated) {
      this.cache.delete(streamId);
      return [...plan.accepted.map((a) => a.job), ...plan.deferred];
    }
    let revision = entry.revision;
    for (const { job, facts, key } of plan.accepted) {
      if (facts.length === 0) {
        this.settleEmpty(streamId, job, result.nextExpectedRevision);
        continue;
      }
      const recorded: RecordedFact[] = facts.map((f) => ({ ...f, revision: ++revision }));
      if (key) entry.keys.set(key, { requestHash: job.ctx.requestHash, events: recorded });
      this.options.observer?.outcome?.(this.options.name, job.input.type, 'recorded');
      job.resolve(outcomeOf(streamId, recorded, false));
    }
    this.cache.set(streamId, { state: plan.state, revision: result.nextExpectedRevision, keys: entry.keys, hash: plan.hash });
    this.options.observer?.committed?.(this.options.name, streamId);
    return plan.deferred;
  }

  private envelope(streamId: string, event: E, index: number, ctx: CommandContext, now: string, key: string | undefined, chain: ChainLink): EventToAppend {
    const eventId = key ? uuidv5(`${streamId}|${key}|${index}`, ID_NAMESPACE) : newId();
    const metadata = metadataOf(ctx, now);
    const hash = chainHash(chain.previous ?? null, { streamId, revision: chain.revision, eventId, type: event.type, data: event.data, metadata });
    return { eventId, type: event.type, data: event.data, metadata: Object.assign(metadata, { hash }) };
  }

  /** A command that found its fact already recorded (an idempotent follow-up): nothing to write. */
  private settleEmpty(streamId: string, job: Job<C>, revision: number): void {
    this.options.observer?.outcome?.(this.options.name, job.input.type, 'unchanged');
    job.resolve({ streamId, revision, events: [], replayed: false });
  }

  private failAll(jobs: Job<C>[], error: unknown): void {
    for (const job of jobs) {
      this.options.observer?.outcome?.(this.options.name, job.input.type, 'failed');
      job.reject(error);
    }
  }
}

/** The envelope of the events of one command: who, in answer to what, when. */
function metadataOf(ctx: CommandContext, recordedAt: string): EventMetadata {
  const { actor, correlationId, causationId, idempotencyKey, requestHash } = ctx;
  const eventActor: EventActor = { subject: actor.subject, role: actor.role };
  if (actor.unitId) Object.assign(eventActor, { unitId: actor.unitId });
  if (actor.name) Object.assign(eventActor, { name: actor.name });
  const metadata: EventMetadata = { actor: eventActor, correlationId, recordedAt };
  if (causationId) Object.assign(metadata, { causationId });
  if (idempotencyKey) Object.assign(metadata, requestHash ? { idempotencyKey, requestHash } : { idempotencyKey });
  return metadata;
}

function outcomeOf(streamId: string, events: readonly RecordedFact[], replayed: boolean): CommandOutcome {
  return { streamId, revision: events[events.length - 1]?.revision ?? -1, events, replayed };
}

/** Another writer got there first: decide again on fresh state. */
function isRace(error: unknown): boolean {
  return error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(200, 2 ** attempt) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}
