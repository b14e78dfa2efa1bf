import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import type { RecordedEvent } from '#event-store';
import { anEvent, openTempSqliteStore, uniqueStreamId, type TempSqliteStore } from '#event-store/testing';
import { startPrivateRedis, type PrivateRedis } from '#testing';
import type { DocumentStore, Projection } from './projection.js';
import { ProjectionLock } from './projection-lock.js';
import { ProjectionRunner, type RunnerOptions } from './projection-runner.js';
import { keysOf, META } from './redis-keys.js';
import { hasSeen, markSeen, type Seen } from './seen.js';

type Tally = Seen & { stream: string; count: number; index?: string };

/** A toy model: per stream, how many events; it looks up an index document to exercise loading on demand. */
const tally = (version = 1): Projection => ({
  name: 'tally',
  version,
  eventTypes: new Set(['Counted']),
  keysOf: (event) => [`tally:${event.streamId}`],
  apply(event: RecordedEvent, docs: DocumentStore) {
    const key = `tally:${event.streamId}`;
    const doc = docs.get<Tally>(key) ?? { stream: event.streamId, count: 0, seen: {} };
    if (hasSeen(doc, event)) return;
    const index = docs.get<{ streams: number }>('index') ?? { streams: 0 };
    if (doc.count === 0) docs.set('index', { streams: index.streams + 1 });
    docs.set(key, markSeen({ ...doc, count: doc.count + 1 }, event));
  },
});

describe('The projection runner (real SQLite file, private Redis)', () => {
  let redisServer: PrivateRedis;
  let redis: Redis;
  let temp: TempSqliteStore;
  const append = async (stream: string, n: number, type = 'Counted') => {
    for (let i = 0; i < n; i++) await temp.store.append(stream, [anEvent(type)], { expectedRevision: 'any' });
  };

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    redis = redisServer.client();
  });
  afterAll(() => redisServer.stop());
  beforeEach(async () => {
    await redis.flushall();
    temp = await openTempSqliteStore();
  });
  afterEach(() => temp.teardown());

  it('builds a new model from the start of the log, then catches up with what follows', async () => {
    const [a, b] = [uniqueStreamId(), uniqueStreamId()];
    await append(a, 3);
    await append(b, 2, 'Ignored');
    const runner = new ProjectionRunner(temp.store, redis, { batchSize: 2, buildBatchSize: 2 });
    expect(await runner.catchUp(tally())).toMatchObject({ status: 'built', applied: 3 });
    await append(a, 1);
    await append(b, 2);
    expect(await runner.catchUp(tally())).toMatchObject({ status: 'caught-up', applied: 3 });
    const docs = await runner.storage('tally').read([`tally:${a}`, `tally:${b}`, 'index']);
    expect(docs!.get(`tally:${a}`)).toMatchObject({ count: 4 });
    expect(docs!.get(`tally:${b}`)).toMatchObject({ count: 2 });
    expect(docs!.get('index')).toEqual({ streams: 2 });
  });

  it('answers busy while another runner holds the projection', async () => {
    const lock = await ProjectionLock.acquire(redis, 'tally', 10_000);
    expect(await new ProjectionRunner(temp.store, redis).catchUp(tally())).toEqual({ projection: 'tally', status: 'busy', applied: 0 });
    await lock!.release();
  });

  it('refuses a batch read after a checkpoint that has moved on (compare-and-set)', async () => {
    await append(uniqueStreamId(), 2);
    const runner = new ProjectionRunner(temp.store, redis);
    await runner.catchUp(tally());
    const storage = runner.storage('tally');
    const generation = (await storage.activeGeneration())!;
    expect(await storage.applyBatch(generation, undefined, 'stale', new Date().toISOString(), 1, new Map([['x', { bad: true }]]))).toBe(false);
    expect((await storage.read(['x']))!.get('x')).toBeUndefined();
  });

  it('rebuilds into a fresh generation and swaps it in; readers see the old one until then', async () => {
    const stream = uniqueStreamId();
    await append(stream, 5);
    const seenDuringBuild: unknown[] = [];
    const first = new ProjectionRunner(temp.store, redis);
    await first.catchUp(tally());
    const oldGeneration = await first.storage('tally').activeGeneration();
    const runner = new ProjectionRunner(temp.store, redis, {
      buildBatchSize: 2,
      observer: { progress: () => void first.storage('tally').read([`tally:${stream}`]).then((d) => seenDuringBuild.push(d?.get(`tally:${stream}`))) },
    });
    expect(await runner.rebuild(tally(2))).toMatchObject({ status: 'built', applied: 5 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seenDuringBuild.length).toBeGreaterThan(1);
    for (const doc of seenDuringBuild.slice(0, -1)) expect(doc).toMatchObject({ count: 5 });
    expect(await runner.storage('tally').activeGeneration()).not.toBe(oldGeneration);
    expect(await redis.exists(keysOf('tally').generation(oldGeneration!))).toBe(0);
    expect(await runner.storage('tally').meta((await runner.storage('tally').activeGeneration())!)).toMatchObject({ version: 2, applied: 5 });
  });

  it('builds in memory, writing documents and checkpoint every few events: the very documents of a build page by page', async () => {
    const streams = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];
    for (const [i, stream] of streams.entries()) await append(stream, 2 + i * 3);
    await append(uniqueStreamId(), 2, 'Ignored');
    const written: string[] = [];
    const build = async (options: RunnerOptions) => {
      await redis.flushall();
      const storage = new ProjectionRunner(temp.store, redis).storage('tally');
      // The first generation after FLUSHALL is "1": what its checkpoint in Redis is after each page.
      const watching = { progress: () => void storage.meta('1').then((meta) => written.push(meta?.checkpoint ?? '')) };
      const outcome = await new ProjectionRunner(temp.store, redis, { buildBatchSize: 2, ...options, observer: watching }).rebuild(tally());
      const hash = await redis.hgetall(keysOf('tally').generation((await storage.activeGeneration())!));
      delete hash[META.builtAt];
      return { outcome, hash };
    };
    const pageByPage = await build({ buildCacheDocs: 0 });
    expect(pageByPage.outcome).toMatchObject({ status: 'built', applied: 15 });
    expect(Object.keys(pageByPage.hash).sort()).toEqual([...streams.map((s) => `tally:${s}`), 'index', META.applied, META.checkpoint, META.lastRecordedAt, META.version].sort());
    // In memory, written every event, every 5 events, only at the end (also a document or two per write); and past 2 documents held, the rest page by page.
    for (const options of [{ buildFlushEvents: 1 }, { buildFlushEvents: 5 }, {}, { buildWriteChars: 1 }, { buildFlushEvents: 5, buildWriteChars: 40 }, { buildCacheDocs: 2, buildFlushEvents: 100 }]) {
      written.length = 0;
      expect(await build(options)).toEqual(pageByPage);
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Held in memory until the end, nothing is written before it; written every event, the checkpoint follows the pages.
      if (Object.keys(options).length === 0) expect(new Set(written)).toEqual(new Set(['']));
      if ('buildFlushEvents' in options && options.buildFlushEvents === 1) expect(new Set(written).size).toBeGreaterThan(3);
    }
  });

  it('rebuilds from position 0 by itself when Redis lost everything (FLUSHALL)', async () => {
    const stream = uniqueStreamId();
    await append(stream, 4);
    const runner = new ProjectionRunner(temp.store, redis);
    await runner.catchUp(tally());
    await redis.flushall();
    expect(await runner.storage('tally').read([`tally:${stream}`])).toBeUndefined();
    expect(await runner.catchUp(tally())).toMatchObject({ status: 'built', applied: 4 });
    expect((await runner.storage('tally').read([`tally:${stream}`]))!.get(`tally:${stream}`)).toMatchObject({ count: 4 });
  });

  it('builds again when the projection’s version changed', async () => {
    await append(uniqueStreamId(), 1);
    const runner = new ProjectionRunner(temp.store, redis);
    await runner.catchUp(tally(1));
    expect(await runner.catchUp(tally(3))).toMatchObject({ status: 'built', applied: 1 });
  });

  it('stops a build whose lock another runner took, and swaps nothing in', async () => {
    const stream = uniqueStreamId();
    await append(stream, 12);
    const first = new ProjectionRunner(temp.store, redis);
    await first.catchUp(tally());
    const active = await first.storage('tally').activeGeneration();
    // Builds do not wait for every renewal of their lock (their writes are still on the way): the
    // refusal stops them a page later, or before the swap at the latest.
    for (const options of [{ buildFlushEvents: 1 }, { buildFlushEvents: 1000 }, { buildCacheDocs: 0 }] as RunnerOptions[]) {
      let pages = 0;
      const takeLock = async () => {
        pages += 1;
        if (pages === 2) await redis.set(keysOf('tally').lock, 'another runner');
      };
      const runner = new ProjectionRunner(temp.store, redis, { buildBatchSize: 2, ...options, observer: { progress: () => void takeLock() } });
      const outcome = await runner.rebuild(tally(2));
      expect(outcome.status).toBe('lost-lock');
      // Page by page, every renewal is waited for: it stops at the next page.
      if (options.buildCacheDocs === 0) expect(outcome.applied).toBe(4);
      expect(await first.storage('tally').activeGeneration()).toBe(active);
      expect(await redis.exists(keysOf('tally').generation(outcome.generation!))).toBe(0);
      await redis.del(keysOf('tally').lock);
    }
  });

  it('records each run, so that overlapping runs would show', async () => {
    await append(uniqueStreamId(), 1);
    const runner = new ProjectionRunner(temp.store, redis);
    await runner.catchUp(tally());
    await runner.catchUp(tally());
    const runs = (await redis.lrange(keysOf('tally').runs, 0, -1)).map((r) => JSON.parse(r) as { startedAt: number; endedAt: number });
    expect(runs).toHaveLength(2);
    expect(runs[1]!.endedAt).toBeLessThanOrEqual(runs[0]!.startedAt);
  });
});

describe('Building several projections together (real SQLite file, private Redis)', () => {
  let redisServer: PrivateRedis;
  let redis: Redis;
  let temp: TempSqliteStore;

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    redis = redisServer.client();
  });
  afterAll(() => redisServer.stop());
  beforeEach(async () => {
    temp = await openTempSqliteStore();
  });
  afterEach(() => temp.teardown());

  it('reads the log once for all of them, and leaves each equal to its own build', async () => {
    const streams = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];
    for (const [i, stream] of streams.entries()) {
      for (let n = 0; n <= i * 3; n++) await temp.store.append(stream, [anEvent('Counted')], { expectedRevision: 'any' });
    }
    const other: Projection = { ...tally(), name: 'tally-two' };
    let reads = 0;
    const counting = Object.assign(Object.create(temp.store) as typeof temp.store, {
      readAll: (options: Parameters<typeof temp.store.readAll>[0]) => ((reads += 1), temp.store.readAll(options)),
    });
    const outcomes = await new ProjectionRunner(counting, redis, { batchSize: 2, buildBatchSize: 2 }).catchUpAll([tally(), other]);
    expect(outcomes.map((o) => [o.projection, o.status, o.applied])).toEqual([['tally', 'built', 12], ['tally-two', 'built', 12]]);
    expect(reads).toBeLessThanOrEqual(8);
    const single = new ProjectionRunner(temp.store, redis);
    const [a, b] = [single.storage('tally'), single.storage('tally-two')];
    for (const stream of streams) expect((await a.read([`tally:${stream}`]))!.get(`tally:${stream}`)).toEqual((await b.read([`tally:${stream}`]))!.get(`tally:${stream}`));
  });
});
