import type { Job, JobType, Queue } from 'bullmq';
import { DeliveryNotFoundError, DeliveryNotParkedError } from './delivery.errors.js';
import type { DeliveryJobData } from './notifications-queue.js';
import type { WebhookDirectory } from './webhook-directory.js';

export const DELIVERY_STATES = ['parked', 'pending'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

const JOB_TYPES: Record<DeliveryState, JobType[]> = {
  parked: ['failed'],
  pending: ['active', 'waiting', 'prioritized', 'delayed'],
};

/** A delivery as an administrator sees it: where it goes (host only), what it carries, how it went. */
export interface DeliveryView {
  readonly id: string;
  readonly state: string;
  readonly channel: string;
  readonly unitId: string;
  /** Host of the unit's webhook now (where a retry would go); null when it was removed. */
  readonly host: string | null;
  readonly eventType: string;
  readonly itemId: string;
  readonly attemptsMade: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly queuedAt: string;
  readonly lastAttemptAt: string | null;
  readonly finishedAt: string | null;
}

const iso = (ms: number | undefined): string | null => (ms ? new Date(ms).toISOString() : null);

/**
 * The administrator's view of the `notifications` queue: deliveries parked after their last
 * attempt, or still pending, and the retry of a parked one with a fresh set of attempts. Never
 * shows a URL's path or query (they may carry tokens of the receiver), nor a secret.
 */
export class DeliveryAdmin {
  constructor(
    private readonly queue: Queue<DeliveryJobData>,
    private readonly directory: WebhookDirectory,
  ) {}

  async list(state: DeliveryState, limit: number): Promise<DeliveryView[]> {
    const jobs = await this.queue.getJobs(JOB_TYPES[state], 0, limit - 1, true);
    return Promise.all(jobs.filter(Boolean).slice(0, limit).map((job) => this.view(job, state === 'parked' ? 'parked' : undefined)));
  }

  /** Moves a parked delivery back to the queue with its attempts reset; throws when unknown or not parked. */
  async retry(id: string): Promise<DeliveryView> {
    const job = await this.queue.getJob(id);
    if (!job) throw new DeliveryNotFoundError(id);
    const state = await job.getState();
    if (state !== 'failed') throw new DeliveryNotParkedError(id, state);
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch {
      throw new DeliveryNotParkedError(id, await job.getState());
    }
    return this.view((await this.queue.getJob(id)) ?? job);
  }

  private async view(job: Job<DeliveryJobData>, known?: string): Promise<DeliveryView> {
    const { channel, notice } = job.data;
    const webhook = await this.directory.webhookOf(notice.unitId);
    const state = known ?? (await job.getState());
    return {
      id: job.id!,
      state: state === 'failed' ? 'parked' : state,
      channel,
      unitId: notice.unitId,
      host: webhook ? new URL(webhook.url).host : null,
      eventType: notice.type,
      itemId: notice.itemId,
      attemptsMade: job.attemptsMade,
      maxAttempts: job.opts.attempts ?? 1,
      lastError: job.failedReason || null,
      queuedAt: iso(job.timestamp)!,
      lastAttemptAt: iso(job.processedOn),
      finishedAt: iso(job.finishedOn),
    };
  }
}
