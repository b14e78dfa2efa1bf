import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DirectiveReplayer } from '#audit';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, LOGGER, type AppConfig, type Logger } from '#platform';

/**
 * Directive replays on the configured store, their checkpoints in the deployment's Redis
 * namespace (a cache: a Redis failure is logged and the answer replayed from the events), the
 * chains read kept decoded in this process up to `AUDIT_DIRECTIVE_CACHE_MB`.
 */
export const directiveReplayerProvider: Provider = {
  provide: DirectiveReplayer,
  useFactory: (store: EventStore, redis: Redis, config: AppConfig, logger: Logger) =>
    new DirectiveReplayer(store, {
      redis,
      keyPrefix: config.redis.keyPrefix,
      decodedBudget: config.audit.directiveCacheMb * 1_000_000,
      warn: (message, err) => logger.warn({ err }, message),
    }),
  inject: [EVENT_STORE, REDIS, APP_CONFIG, LOGGER],
};
