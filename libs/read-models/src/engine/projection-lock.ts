import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RELEASE_LOCK, RENEW_LOCK } from './lua-scripts.js';
import { keysOf } from './redis-keys.js';

/**
 * One runner per projection, across every worker process: a Redis lock with a time to live,
 * renewed while the runner works. If a runner dies, the lock lapses after `ttlMs` and another
 * takes over. The lock is an efficiency measure; correctness does not depend on it, because every
 * batch is applied with a compare-and-set on the checkpoint.
 */
export class ProjectionLock {
  private constructor(
    private readonly redis: Redis,
    private readonly key: string,
    readonly token: string,
    private readonly ttlMs: number,
  ) {}

  static async acquire(redis: Redis, projection: string, ttlMs: number, prefix?: string): Promise<ProjectionLock | undefined> {
    const key = keysOf(projection, prefix).lock;
    const token = randomUUID();
    const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? new ProjectionLock(redis, key, token, ttlMs) : undefined;
  }

  /** Extends the lock; false when it was lost (expired and taken by another runner). */
  async renew(): Promise<boolean> {
    return (await this.redis.eval(RENEW_LOCK, 1, this.key, this.token, this.ttlMs)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE_LOCK, 1, this.key, this.token);
  }
}
