import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EventStoreError } from '../../event-store.errors.js';
import type { ExpectedRevision } from '../../event-store.port.js';
import { anEvent, idsOf, rejectionOf, someEvents, uniqueStreamId } from '../../testing/contract/contract-fixtures.js';
import { openTempSqliteStore, type TempSqliteStore } from '../../testing/sqlite-temp-store.js';

/**
 * SQLite goes further than the port's contract: event ids are unique across the store, so a
 * repeated append is recognised whatever its expected revision says, reported as deduplicated,
 * and a partial overlap is refused.
 */
describe('SqliteEventStore idempotency by event id', () => {
  let temp: TempSqliteStore;
  const store = () => temp.store;
  beforeEach(async () => {
    temp = await openTempSqliteStore();
  });
  afterEach(() => temp.teardown());

  it('returns the original revision and position with deduplicated true when an append is repeated, writing nothing', async () => {
    const stream = uniqueStreamId();
    await store().append(stream, [anEvent()], { expectedRevision: 'no_stream' });
    const events = someEvents(2);
    const original = await store().append(stream, events, { expectedRevision: 0 });
    const repeated = await store().append(stream, events, { expectedRevision: 0 });
    expect(original).toMatchObject({ nextExpectedRevision: 2, deduplicated: false });
    expect(repeated).toEqual({ ...original, deduplicated: true });
    expect(await store().readStream(stream)).toHaveLength(3);
  });

  it.each<ExpectedRevision>(['any', 'no_stream', 'stream_exists', 7])(
    'deduplicates a repeated append whatever its expected revision says (%p)',
    async (expectedRevision) => {
      const stream = uniqueStreamId();
      const event = anEvent();
      const original = await store().append(stream, [event], { expectedRevision: 'no_stream' });
      await store().append(stream, [anEvent()], { expectedRevision: 0 });
      const repeated = await store().append(stream, [event], { expectedRevision });
      expect(repeated).toEqual({ nextExpectedRevision: 0, position: original.position, deduplicated: true });
      expect(await store().readStream(stream)).toHaveLength(2);
    },
  );

  it('deduplicates a repeated multi-event append after the stream moved on, reporting its last event', async () => {
    const stream = uniqueStreamId();
    const events = someEvents(3);
    const original = await store().append(stream, events, { expectedRevision: 'no_stream' });
    await store().append(stream, someEvents(2), { expectedRevision: 2 });
    const repeated = await store().append(stream, events, { expectedRevision: 'any' });
    expect(repeated).toEqual({ nextExpectedRevision: 2, position: original.position, deduplicated: true });
    expect(await store().readStream(stream)).toHaveLength(5);
  });

  it.each<ExpectedRevision>([1, 'any'])(
    'rejects an append that repeats only some event ids, writing nothing (%p)',
    async (expectedRevision) => {
      const stream = uniqueStreamId();
      const [e1, e2, e3] = someEvents(3);
      await store().append(stream, [e1, e2], { expectedRevision: 'no_stream' });
      const overlapping = await rejectionOf(store().append(stream, [e2, e3], { expectedRevision }));
      const prefix = await rejectionOf(store().append(stream, [e1, e3], { expectedRevision }));
      expect(overlapping).toBeInstanceOf(EventStoreError);
      expect(prefix).toBeInstanceOf(EventStoreError);
      expect(idsOf(await store().readStream(stream))).toEqual([e1.eventId, e2.eventId]);
    },
  );

  it('resolves concurrent retries of one append to the same result, writing it once', async () => {
    const stream = uniqueStreamId();
    const events = someEvents(2);
    const results = await Promise.all(
      [1, 2, 3].map(() => store().append(stream, events, { expectedRevision: 'no_stream' })),
    );
    const positions = new Set(results.map((result) => result.position));
    expect(positions.size).toBe(1);
    expect(results.map((result) => result.nextExpectedRevision)).toEqual([1, 1, 1]);
    expect(results.filter((result) => !result.deduplicated)).toHaveLength(1);
    expect(idsOf(await store().readStream(stream))).toEqual(idsOf(events));
  });
});
