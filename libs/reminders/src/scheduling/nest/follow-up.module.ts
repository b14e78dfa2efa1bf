import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CATALOGUE_PROCESSOR, DirectivesModule, ITEM_PROCESSOR, REGISTRY_PROCESSOR, type CatalogueProcessor, type ItemProcessor, type RegistryProcessor } from '#directives';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, CLOCK, LOGGER, timeScaleOf, type AppConfig, type Clock, type Logger } from '#platform';
import { EarlyWarning, targetForecastProbe } from '../early-warning.js';
import { FollowUpDirectory } from '../follow-up-directory.js';
import { FollowUpFollower, type NoticeSink } from '../follow-up-follower.js';
import { FollowUpHandler, type ChannelsOf } from '../follow-up-handler.js';
import { FOLLOW_UP_QUEUE } from '../follow-up-queue.js';
import { FollowUpReconciler } from '../follow-up-reconciler.js';
import { FollowUpScheduler } from '../follow-up-scheduler.js';
import { FollowUpMetrics } from '../follow-up-metrics.js';
import { MetricsService } from '#runtime';
import { NotificationDispatcher } from '../../delivery/notification-dispatcher.js';
import { WebhookDirectory } from '../../delivery/webhook-directory.js';
import { FollowUpWorker } from './follow-up-worker.js';
import { FOLLOW_UP_CHANNELS, FOLLOW_UP_NOTICE_SINK, FOLLOW_UP_QUEUE_TOKEN } from './follow-up.tokens.js';

const inboxOnly: ChannelsOf = async () => ['inbox'];

/** The inbox always (the read model); the unit's webhook where it registered one. */
const channelsFrom = (webhooks: WebhookDirectory): ChannelsOf => async (unitId) => ((await webhooks.webhookOf(unitId)) ? ['inbox', 'webhook'] : ['inbox']);

/**
 * Reminders and escalations, in the worker: the follow-up queue and its processor, the scheduler
 * that keeps BullMQ equal to the items' plans, the log follower and the reconciler. Expects the
 * global `NotificationsModule`, through which recorded reminders and escalations reach webhooks.
 */
@Module({
  imports: [DirectivesModule],
  providers: [
    {
      provide: FOLLOW_UP_QUEUE_TOKEN,
      useFactory: (redis: Redis, config: AppConfig) => new Queue(FOLLOW_UP_QUEUE, { connection: redis, prefix: config.redis.keyPrefix }),
      inject: [REDIS, APP_CONFIG],
    },
    {
      provide: FollowUpDirectory,
      useFactory: (items: ItemProcessor, registry: RegistryProcessor, catalogue: CatalogueProcessor) => new FollowUpDirectory(items, registry, catalogue),
      inject: [ITEM_PROCESSOR, REGISTRY_PROCESSOR, CATALOGUE_PROCESSOR],
    },
    {
      provide: FollowUpScheduler,
      useFactory: (queue: Queue, clock: Clock) => new FollowUpScheduler(queue, clock),
      inject: [FOLLOW_UP_QUEUE_TOKEN, CLOCK],
    },
    {
      provide: FollowUpHandler,
      useFactory: (directory: FollowUpDirectory, items: ItemProcessor, clock: Clock, config: AppConfig, logger: Logger, channels?: ChannelsOf) =>
        new FollowUpHandler(directory, items, clock, { lateAfterMs: config.followUp.lateAfterMs, timeScale: timeScaleOf(clock) }, channels ?? inboxOnly, logger.child({ component: 'follow-up' })),
      inject: [FollowUpDirectory, ITEM_PROCESSOR, CLOCK, APP_CONFIG, LOGGER, { token: FOLLOW_UP_CHANNELS, optional: true }],
    },
    {
      provide: FollowUpFollower,
      useFactory: (store: EventStore, redis: Redis, config: AppConfig, directory: FollowUpDirectory, scheduler: FollowUpScheduler, logger: Logger, sink?: NoticeSink) =>
        new FollowUpFollower(store, redis, config.redis.keyPrefix, directory, scheduler, sink, logger.child({ component: 'follow-up' })),
      inject: [EVENT_STORE, REDIS, APP_CONFIG, FollowUpDirectory, FollowUpScheduler, LOGGER, { token: FOLLOW_UP_NOTICE_SINK, optional: true }],
    },
    {
      provide: FollowUpReconciler,
      useFactory: (directory: FollowUpDirectory, scheduler: FollowUpScheduler, handler: FollowUpHandler, logger: Logger) =>
        new FollowUpReconciler(directory, scheduler, handler, logger.child({ component: 'follow-up' })),
      inject: [FollowUpDirectory, FollowUpScheduler, FollowUpHandler, LOGGER],
    },
    {
      provide: EarlyWarning,
      useFactory: (directory: FollowUpDirectory, handler: FollowUpHandler, redis: Redis, config: AppConfig, clock: Clock) =>
        new EarlyWarning(directory, handler, targetForecastProbe(redis, config.redis.keyPrefix), clock),
      inject: [FollowUpDirectory, FollowUpHandler, REDIS, APP_CONFIG, CLOCK],
    },
    { provide: FOLLOW_UP_NOTICE_SINK, useExisting: NotificationDispatcher },
    { provide: FOLLOW_UP_CHANNELS, useFactory: channelsFrom, inject: [WebhookDirectory] },
    {
      provide: FollowUpMetrics,
      useFactory: (metrics: MetricsService, queue: Queue) => new FollowUpMetrics(metrics.registry, queue),
      inject: [MetricsService, FOLLOW_UP_QUEUE_TOKEN],
    },
    FollowUpWorker,
  ],
  exports: [FOLLOW_UP_QUEUE_TOKEN, FollowUpMetrics, EarlyWarning, FollowUpScheduler, FollowUpHandler, FollowUpFollower, FollowUpReconciler, FollowUpWorker],
})
export class FollowUpModule implements OnApplicationShutdown {
  constructor(@Inject(FOLLOW_UP_QUEUE_TOKEN) private readonly queue: Queue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
