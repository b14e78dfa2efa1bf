import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  createItemProcessor,
  createRegistryProcessor,
  DIRECTIVE_REGISTRY_STREAM,
  itemStream,
  type Actor,
  type CommandContext,
  type ItemCommand,
  type ItemProcessor,
  type RegistryProcessor,
} from '#directives';
import type { EventStore, RecordedEvent } from '#event-store';
import { createLogger, loadConfig, type Clock } from '#platform';
import { EarlyWarning, targetForecastProbe } from '../scheduling/early-warning.js';
import { FollowUpDirectory } from '../scheduling/follow-up-directory.js';
import { FollowUpFollower, type NoticeSink } from '../scheduling/follow-up-follower.js';
import { FollowUpHandler } from '../scheduling/follow-up-handler.js';
import { FOLLOW_UP_QUEUE } from '../scheduling/follow-up-queue.js';
import { FollowUpReconciler } from '../scheduling/follow-up-reconciler.js';
import { FollowUpScheduler } from '../scheduling/follow-up-scheduler.js';
import { FollowUpWorker } from '../scheduling/nest/follow-up-worker.js';

export const SECRETARIAT: Actor = { subject: 'vp-tinh-uy', role: 'secretariat' };
export const MONITOR: Actor = { subject: 'cong-an-tinh', role: 'monitor' };
export const unitActor = (unitId: string): Actor => ({ subject: `${unitId}-officer`, role: 'unit', unitId });

/**
 * One worker's worth of follow-up machinery, wired as the worker module wires it, on a given
 * store, Redis and clock: its own command processors (cold caches, as a separate process has).
 */
export class FollowUpHarness {
  readonly items: ItemProcessor;
  readonly registry: RegistryProcessor;
  readonly queue: Queue;
  readonly scheduler: FollowUpScheduler;
  readonly handler: FollowUpHandler;
  readonly follower: FollowUpFollower;
  readonly reconciler: FollowUpReconciler;
  readonly worker: FollowUpWorker;
  readonly earlyWarning: EarlyWarning;
  readonly directory: FollowUpDirectory;

  constructor(
    readonly store: EventStore,
    redis: Redis,
    readonly clock: Clock,
    keyPrefix: string,
    sink?: NoticeSink,
  ) {
    const config = loadConfig({ REDIS_KEY_PREFIX: keyPrefix, FOLLOW_UP_RECONCILE_MS: '3600000' });
    const logger = createLogger({ level: 'silent', service: 'test' });
    this.items = createItemProcessor(store, clock, {});
    this.registry = createRegistryProcessor(store, clock, {});
    this.queue = new Queue(FOLLOW_UP_QUEUE, { connection: redis, prefix: keyPrefix });
    const directory = new FollowUpDirectory(this.items, this.registry);
    this.directory = directory;
    this.scheduler = new FollowUpScheduler(this.queue, clock);
    this.handler = new FollowUpHandler(directory, this.items, clock, { lateAfterMs: 300_000, timeScale: 1 }, async () => ['inbox'], logger);
    this.follower = new FollowUpFollower(store, redis, keyPrefix, directory, this.scheduler, sink, logger);
    this.reconciler = new FollowUpReconciler(directory, this.scheduler, this.handler, logger);
    this.earlyWarning = new EarlyWarning(directory, this.handler, targetForecastProbe(redis, keyPrefix), clock);
    this.worker = new FollowUpWorker(this.queue, redis, directory, this.handler, this.follower, this.reconciler, this.earlyWarning, clock, config, logger);
  }

  /** Starts processing, as the worker process does at start (reconciling first). */
  start(): Promise<void> {
    return this.worker.onApplicationBootstrap();
  }

  async stop(): Promise<void> {
    await this.worker.onApplicationShutdown();
    await this.queue.close();
  }

  async command(actor: Actor, itemId: string, input: { type: ItemCommand['type']; data: unknown }): Promise<void> {
    const ctx: CommandContext = { actor, correlationId: crypto.randomUUID() };
    await this.items.execute(itemStream(itemId), { ...input, itemId } as never, ctx);
  }

  /** Registers a directive of one item (deadline 30-6-2021, a cards target) and issues the item. */
  async registerDirective(directiveId: string, policy?: unknown): Promise<string> {
    const ctx: CommandContext = { actor: SECRETARIAT, correlationId: crypto.randomUUID() };
    const itemId = `${directiveId}.1`;
    const item = { itemId, number: 1, title: 'Cấp CCCD', text: '…', duties: [], targets: [{ metric: 'cards_issued', value: 1_171_200 }], deadline: '2021-06-30', focusAreas: [] };
    const header = { issuer: 'Tỉnh ủy Kiên Giang', number: `${directiveId}-CV/TU`, issuedOn: '2021-04-14', subject: 'Cấp CCCD', signer: { name: 'A', title: 'B' }, addressees: [], legalBasis: [] };
    const monitoring = { leadUnitId: 'dang-uy-cong-an-tinh', withUnitIds: [], reportsTo: 'Ban Thường vụ Tỉnh ủy' };
    await this.registry.execute(DIRECTIVE_REGISTRY_STREAM, { type: 'RegisterDirective', data: { directiveId, header, monitoring, items: [item] } }, ctx);
    if (policy) await this.registry.execute(DIRECTIVE_REGISTRY_STREAM, { type: 'SetReminderPolicy', data: { directiveId, policy } } as never, ctx);
    const { itemId: _id, ...definition } = item;
    await this.command(SECRETARIAT, itemId, { type: 'IssueItem', data: { ...definition, directiveId } });
    return itemId;
  }

  async history(itemId: string, type?: string): Promise<RecordedEvent[]> {
    const events = await this.store.readStream(itemStream(itemId));
    return type ? events.filter((e) => e.type === type) : events;
  }
}
