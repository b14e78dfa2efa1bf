import { Redis } from 'ioredis';
import type { Logger } from '#platform';

export const REDIS = Symbol.for('directive-engine.Redis');

/** Redis is missing, too old or misconfigured; the message says what to do. */
export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RedisUnavailableError';
  }
}

export interface RedisFacts {
  readonly version: string;
  readonly maxmemoryPolicy: string;
}

const START_HINT = 'start it with: redis-server --daemonize yes --port 6379 --save "" --appendonly no';

/**
 * Connects to Redis and checks that it can carry BullMQ (Redis ≥ 6.2). BullMQ workers need
 * `maxRetriesPerRequest: null` (blocking commands must not time out), so every connection made
 * here uses it; the first connection attempt fails fast instead of retrying for ever.
 */
export async function connectRedis(url: string, logger: Logger, name: string): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectionName: name, enableOfflineQueue: true });
  let lastError: Error | undefined;
  redis.on('error', (err: Error) => {
    lastError = err;
    logger.warn({ err: err.message, redis: redactUrl(url) }, 'redis connection error');
  });
  try {
    await withTimeout(redis.connect(), 5000);
  } catch (cause) {
    redis.disconnect();
    const reason = (lastError ?? (cause as Error)).message;
    throw new RedisUnavailableError(`Redis is required but does not answer at ${redactUrl(url)} (${reason}); ${START_HINT}`, { cause });
  }
  const facts = await redisFacts(redis);
  if (!atLeast(facts.version, [6, 2])) {
    redis.disconnect();
    throw new RedisUnavailableError(`Redis ${facts.version} at ${redactUrl(url)} is too old: BullMQ needs Redis 6.2 or later`);
  }
  if (facts.maxmemoryPolicy !== 'noeviction') {
    logger.warn({ maxmemoryPolicy: facts.maxmemoryPolicy }, 'Redis maxmemory-policy should be noeviction, or queued jobs may be evicted');
  }
  logger.info({ redis: redactUrl(url), version: facts.version }, 'connected to Redis');
  return redis;
}

export async function redisFacts(redis: Redis): Promise<RedisFacts> {
  const info = await redis.info('server');
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '0.0.0';
  const policy = (await redis.config('GET', 'maxmemory-policy').catch(() => [])) as string[];
  return { version, maxmemoryPolicy: policy[1] ?? 'unknown' };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}

function atLeast(version: string, [major, minor]: [number, number]): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

/**
 * Deletes every key of one namespace (`<prefix>:*`: queues, read models, checkpoints) with
 * SCAN + UNLINK, never FLUSHALL, since a Redis may be shared by several deployments, tests and
 * demos. Returns how many keys it deleted. Keys written meanwhile may survive.
 */
export async function deleteNamespace(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  }
  return deleted;
}

/** `deleteNamespace` on its own short-lived connection to `url`. */
export async function deleteNamespaceAt(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await deleteNamespace(redis, prefix);
  } finally {
    redis.disconnect();
  }
}
