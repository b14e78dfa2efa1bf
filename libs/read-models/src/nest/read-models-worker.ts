import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS } from '#jobs';
import { APP_CONFIG, LOGGER, type AppConfig, type Logger } from '#platform';
import type { Projection } from '../engine/projection.js';
import { dirtyKey } from '../engine/redis-keys.js';
import { ProjectionRunner, type RunOutcome } from '../engine/projection-runner.js';
import {
  CATCH_UP_JOB,
  CATCH_UP_JOB_ID,
  READ_MODELS_QUEUE,
  REBUILD_JOB,
  SAFETY_NET_EVERY_MS,
  SAFETY_NET_SCHEDULER,
  type CatchUpJobData,
  type RebuildJobData,
} from '../engine/read-models-queue.js';
import { PROJECTIONS_TOKEN, READ_MODELS_QUEUE_TOKEN } from './read-models.tokens.js';

/**
 * Processes the read-models queue in the worker: a thin mapping of jobs to the runner. It installs
 * the safety-net scheduler at start and re-installs it at the same interval (a Redis emptied
 * meanwhile loses it), so a flushed Redis rebuilds its read models by itself within seconds.
 */
@Injectable()
export class ReadModelsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker;
  private keeper?: NodeJS.Timeout;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(READ_MODELS_QUEUE_TOKEN) private readonly queue: Queue,
    @Inject(PROJECTIONS_TOKEN) private readonly projections: readonly Projection[],
    private readonly runner: ProjectionRunner,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker(READ_MODELS_QUEUE, (job) => this.process(job), {
      connection: this.redis,
      prefix: this.config.redis.keyPrefix,
      concurrency: 1,
      stalledInterval: 5000,
      lockDuration: 15_000,
    });
    this.worker.on('failed', (job, err) => this.logger.warn({ job: job?.name, err: err.message }, 'read-models job failed'));
    this.worker.on('completed', (job) => void this.followUp(job));
    await this.installSafetyNet();
    this.keeper = setInterval(() => void this.installSafetyNet().catch(() => undefined), SAFETY_NET_EVERY_MS);
    this.keeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.keeper);
    await this.worker?.close();
  }

  private async installSafetyNet(): Promise<void> {
    await this.queue.upsertJobScheduler(SAFETY_NET_SCHEDULER, { every: SAFETY_NET_EVERY_MS }, { name: CATCH_UP_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: true } });
    await this.queue.add(CATCH_UP_JOB, {}, { jobId: CATCH_UP_JOB_ID, removeOnComplete: true, removeOnFail: true });
  }

  private async process(job: Job): Promise<RunOutcome[]> {
    if (job.name === REBUILD_JOB) {
      const { projection } = job.data as RebuildJobData;
      return [await this.runner.rebuild(this.find(projection))];
    }
    const { projection } = job.data as CatchUpJobData;
    const chosen = projection ? [this.find(projection)] : this.projections;
    const outcomes: RunOutcome[] = [];
    const dirty = dirtyKey(this.config.redis.keyPrefix);
    for (let round = 0; round === 0 || ((await this.redis.exists(dirty)) === 1 && round < 100); round++) {
      await this.redis.del(dirty);
      outcomes.splice(0, outcomes.length, ...(await this.runner.catchUpAll(chosen)));
    }
    for (const outcome of outcomes.filter((o) => o.status === 'conflict' || o.status === 'lost-lock')) {
      this.logger.warn({ ...outcome }, 'read model run stopped early; the next run continues');
    }
    return outcomes;
  }

  /** A trigger absorbed by the job that just finished is not lost: ask for another round. */
  private async followUp(job: Job): Promise<void> {
    if (job.name !== CATCH_UP_JOB || (await this.redis.exists(dirtyKey(this.config.redis.keyPrefix))) !== 1) return;
    await this.queue.add(CATCH_UP_JOB, {}, { jobId: CATCH_UP_JOB_ID, removeOnComplete: true, removeOnFail: true }).catch(() => undefined);
  }

  private find(name: string): Projection {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new UnrecoverableError(`unknown projection ${name}`);
    return projection;
  }
}
