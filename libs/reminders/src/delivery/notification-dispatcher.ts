import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { deliveryIdOf, type Notice } from './notification-channel.js';
import {
  DELIVER_WEBHOOK_JOB,
  DELIVERY_MEMORY_MS,
  deliveryJobOptions,
  dispatchedKey,
  WEBHOOK_CHANNEL,
  type DeliveryJobData,
  type DeliveryRetrySettings,
} from './notifications-queue.js';
import type { WebhookDirectory } from './webhook-directory.js';

export interface DispatcherSettings extends DeliveryRetrySettings {
  /** `config.redis.keyPrefix`: the queue's prefix and the namespace of the dispatch markers. */
  readonly keyPrefix: string;
}

/**
 * Queues the deliveries of recorded notices: one `DeliverWebhook` job per notice whose unit has a
 * webhook. Safe to call again with the same notices (a retried reminder job, a replayed log): the
 * job id and BullMQ's deduplication key make each delivery queued at most once within
 * `DELIVERY_MEMORY_MS`. Delivery is at least once: receivers deduplicate by `X-Directive-Delivery`.
 */
export class NotificationDispatcher {
  constructor(
    private readonly queue: Queue,
    private readonly directory: WebhookDirectory,
    private readonly redis: Redis,
    private readonly settings: DispatcherSettings,
  ) {}

  /** Queues what is not queued yet; returns how many deliveries this call queued. */
  async dispatch(notices: readonly Notice[]): Promise<number> {
    const queued = await Promise.all(notices.map((notice) => this.enqueue(notice)));
    return queued.filter(Boolean).length;
  }

  /**
   * The job is added first (deduplicated atomically by BullMQ), then a marker is set with NX to
   * learn whether this call was the first: a crash in between can only under-count, never lose a
   * delivery.
   */
  private async enqueue(notice: Notice): Promise<boolean> {
    if (!(await this.directory.webhookOf(notice.unitId))) return false;
    const id = deliveryIdOf(notice, WEBHOOK_CHANNEL);
    const data: DeliveryJobData = { channel: WEBHOOK_CHANNEL, notice };
    await this.queue.add(DELIVER_WEBHOOK_JOB, data, deliveryJobOptions(id, this.settings));
    const first = await this.redis.set(dispatchedKey(this.settings.keyPrefix, id), '1', 'PX', DELIVERY_MEMORY_MS, 'NX');
    return first === 'OK';
  }
}
