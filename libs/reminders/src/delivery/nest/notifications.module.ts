import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { CATALOGUE_PROCESSOR, DirectivesModule, type CatalogueProcessor } from '#directives';
import { REDIS } from '#jobs';
import { APP_CONFIG, type AppConfig } from '#platform';
import { MetricsService } from '#runtime';
import { DeliveryAdmin } from '../delivery-admin.js';
import { DeliveryMetrics } from '../delivery-metrics.js';
import { NotificationDispatcher } from '../notification-dispatcher.js';
import { NOTIFICATIONS_QUEUE, type DeliveryJobData } from '../notifications-queue.js';
import { WebhookDirectory } from '../webhook-directory.js';
import { NOTIFICATIONS_QUEUE_TOKEN } from './notifications.tokens.js';

/**
 * Notices for any process: the `notifications` queue, the dispatcher that fills it, the webhook
 * directory, the administrators' view of deliveries and the delivery counters. Global, so the
 * reminders and the API reach the dispatcher and the directory without importing this module.
 * Needs `REDIS`, `APP_CONFIG` and `MetricsService` from global modules; imports `DirectivesModule`
 * for the catalogue. The worker adds `NotificationsWorkerModule`, which delivers.
 */
@Global()
@Module({
  imports: [DirectivesModule],
  providers: [
    {
      provide: NOTIFICATIONS_QUEUE_TOKEN,
      useFactory: (redis: Redis, config: AppConfig) => new Queue<DeliveryJobData>(NOTIFICATIONS_QUEUE, { connection: redis, prefix: config.redis.keyPrefix }),
      inject: [REDIS, APP_CONFIG],
    },
    {
      provide: WebhookDirectory,
      useFactory: (catalogue: CatalogueProcessor) => new WebhookDirectory(catalogue),
      inject: [CATALOGUE_PROCESSOR],
    },
    {
      provide: NotificationDispatcher,
      useFactory: (queue: Queue, directory: WebhookDirectory, redis: Redis, config: AppConfig) =>
        new NotificationDispatcher(queue, directory, redis, { ...config.webhooks, keyPrefix: config.redis.keyPrefix }),
      inject: [NOTIFICATIONS_QUEUE_TOKEN, WebhookDirectory, REDIS, APP_CONFIG],
    },
    {
      provide: DeliveryAdmin,
      useFactory: (queue: Queue<DeliveryJobData>, directory: WebhookDirectory) => new DeliveryAdmin(queue, directory),
      inject: [NOTIFICATIONS_QUEUE_TOKEN, WebhookDirectory],
    },
    {
      provide: DeliveryMetrics,
      useFactory: (metrics: MetricsService) => new DeliveryMetrics(metrics.registry),
      inject: [MetricsService],
    },
  ],
  exports: [NOTIFICATIONS_QUEUE_TOKEN, WebhookDirectory, NotificationDispatcher, DeliveryAdmin, DeliveryMetrics],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(NOTIFICATIONS_QUEUE_TOKEN) private readonly queue: Queue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
