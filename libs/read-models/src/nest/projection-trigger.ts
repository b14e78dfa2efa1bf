import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { CommitListener } from '#runtime';
import type { Redis } from 'ioredis';
import { REDIS } from '#jobs';
import { APP_CONFIG, LOGGER, type AppConfig, type Logger } from '#platform';
import { CATCH_UP_JOB, CATCH_UP_JOB_ID } from '../engine/read-models-queue.js';
import { dirtyKey } from '../engine/redis-keys.js';
import { READ_MODELS_QUEUE_TOKEN } from './read-models.tokens.js';

/**
 * Asks the workers to catch the read models up after commands commit. At most one request is in
 * flight at a time and commits meanwhile are folded into the next one, so a burst of commands costs
 * a couple of Redis round trips; the job id is fixed, so a catch-up already waiting absorbs it.
 * A failure only delays the read models (the safety-net scheduler catches up); it never fails a command.
 */
@Injectable()
export class ProjectionTrigger implements CommitListener {
  private inFlight = false;
  private pending = false;

  private readonly dirty: string;

  constructor(
    @Inject(READ_MODELS_QUEUE_TOKEN) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.dirty = dirtyKey(config.redis.keyPrefix);
  }

  committed(): void {
    this.pending = true;
    if (!this.inFlight) void this.flush();
  }

  private async flush(): Promise<void> {
    this.inFlight = true;
    try {
      while (this.pending) {
        this.pending = false;
        await this.redis.set(this.dirty, '1');
        await this.queue.add(CATCH_UP_JOB, {}, { jobId: CATCH_UP_JOB_ID, removeOnComplete: true, removeOnFail: true });
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not trigger the read models; the safety net will catch up');
    } finally {
      this.inFlight = false;
    }
  }
}
