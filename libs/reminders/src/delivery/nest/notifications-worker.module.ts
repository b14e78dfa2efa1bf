import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS } from '#jobs';
import { APP_CONFIG, LOGGER, type AppConfig, type Logger } from '#platform';
import { DeliveryMetrics } from '../delivery-metrics.js';
import { DeliveryProcessor, startDeliveryWorker } from '../delivery-processor.js';
import { WebhookChannel } from '../webhook-channel.js';
import { WebhookDirectory } from '../webhook-directory.js';

/** Runs the `notifications` queue's BullMQ worker in this process, from bootstrap to shutdown. */
@Injectable()
export class NotificationsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly directory: WebhookDirectory,
    private readonly metrics: DeliveryMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const logger = this.logger.child({ component: 'notifications' });
    const processor = new DeliveryProcessor([new WebhookChannel(this.directory, this.config.webhooks.timeoutMs)], this.metrics, logger);
    this.worker = startDeliveryWorker(this.redis, processor, { keyPrefix: this.config.redis.keyPrefix });
    this.worker.on('error', (err) => logger.warn({ err: err.message }, 'notifications worker error'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}

/**
 * Delivers notices in the worker process: webhook requests with retries and parking. Needs
 * `NotificationsModule` (global) for the directory and the counters.
 */
@Module({ providers: [NotificationsWorker] })
export class NotificationsWorkerModule {}
