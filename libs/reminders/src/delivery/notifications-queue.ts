import type { JobsOptions } from 'bullmq';
import type { Notice } from './notification-channel.js';

export const NOTIFICATIONS_QUEUE = 'notifications';
export const DELIVER_WEBHOOK_JOB = 'DeliverWebhook';
export const WEBHOOK_CHANNEL = 'webhook';

/** What a delivery job carries: the notice and the channel, never the URL or the secret (looked up when it runs). */
export interface DeliveryJobData {
  readonly channel: string;
  readonly notice: Notice;
}

export interface DeliveryRetrySettings {
  /** Attempts before the delivery is parked (kept as a failed job for an administrator). */
  readonly maxAttempts: number;
  /** Delay before the first retry; BullMQ doubles it at each further attempt. */
  readonly backoffMs: number;
}

/** A notice dispatched again within this time is not delivered again, even after its job is gone. */
export const DELIVERY_MEMORY_MS = 7 * 24 * 3600 * 1000;

/**
 * Options of a delivery job. Delivered jobs are removed; failed ones are kept (parked). The
 * deduplication key outlives the job for `DELIVERY_MEMORY_MS`, inside BullMQ's own add script, so
 * a notice dispatched again after its delivery completed is not queued a second time.
 */
export function deliveryJobOptions(id: string, settings: DeliveryRetrySettings): JobsOptions {
  return {
    jobId: id,
    attempts: settings.maxAttempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    removeOnComplete: true,
    removeOnFail: false,
    deduplication: { id, ttl: DELIVERY_MEMORY_MS },
  };
}

/** The key that remembers a delivery was queued, to count each one once (see `NotificationDispatcher`). */
export const dispatchedKey = (keyPrefix: string, id: string): string => `${keyPrefix}:notifications-dispatched:${id}`;
