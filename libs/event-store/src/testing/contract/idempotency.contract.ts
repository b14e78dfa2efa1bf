import { describe, expect, it } from '@jest/globals';
import { idsOf, someEvents, type StoreProvider, uniqueStreamId } from './contract-fixtures.js';

/**
 * What every store guarantees about a retried append (the same event ids sent again, as after a
 * lost answer): it is written once and resolves like the original. EventStoreDB recognises a
 * retry that carries the same expected revision (or `any`); stores may go further.
 */
export function describeIdempotencyContract(store: StoreProvider): void {
  describe('idempotency by event id', () => {
    it('writes a retried append once, resolving it to the revision of the original', async () => {
      const stream = uniqueStreamId();
      await store().append(stream, someEvents(1), { expectedRevision: 'no_stream' });
      const events = someEvents(2);
      const original = await store().append(stream, events, { expectedRevision: 0 });
      const retried = await store().append(stream, events, { expectedRevision: 0 });
      expect(original).toMatchObject({ nextExpectedRevision: 2, deduplicated: false });
      expect(retried.nextExpectedRevision).toBe(2);
      expect(await store().readStream(stream)).toHaveLength(3);
    });

    it('writes an append retried with expected revision any once', async () => {
      const stream = uniqueStreamId();
      const events = someEvents(2);
      const original = await store().append(stream, events, { expectedRevision: 'any' });
      const retried = await store().append(stream, events, { expectedRevision: 'any' });
      expect(retried.nextExpectedRevision).toBe(original.nextExpectedRevision);
      expect(idsOf(await store().readStream(stream))).toEqual(idsOf(events));
    });

    it('writes once when retries of a stream-creating append race each other', async () => {
      const stream = uniqueStreamId();
      const events = someEvents(2);
      const results = await Promise.all([1, 2, 3].map(() => store().append(stream, events, { expectedRevision: 'no_stream' })));
      expect(results.map((result) => result.nextExpectedRevision)).toEqual([1, 1, 1]);
      expect(results.filter((result) => !result.deduplicated).length).toBeGreaterThanOrEqual(1);
      expect(idsOf(await store().readStream(stream))).toEqual(idsOf(events));
    });
  });
}
