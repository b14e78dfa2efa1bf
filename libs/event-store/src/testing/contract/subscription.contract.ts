import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../event-store.port.js';
import {
  anEvent,
  idsOf,
  markPosition,
  someEvents,
  type StoreProvider,
  take,
  uniqueStreamId,
  withTimeout,
} from './contract-fixtures.js';

export function describeSubscriptionContract(store: StoreProvider): void {
  describe('subscribeToAll', () => {
    it('delivers the history after the start position, then live events, each once and in order', async () => {
      const start = await markPosition(store());
      const [a, b] = [uniqueStreamId(), uniqueStreamId()];
      const history = someEvents(3);
      await store().append(a, history, { expectedRevision: 'no_stream' });
      const subscription = store().subscribeToAll({ after: start });
      try {
        const ours = new Set([a, b]);
        expect(idsOf(await take(subscription, 3, ours))).toEqual(idsOf(history));
        const live = take(subscription, 3, ours);
        const [first, second, third] = [anEvent(), anEvent(), anEvent()];
        await store().append(b, [first], { expectedRevision: 'no_stream' });
        await store().append(a, [second, third], { expectedRevision: 2 });
        const delivered = await live;
        expect(idsOf(delivered)).toEqual(idsOf([first, second, third]));
        expect(delivered.map((event) => [event.streamId, event.revision])).toEqual([[b, 0], [a, 3], [a, 4]]);
        const last = anEvent();
        await store().append(b, [last], { expectedRevision: 0 });
        expect(idsOf(await take(subscription, 1, ours))).toEqual([last.eventId]);
      } finally {
        await subscription.close();
      }
    });

    it('starts strictly after the given position', async () => {
      const stream = uniqueStreamId();
      const [skipped, wanted] = someEvents(2);
      const { position } = await store().append(stream, [skipped], { expectedRevision: 'no_stream' });
      await store().append(stream, [wanted], { expectedRevision: 0 });
      const subscription = store().subscribeToAll({ after: position });
      try {
        const [first] = await take(subscription, 1, new Set([stream]));
        expect(first).toMatchObject({ eventId: wanted.eventId, revision: 1 });
      } finally {
        await subscription.close();
      }
    });

    it('resolves a pending next() with done when closed, and delivers nothing after', async () => {
      const stream = uniqueStreamId();
      const { position } = await store().append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const subscription = store().subscribeToAll({ after: position });
      const iterator = subscription[Symbol.asyncIterator]();
      const pending = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.close();
      await store().append(stream, [anEvent()], { expectedRevision: 0 });
      const results = [await withTimeout(pending, 2_000, 'close to end next()'), await iterator.next()];
      const delivered = results.filter((result) => !result.done).map((result) => result.value as RecordedEvent);
      expect(delivered.filter((event) => event.streamId === stream)).toEqual([]);
      expect(results.at(-1)?.done).toBe(true);
    });

    it('closes when a for await loop breaks', async () => {
      const stream = uniqueStreamId();
      const start = await markPosition(store());
      const event = anEvent();
      await store().append(stream, [event], { expectedRevision: 'no_stream' });
      const subscription = store().subscribeToAll({ after: start });
      const seen = await withTimeout(
        (async () => {
          for await (const recorded of subscription) if (recorded.streamId === stream) return recorded;
          return undefined;
        })(),
        5_000,
        'the appended event',
      );
      expect(seen?.eventId).toBe(event.eventId);
      await store().append(stream, [anEvent()], { expectedRevision: 0 });
      const after = await withTimeout(subscription[Symbol.asyncIterator]().next(), 2_000, 'a closed subscription');
      expect(after.done).toBe(true);
    });
  });

  describe('ping', () => {
    it('resolves while the store is reachable', async () => {
      await expect(store().ping()).resolves.toBeUndefined();
    });
  });
}
