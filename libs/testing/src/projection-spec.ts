import { expect } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { InMemoryDocumentStore, type Projection } from '#read-models';

/**
 * Given/when/then specifications for a projection:
 * `spec.given(events).when(event).then({key: doc, …})` — the documents after the new event;
 * `.thenUnchanged…` helpers prove idempotency. Events are fed in order, as the engine would.
 */
export function projectionSpec(projection: Projection) {
  const run = (events: readonly RecordedEvent[], store = new InMemoryDocumentStore()) => {
    for (const event of events) if (projection.eventTypes.has(event.type)) projection.apply(event, store);
    return store;
  };
  return {
    given(events: readonly RecordedEvent[]) {
      return {
        when(event: RecordedEvent) {
          const store = run([...events, event]);
          return {
            /** The listed documents are exactly these (others are not checked). */
            then(expected: Record<string, unknown>) {
              for (const [key, doc] of Object.entries(expected)) expect(store.get(key)).toEqual(doc);
            },
            /** Applying the same event once more changes no document. */
            thenAppliedTwiceChangesNothing() {
              const before = structuredClone([...store.docs]);
              run([event], store);
              expect([...store.docs]).toEqual(before);
            },
            docs: store,
          };
        },
      };
    },
    /** The documents of a full replay of these events. */
    replay(events: readonly RecordedEvent[]) {
      return run(events).docs;
    },
  };
}
