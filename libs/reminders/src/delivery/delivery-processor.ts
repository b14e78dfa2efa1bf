import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '#platform';
import type { DeliveryObserver } from './delivery-metrics.js';
import { RecipientGoneError, type NotificationChannel } from './notification-channel.js';
import { NOTIFICATIONS_QUEUE, type DeliveryJobData } from './notifications-queue.js';

export type DeliveryResult = { readonly status: 'delivered'; readonly attempt: number } | { readonly status: 'skipped'; readonly reason: string };

/**
 * Maps a delivery job to its channel: a thin processor. A failure is rethrown so that BullMQ
 * retries it with the job's backoff; after the last attempt BullMQ keeps the job as failed
 * (parked). A recipient gone meanwhile completes the job without delivering.
 */
export class DeliveryProcessor {
  private readonly channels: ReadonlyMap<string, NotificationChannel>;

  constructor(
    channels: readonly NotificationChannel[],
    private readonly observer: DeliveryObserver,
    private readonly logger?: Logger,
  ) {
    this.channels = new Map(channels.map((channel) => [channel.name, channel]));
  }

  async process(job: Job<DeliveryJobData>): Promise<DeliveryResult> {
    const { channel: name, notice } = job.data;
    const channel = this.channels.get(name);
    if (!channel) throw new UnrecoverableError(`no notification channel is called ${name}`);
    const attempt = job.attemptsMade + 1;
    try {
      await channel.deliver(notice, attempt);
    } catch (error) {
      if (error instanceof RecipientGoneError) return { status: 'skipped', reason: error.message };
      const parked = attempt >= (job.opts.attempts ?? 1);
      this.observer.attempted(parked ? 'parked' : 'failed');
      this.logger?.warn({ delivery: job.id, unitId: notice.unitId, attempt, parked, err: (error as Error).message }, 'notice delivery failed');
      throw error;
    }
    this.observer.attempted('delivered');
    return { status: 'delivered', attempt };
  }
}

export interface DeliveryWorkerSettings {
  readonly keyPrefix: string;
  /** Deliveries in flight at once (they wait on receivers, not on the CPU). */
  readonly concurrency?: number;
}

/**
 * Starts the BullMQ worker of the `notifications` queue on the shared connection (which must have
 * `maxRetriesPerRequest: null`). Close it before the connection.
 */
export function startDeliveryWorker(connection: Redis, processor: DeliveryProcessor, settings: DeliveryWorkerSettings): Worker<DeliveryJobData, DeliveryResult> {
  return new Worker<DeliveryJobData, DeliveryResult>(NOTIFICATIONS_QUEUE, (job) => processor.process(job), {
    connection,
    prefix: settings.keyPrefix,
    concurrency: settings.concurrency ?? 8,
  });
}
