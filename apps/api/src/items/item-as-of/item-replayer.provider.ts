import type { Provider } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ItemReplayer } from '#audit';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, LOGGER, type AppConfig, type Logger } from '#platform';

/**
 * Item replays on the configured store, their snapshots in the deployment's Redis namespace.
 * Snapshots are a cache: a Redis failure is logged and the answer folded from the events.
 */
export const itemReplayerProvider: Provider = {
  provide: ItemReplayer,
  useFactory: (store: EventStore, redis: Redis, config: AppConfig, logger: Logger) =>
    new ItemReplayer(store, { redis, keyPrefix: config.redis.keyPrefix, warn: (message, err) => logger.warn({ err }, message) }),
  inject: [EVENT_STORE, REDIS, APP_CONFIG, LOGGER],
};
