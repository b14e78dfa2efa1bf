import type { RecordedEvent } from '#event-store';
import { BatchDocumentStore } from './memory-document-store.js';
import type { Projection } from './projection.js';
import type { RedisReadModelStorage } from './redis-read-model-storage.js';

/**
 * Applies a batch of events to the documents it touches and returns the changed ones. The
 * documents the projection hints at are loaded first; any other it asks for is loaded afterwards
 * and the batch applied again from the loaded state (a projection may look up any document).
 */
export async function applyEvents(projection: Projection, storage: RedisReadModelStorage, generation: string, events: readonly RecordedEvent[]): Promise<Map<string, unknown>> {
  const base = await storage.load(generation, [...new Set(events.flatMap((event) => projection.keysOf(event)))]);
  for (let pass = 1; ; pass++) {
    const docs = new BatchDocumentStore(base);
    let failure: unknown;
    try {
      for (const event of events) projection.apply(event, docs);
    } catch (error) {
      failure = error;
    }
    if (docs.missing.size === 0) {
      if (failure) throw failure;
      return docs.changed();
    }
    if (pass >= 20) throw new Error(`${projection.name}: documents still missing after ${pass} passes: ${[...docs.missing].slice(0, 5).join(', ')}`);
    for (const [key, doc] of await storage.load(generation, [...docs.missing])) base.set(key, doc);
  }
}
