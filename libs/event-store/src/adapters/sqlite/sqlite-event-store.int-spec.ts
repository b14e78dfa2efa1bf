import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../event-store.errors.js';
import { anEvent, describeEventStoreContract, take, uniqueStreamId } from '../../testing/index.js';
import { makeTempDirectory, openTempSqliteStore, type TempSqliteStore } from '../../testing/sqlite-temp-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';

describeEventStoreContract('SqliteEventStore', async () => openTempSqliteStore());

describe('SqliteEventStore', () => {
  let temp: TempSqliteStore;
  const store = () => temp.store;

  beforeEach(async () => {
    temp = await openTempSqliteStore();
  });

  afterEach(async () => {
    await temp.teardown();
  });

  describe('durability settings', () => {
    it('runs in WAL mode with synchronous FULL and a 5 s busy timeout by default, at the current schema version', () => {
      expect(store().diagnostics()).toEqual({ journalMode: 'wal', synchronous: 2, busyTimeoutMs: 5000, schemaVersion: 1 });
      const raw = new Database(temp.filename, { readonly: true });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.pragma('user_version', { simple: true })).toBe(SqliteEventStore.schemaVersion);
      raw.close();
    });

    it('uses synchronous NORMAL and the given busy timeout only when asked', async () => {
      const normal = await temp.openAnother({ synchronous: 'NORMAL', busyTimeoutMs: 250 });
      expect(normal.diagnostics()).toMatchObject({ journalMode: 'wal', synchronous: 1, busyTimeoutMs: 250 });
    });

    it('creates the parent directories of the file', async () => {
      const directory = makeTempDirectory();
      const nested = await SqliteEventStore.open({ filename: join(directory, 'a', 'b', 'events.db') });
      await expect(nested.ping()).resolves.toBeUndefined();
      await nested.close();
      rmSync(directory, { recursive: true, force: true });
    });

    it('refuses a file whose schema is newer than this build', async () => {
      const raw = new Database(temp.filename);
      raw.pragma(`user_version = ${SqliteEventStore.schemaVersion + 1}`);
      raw.close();
      const opening = SqliteEventStore.open({ filename: temp.filename });
      await expect(opening).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(opening).rejects.toMatchObject({ cause: { message: expect.stringMatching(/newer/) } });
    });
  });

  describe('group commit', () => {
    it('commits appends queued in the same tick, to many streams, in one transaction', async () => {
      const before = store().stats();
      const streams = Array.from({ length: 25 }, () => uniqueStreamId());
      const results = await Promise.all(
        streams.map((stream) => store().append(stream, [anEvent()], { expectedRevision: 'no_stream' })),
      );
      const positions = results.map((result) => Number(result.position));
      expect(positions).toEqual(positions.map((_, i) => positions[0] + i));
      const after = store().stats();
      expect(after.batches - before.batches).toBe(1);
      expect(after.appends - before.appends).toBe(25);
      expect(after.events - before.events).toBe(25);
    });

    it('checks the appends of a batch in arrival order, so a later one sees an earlier one to the same stream', async () => {
      const stream = uniqueStreamId();
      const before = store().stats().batches;
      const results = await Promise.all(
        (['no_stream', 0, 1] as const).map((expectedRevision) =>
          store().append(stream, [anEvent()], { expectedRevision }),
        ),
      );
      expect(results.map((result) => result.nextExpectedRevision)).toEqual([0, 1, 2]);
      expect(store().stats().batches - before).toBe(1);
    });

    it('rejects only the append whose expected revision fails, committing the rest of its batch', async () => {
      const [a, b, c] = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];
      await store().append(b, [anEvent()], { expectedRevision: 'no_stream' });
      const before = store().stats().batches;
      const settled = await Promise.allSettled([
        store().append(a, [anEvent()], { expectedRevision: 'no_stream' }),
        store().append(b, [anEvent()], { expectedRevision: 'no_stream' }),
        store().append(c, [anEvent()], { expectedRevision: 'no_stream' }),
      ]);
      expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ actual: 0 });
      expect(store().stats().batches - before).toBe(1);
      expect((await store().readStream(a)).length + (await store().readStream(c)).length).toBe(2);
      expect(await store().readStream(b)).toHaveLength(1);
    });

    it('resolves an append only once it is committed and visible to another connection', async () => {
      const stream = uniqueStreamId();
      const event = anEvent();
      await store().append(stream, [event], { expectedRevision: 'no_stream' });
      const raw = new Database(temp.filename, { readonly: true });
      const row = raw.prepare('SELECT stream_id, revision FROM events WHERE event_id = ?').get(event.eventId);
      raw.close();
      expect(row).toEqual({ stream_id: stream, revision: 0 });
    });

    it('rejects every append of a batch as unavailable when its transaction fails, writes none, and recovers', async () => {
      const warn = jest.fn();
      const store = await temp.openAnother({ busyTimeoutMs: 30, logger: { warn } });
      const locker = new Database(temp.filename);
      locker.exec('BEGIN IMMEDIATE');
      const streams = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];
      const settled = await Promise.allSettled(
        streams.map((stream) => store.append(stream, [anEvent()], { expectedRevision: 'no_stream' })),
      );
      locker.exec('ROLLBACK');
      locker.close();
      for (const outcome of settled) {
        expect(outcome.status).toBe('rejected');
        const reason = (outcome as PromiseRejectedResult).reason as EventStoreUnavailableError;
        expect(reason).toBeInstanceOf(EventStoreUnavailableError);
        expect(reason.cause).toMatchObject({ code: 'SQLITE_BUSY' });
      }
      expect(store.stats()).toMatchObject({ failedBatches: 1, batches: 0 });
      expect(warn).toHaveBeenCalledTimes(1);
      for (const stream of streams) expect(await store.readStream(stream)).toEqual([]);
      await expect(store.append(streams[0], [anEvent()], { expectedRevision: 'no_stream' })).resolves.toMatchObject({
        nextExpectedRevision: 0,
      });
    });
  });

  describe('live subscriptions', () => {
    it('wakes at once on a commit through the same instance, without waiting for the poll', async () => {
      const slowPoll = await temp.openAnother({ pollIntervalMs: 60_000 });
      const stream = uniqueStreamId();
      const { position } = await slowPoll.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const subscription = slowPoll.subscribeToAll({ after: position });
      const delivered = take(subscription, 1, new Set([stream]), 1_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const event = anEvent();
      await slowPoll.append(stream, [event], { expectedRevision: 0 });
      expect((await delivered)[0].eventId).toBe(event.eventId);
      await subscription.close();
    });
  });
});
