import type { EventStore } from '#event-store';
import type { Projection } from './projection.js';
import { RedisReadModelStorage } from './redis-read-model-storage.js';
import type { Redis } from 'ioredis';

/** How far behind the log a read model is; counted up to `LAG_COUNT_LIMIT` events. */
export interface ReadModelStatus {
  readonly projection: string;
  readonly state: 'ready' | 'not-built' | 'outdated';
  readonly generation?: string;
  readonly version?: number;
  readonly checkpoint?: string;
  readonly applied?: number;
  /** Events of the log after the checkpoint (any type: the checkpoint passes them all). */
  readonly eventsBehind: number;
  /** True when there are more than `LAG_COUNT_LIMIT` events behind: `eventsBehind` is then a floor. */
  readonly eventsBehindIsFloor: boolean;
  /** Milliseconds since the oldest event not yet applied was recorded (0 when caught up). */
  readonly msBehind: number;
}

export const LAG_COUNT_LIMIT = 1000;

/** The status of every read model, for health checks; a model that cannot be read shows as `unknown`. */
export async function readModelsHealth(store: EventStore, redis: Redis, projections: readonly Projection[], keyPrefix?: string) {
  return Promise.all(
    projections.map(async (projection) => {
      try {
        const { state, eventsBehind, eventsBehindIsFloor, msBehind, generation, checkpoint } = await readModelStatus(store, redis, projection, keyPrefix);
        return { projection: projection.name, state, eventsBehind, eventsBehindIsFloor, msBehind, generation, checkpoint };
      } catch (error) {
        return { projection: projection.name, state: 'unknown' as const, error: (error as Error).message };
      }
    }),
  );
}

export async function readModelStatus(store: EventStore, redis: Redis, projection: Projection, keyPrefix?: string, now = Date.now()): Promise<ReadModelStatus> {
  const storage = new RedisReadModelStorage(redis, projection.name, keyPrefix);
  const generation = await storage.activeGeneration();
  const meta = generation ? await storage.meta(generation) : undefined;
  const behind = await store.readAll({ after: meta?.checkpoint, maxCount: LAG_COUNT_LIMIT });
  const oldest = behind.events[0];
  const base = {
    projection: projection.name,
    eventsBehind: behind.events.length,
    eventsBehindIsFloor: !behind.isEnd,
    msBehind: oldest ? Math.max(0, now - Date.parse(oldest.metadata.recordedAt)) : 0,
  };
  if (!generation || !meta) return { ...base, state: 'not-built' };
  const { version, checkpoint, applied } = meta;
  return { ...base, state: version === projection.version ? 'ready' : 'outdated', generation, version, checkpoint, applied };
}
