import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, LOGGER, type AppConfig, type Logger } from '#platform';
import { connectRedis, REDIS } from './redis-connection.js';

/**
 * The connection to Redis that BullMQ queues, workers and read models share. Redis is required:
 * the process refuses to start, saying how to start Redis, when it does not answer.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      useFactory: (config: AppConfig, logger: Logger) => connectRedis(config.redis.url, logger, 'directive-engine'),
      inject: [APP_CONFIG, LOGGER],
    },
  ],
  exports: [REDIS],
})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
