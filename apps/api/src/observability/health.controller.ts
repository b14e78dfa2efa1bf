import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, type AppConfig } from '#platform';
import { Public } from '../http/auth.decorators.js';

type Check = { status: 'up' | 'down'; latencyMs: number; error?: string };

/** Liveness and readiness in one: 200 while the event store answers, 503 otherwise. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Health of the API and of what it depends on (no token needed)' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const [eventStore, redis] = await Promise.all([timed(() => this.store.ping()), timed(() => this.redis.ping())]);
    const status = eventStore.status === 'down' ? 'down' : redis.status === 'down' ? 'degraded' : 'ok';
    if (status === 'down') void reply.status(503);
    return {
      status,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      checks: { eventStore: { ...eventStore, kind: this.config.eventStore.kind }, redis },
    };
  }
}

async function timed(probe: () => Promise<unknown>): Promise<Check> {
  const started = performance.now();
  try {
    await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2000 ms')), 2000).unref())]);
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}
