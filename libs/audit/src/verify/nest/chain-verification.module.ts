import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, CLOCK, LOGGER, type AppConfig, type Clock, type Logger } from '#platform';
import { ChainVerifier } from '../chain-verifier.js';
import { LastVerificationRecord } from './last-verification.js';

export const CHAIN_VERIFICATION_QUEUE = 'audit-verify';
const VERIFY_JOB = 'VerifyChains';
const SCHEDULER = 'audit-verify-daily';
/** Every day at 02:00 in Vietnam, when nobody reports: the walk reads every event once. */
export const DAILY_VERIFICATION = { pattern: '0 2 * * *', tz: 'Asia/Ho_Chi_Minh' } as const;

/**
 * The verifier on the configured store, and the record of its last outcome. Only here, where the
 * adapter is known from the configuration, may it be told that positions have no gaps (SQLite),
 * so a deleted event at a stream's tail shows even without an anchor.
 */
@Module({
  providers: [
    {
      provide: ChainVerifier,
      useFactory: (store: EventStore, clock: Clock, config: AppConfig) => new ChainVerifier(store, clock, { contiguousPositions: config.eventStore.kind === 'sqlite' }),
      inject: [EVENT_STORE, CLOCK, APP_CONFIG],
    },
    LastVerificationRecord,
  ],
  exports: [ChainVerifier, LastVerificationRecord],
})
export class ChainVerificationModule {}

/**
 * Walks every hash chain of the store daily in the worker (a BullMQ job scheduler, so one walk
 * however many workers run) and at start when no outcome is on record, and keeps the outcome for
 * the dashboards' audit badge. A broken chain is logged as an error naming the first breaks.
 */
@Injectable()
export class ChainVerificationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queue: Queue;
  private worker?: Worker;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly verifier: ChainVerifier,
    private readonly last: LastVerificationRecord,
  ) {
    this.queue = new Queue(CHAIN_VERIFICATION_QUEUE, { connection: redis, prefix: config.redis.keyPrefix });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(SCHEDULER, DAILY_VERIFICATION, { name: VERIFY_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 20 } });
    this.worker = new Worker(CHAIN_VERIFICATION_QUEUE, () => this.verify(), {
      connection: this.redis,
      prefix: this.config.redis.keyPrefix,
      concurrency: 1,
    });
    this.worker.on('failed', (job, err) => this.logger.warn({ job: job?.id, err: err.message }, 'chain verification failed'));
    if (!(await this.last.read())) await this.queue.add(VERIFY_JOB, {}, { jobId: 'audit-verify-at-start', removeOnComplete: true, removeOnFail: 20 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }

  private async verify(): Promise<void> {
    const verification = await this.verifier.verify({});
    await this.last.remember(verification, 'scheduled');
    const summary = { streams: verification.streams, events: verification.events, broken: verification.broken.slice(0, 5) };
    if (verification.ok) this.logger.info(summary, 'hash chains verified');
    else this.logger.error(summary, 'hash chains BROKEN: the event store was altered');
  }
}

@Module({ imports: [ChainVerificationModule], providers: [ChainVerificationWorker] })
export class ChainVerificationWorkerModule {}
