import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DuplicateEventIdError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../event-store.errors.js';
import { anEvent, someEvents, take, uniqueStreamId } from '../../testing/index.js';
import { openTempSqliteStore, type TempSqliteStore } from '../../testing/sqlite-temp-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';

describe('SqliteEventStore', () => {
  let temp: TempSqliteStore;
  const store = () => temp.store;

  beforeEach(async () => {
    temp = await openTempSqliteStore();
  });

  afterEach(async () => {
    await temp.teardown();
  });

  describe('event ids', () => {
    it('rejects an event id already stored in another stream, writing nothing', async () => {
      const event = anEvent();
      await store().append(uniqueStreamId(), [event], { expectedRevision: 'no_stream' });
      const other = uniqueStreamId();
      const append = store().append(other, [anEvent(), event], { expectedRevision: 'no_stream' });
      await expect(append).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(append).rejects.toMatchObject({ streamId: other, eventId: event.eventId });
      expect(await store().readStream(other)).toEqual([]);
    });

    it('rejects an event id repeated within one append', async () => {
      const event = anEvent();
      const stream = uniqueStreamId();
      await expect(store().append(stream, [event, event], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
      expect(await store().readStream(stream)).toEqual([]);
    });
  });

  describe('several processes sharing the file', () => {
    it('lets a second instance read what the first wrote, with revision checks across instances', async () => {
      const other = await temp.openAnother();
      const stream = uniqueStreamId();
      const events = someEvents(3);
      await store().append(stream, events, { expectedRevision: 'no_stream' });
      expect((await other.readStream(stream)).map((event) => event.eventId)).toEqual(events.map((e) => e.eventId));
      await other.append(stream, [anEvent()], { expectedRevision: 2 });
      const stale = store().append(stream, [anEvent()], { expectedRevision: 2 });
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(stale).rejects.toMatchObject({ actual: 3 });
      expect(await store().readStream(stream)).toHaveLength(4);
    });

    it('delivers to a subscription on one instance the events appended through another, by polling', async () => {
      const polling = await temp.openAnother({ pollIntervalMs: 20 });
      const writer = await temp.openAnother();
      const stream = uniqueStreamId();
      const { position } = await polling.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const subscription = polling.subscribeToAll({ after: position });
      const delivered = take(subscription, 3, new Set([stream]), 2_000);
      const events = someEvents(3);
      for (const [i, event] of events.entries()) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await writer.append(stream, [event], { expectedRevision: i });
      }
      expect((await delivered).map((event) => [event.eventId, event.revision])).toEqual(
        events.map((event, i) => [event.eventId, i + 1]),
      );
      await subscription.close();
    });
  });

  describe('lifecycle', () => {
    it('keeps every event, revision and position when the file is reopened, and appends continue after them', async () => {
      const stream = uniqueStreamId();
      const first = await store().append(stream, someEvents(3), { expectedRevision: 'no_stream' });
      const before = await store().readAll({ maxCount: 100 });
      await store().close();
      const reopened = await temp.openAnother();
      expect(await reopened.readAll({ maxCount: 100 })).toEqual(before);
      const next = await reopened.append(stream, [anEvent()], { expectedRevision: first.nextExpectedRevision });
      expect(next.nextExpectedRevision).toBe(3);
      expect(BigInt(next.position)).toBeGreaterThan(BigInt(first.position));
    });

    it('commits the appends still queued when it closes', async () => {
      const stream = uniqueStreamId();
      const pending = store().append(stream, someEvents(2), { expectedRevision: 'no_stream' });
      await store().close();
      await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 1, deduplicated: false });
      const reopened = await temp.openAnother();
      expect(await reopened.readStream(stream)).toHaveLength(2);
    });

    it('ends live subscriptions when it closes', async () => {
      const subscription = store().subscribeToAll();
      const pending = subscription[Symbol.asyncIterator]().next();
      await store().close();
      await expect(pending).resolves.toEqual({ done: true, value: undefined });
    });

    it('rejects every call after close with EventStoreUnavailableError, and closes again quietly', async () => {
      await store().close();
      const calls: Promise<unknown>[] = [
        store().append(uniqueStreamId(), [anEvent()], { expectedRevision: 'any' }),
        store().readStream(uniqueStreamId()),
        store().readAll({ maxCount: 1 }),
        store().ping(),
        store().subscribeToAll()[Symbol.asyncIterator]().next(),
      ];
      for (const call of calls) {
        await expect(call).rejects.toBeInstanceOf(EventStoreUnavailableError);
        await expect(call).rejects.toThrow('store is closed');
      }
      await expect(store().close()).resolves.toBeUndefined();
    });

    it('rejects opening a path that cannot be a database file', async () => {
      const opening = SqliteEventStore.open({ filename: temp.filename + '/nested/events.db' });
      await expect(opening).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });
  });
});
