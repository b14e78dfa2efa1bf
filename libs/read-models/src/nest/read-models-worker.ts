import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS } from '#jobs';
import { LOGGER, type Logger } from '#platform';
import type { Projection } from '../engine/projection.js';
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
 * the safety-net scheduler at start and re-installs it every 30 s (a Redis emptied meanwhile loses
 * it), and asks for a first catch-up, so a flushed Redis rebuilds its read models by itself.
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker(READ_MODELS_QUEUE, (job) => this.process(job), { connection: this.redis, concurrency: 1, stalledInterval: 5000, lockDuration: 15_000 });
    this.worker.on('failed', (job, err) => this.logger.warn({ job: job?.name, err: err.message }, 'read-models job failed'));
    await this.installSafetyNet();
    this.keeper = setInterval(() => void this.installSafetyNet().catch(() => undefined), 30_000);
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
    for (const one of chosen) outcomes.push(await this.runner.catchUp(one));
    for (const outcome of outcomes.filter((o) => o.status === 'conflict' || o.status === 'lost-lock')) {
      this.logger.warn({ ...outcome }, 'read model run stopped early; the next run continues');
    }
    return outcomes;
  }

  private find(name: string): Projection {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new UnrecoverableError(`unknown projection ${name}`);
    return projection;
  }
}
