import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, type AppConfig } from '#platform';
import { PROJECTIONS_TOKEN, readModelsHealth, type Projection } from '#read-models';
import { probe } from '#runtime';
import { Public } from '../http/auth.decorators.js';

/** Liveness and readiness in one: 200 while the event store answers, 503 otherwise. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTIONS_TOKEN) private readonly projections: readonly Projection[],
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Health of the API and of what it depends on (no token needed)' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [eventStore, redis] = await Promise.all([probe(() => this.store.ping()), probe(() => this.redis.ping())]);
    const status = eventStore.status === 'down' ? 'down' : redis.status === 'down' ? 'degraded' : 'ok';
    if (status === 'down') void reply.status(503);
    return {
      status,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      checks: { eventStore: { ...eventStore, kind: this.config.eventStore.kind }, redis },
      readModels: redis.status === 'up' && eventStore.status === 'up' ? await readModelsHealth(this.store, this.redis, this.projections, this.config.redis.keyPrefix) : [],
    };
  }
}
