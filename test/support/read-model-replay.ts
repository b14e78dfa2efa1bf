import type { Redis } from 'ioredis';
import type { EventStore, RecordedEvent } from '#event-store';
import { InMemoryDocumentStore, META, PROJECTIONS, RedisReadModelStorage, type Projection } from '#read-models';

/** Every event of the store, up to and including `until` (a position) when given. */
export async function readLog(store: EventStore, until?: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 5000 });
    for (const event of page.events) {
      events.push(event);
      if (event.position === until) return events;
    }
    if (page.isEnd || page.events.length === 0) return events;
    after = page.events[page.events.length - 1]!.position;
  }
}

/** The documents a fresh full replay of these events gives. */
export function replay(projection: Projection, events: readonly RecordedEvent[]): Map<string, unknown> {
  const docs = new InMemoryDocumentStore();
  for (const event of events) if (projection.eventTypes.has(event.type)) projection.apply(event, docs);
  return docs.docs;
}

/** A projection's active generation in Redis: its checkpoint and its documents. */
export async function storedModel(redis: Redis, prefix: string, projection: Projection): Promise<{ checkpoint?: string; docs: Map<string, unknown> } | undefined> {
  const storage = new RedisReadModelStorage(redis, projection.name, prefix);
  const generation = await storage.activeGeneration();
  if (!generation) return undefined;
  const { docs, meta } = await storage.everything(generation);
  return { checkpoint: meta[META.checkpoint] || undefined, docs };
}

export { PROJECTIONS };
