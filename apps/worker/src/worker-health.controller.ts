import { Controller, Get, Header, Inject, Optional, Res } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, type AppConfig } from '#platform';
import { PROJECTIONS_TOKEN, readModelsHealth, type Projection } from '#read-models';
import { FOLLOW_UP_QUEUE_TOKEN, FollowUpFollower, followUpHealth } from '#reminders';
import { MetricsService, probe } from '#runtime';

/** The worker's own health and metrics endpoints (no token: bind WORKER_PORT to a private interface). */
@Controller()
export class WorkerHealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: MetricsService,
    @Inject(PROJECTIONS_TOKEN) private readonly projections: readonly Projection[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(FOLLOW_UP_QUEUE_TOKEN) private readonly followUpQueue?: Queue,
    @Optional() private readonly follower?: FollowUpFollower,
  ) {}

  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [redis, eventStore] = await Promise.all([probe(() => this.redis.ping()), probe(() => this.store.ping())]);
    const status = redis.status === 'up' && eventStore.status === 'up' ? 'ok' : 'down';
    if (status === 'down') void reply.status(503);
    const readModels = status === 'ok' ? await readModelsHealth(this.store, this.redis, this.projections, this.config.redis.keyPrefix) : [];
    const { followUpQueue: queue, follower } = this;
    const followUp = status === 'ok' && queue && follower ? await followUpHealth(queue, () => follower.hasCheckpoint()) : undefined;
    const uptimeSeconds = Math.round((Date.now() - this.startedAt) / 1000);
    return { status, role: 'worker', queues: this.config.workerQueues, uptimeSeconds, checks: { redis, eventStore }, readModels, ...(followUp ? { followUp } : {}) };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
