import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { anEvent, openTempSqliteStore } from '#event-store/testing';
import { startPrivateRedis, type PrivateRedis } from '#testing';
import type { DocumentStore, Projection } from './projection.js';
import { ProjectionRunner, type RunnerOptions } from './projection-runner.js';
import { keysOf } from './redis-keys.js';
import { RedisReadModelStorage } from './redis-read-model-storage.js';

const NOW = '2021-05-01T00:00:00.000Z';

describe('Read-model storage: documents in buckets (private Redis)', () => {
  let redisServer: PrivateRedis;
  let redis: Redis;
  let storage: RedisReadModelStorage;
  const keys = keysOf('bucketed');
  const keysInRedis = async () => (await redis.keys(`${keys.generationPrefix}*`)).sort();

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    redis = redisServer.client();
  });
  afterAll(() => redisServer.stop());
  beforeEach(async () => {
    await redis.flushall();
    storage = new RedisReadModelStorage(redis, 'bucketed');
  });

  const fill = async () => {
    const generation = await storage.newGeneration(1);
    const docs = new Map<string, unknown>([
      ['item:x', { n: 0 }],
      ['series:x|a:2021-05-01', { n: 1 }],
      ['series:x|a:2021-05-02', { n: 2 }],
      ['series:x|b:2021-05-01', { n: 3 }],
      ['series:y|a:2021-05-01', { n: 4 }],
    ]);
    expect(await storage.applyBatch(generation, undefined, 'p1', NOW, 5, docs)).toBe(true);
    return generation;
  };

  it('keeps a bucket’s documents in their own hash, read and listed by bucket only', async () => {
    const generation = await fill();
    await storage.activate(generation, undefined);
    expect((await redis.hkeys(keys.generation(generation))).filter((field) => !field.startsWith('__'))).toEqual(['item:x']);
    expect(await redis.hlen(keys.bucket(generation, 'series:x'))).toBe(3);
    expect((await redis.smembers(keys.buckets(generation))).sort()).toEqual([keys.bucket(generation, 'series:x'), keys.bucket(generation, 'series:y')]);

    const read = await storage.read(['series:x|b:2021-05-01', 'item:x', 'series:z|a:2021-05-01']);
    expect([...read!]).toEqual([['series:x|b:2021-05-01', { n: 3 }], ['item:x', { n: 0 }], ['series:z|a:2021-05-01', undefined]]);
    expect([...(await storage.load(generation, ['series:y|a:2021-05-01', 'nothing']))]).toEqual([['series:y|a:2021-05-01', '{"n":4}'], ['nothing', null]]);
    expect(((await storage.list('series:x|')) as { n: number }[]).map((d) => d.n).sort()).toEqual([1, 2, 3]);
    expect(((await storage.list('series:x|a:')) as { n: number }[]).map((d) => d.n).sort()).toEqual([1, 2]);
    expect(await storage.list('series:z|')).toEqual([]);
    // Without `|`, a prefix lists the generation hash's own documents.
    expect(await storage.list('item:')).toEqual([{ n: 0 }]);
    expect(await storage.list('series:')).toEqual([]);
    expect((await storage.everything(generation)).docs.size).toBe(5);
  });

  it('deletes bucketed documents with the checkpoint, and only when the checkpoint is the expected one', async () => {
    const generation = await fill();
    expect(await storage.applyBatch(generation, 'stale', 'p2', NOW, 1, new Map([['series:x|a:2021-05-01', undefined]]))).toBe(false);
    expect(await redis.hlen(keys.bucket(generation, 'series:x'))).toBe(3);
    expect(await storage.applyBatch(generation, 'p1', 'p2', NOW, 1, new Map<string, unknown>([['series:x|a:2021-05-01', undefined], ['series:x|c:2021-05-03', { n: 5 }]]))).toBe(true);
    expect((await redis.hkeys(keys.bucket(generation, 'series:x'))).sort()).toEqual(['series:x|a:2021-05-02', 'series:x|b:2021-05-01', 'series:x|c:2021-05-03']);
    expect(await storage.meta(generation)).toMatchObject({ checkpoint: 'p2', applied: 6 });
  });

  it('writes documents without moving the checkpoint when the new one is the expected one (part of a larger write), and refuses a stale one', async () => {
    const generation = await fill();
    const before = await storage.meta(generation);
    expect(await storage.applySerialized(generation, 'p1', 'p1', '', 0, ['series:x|d:2021-05-04', '{"n":6}', 'item:y', '{"n":7}'], [])).toBe(true);
    expect((await storage.load(generation, ['series:x|d:2021-05-04', 'item:y'])).get('item:y')).toBe('{"n":7}');
    expect(await redis.hget(keys.bucket(generation, 'series:x'), 'series:x|d:2021-05-04')).toBe('{"n":6}');
    expect(await storage.meta(generation)).toEqual(before);
    expect(await storage.applySerialized(generation, 'p0', 'p0', '', 0, ['item:z', '{"n":8}'], [])).toBe(false);
    expect((await storage.load(generation, ['item:z'])).get('item:z')).toBeNull();
  });

  it('refuses document keys holding a line feed or starting like a meta field, writing nothing', async () => {
    const generation = await fill();
    for (const key of ['series:x|a\n2021-05-01', '__checkpoint']) {
      await expect(storage.applyBatch(generation, 'p1', 'p2', NOW, 1, new Map([[key, { n: 9 }]]))).rejects.toThrow(/line feed/);
      await expect(storage.applyBatch(generation, 'p1', 'p2', NOW, 1, new Map([[key, undefined]]))).rejects.toThrow(/line feed/);
    }
    expect(await storage.meta(generation)).toMatchObject({ checkpoint: 'p1', applied: 5 });
    expect((await storage.everything(generation)).docs.size).toBe(5);
  });

  it('keeps documents with any text intact (Vietnamese, quotes, escaped line feeds)', async () => {
    const generation = await storage.newGeneration(1);
    const doc = { title: 'Về việc đẩy mạnh cấp Căn cước công dân', note: 'dòng 1\ndòng 2 "trích"', emoji: '📇' };
    expect(await storage.applyBatch(generation, undefined, 'p1', NOW, 1, new Map<string, unknown>([['directive:126-cv-tu', doc], ['series:x|đơn-vị:2021-05-01', doc]]))).toBe(true);
    expect([...(await storage.everything(generation)).docs.values()]).toEqual([doc, doc]);
  });

  it('drops a generation with its buckets, and orphans without touching the active generation’s', async () => {
    const old = await fill();
    await storage.activate(old, undefined);
    const orphan = await fill();
    const building = await fill();
    await storage.dropOrphans(building);
    const left = await keysInRedis();
    expect(left.some((key) => key.startsWith(keys.generation(orphan)))).toBe(false);
    expect(left.filter((key) => key.startsWith(keys.generation(old)))).toHaveLength(4);
    expect(left.filter((key) => key.startsWith(keys.generation(building)))).toHaveLength(4);

    await storage.activate(building, old);
    expect(await keysInRedis()).toEqual([keys.generation(building), keys.bucket(building, 'series:x'), keys.bucket(building, 'series:y'), keys.buckets(building)].sort());
    await storage.drop(building);
    expect(await keysInRedis()).toEqual([]);
  });

  it('builds the same buckets in memory as page by page', async () => {
    const temp = await openTempSqliteStore();
    try {
      // Per stream a document in the stream's bucket, per event one more; and a total outside any bucket.
      const projection: Projection = {
        name: 'bucketed',
        version: 1,
        eventTypes: new Set(['Counted']),
        keysOf: (event) => [`events:${event.streamId}|${event.revision}`, 'total'],
        apply(event, docs: DocumentStore) {
          docs.set(`events:${event.streamId}|${event.revision}`, { position: event.position });
          docs.set('total', { count: (docs.get<{ count: number }>('total')?.count ?? 0) + 1 });
          if (event.revision === 1) docs.delete(`events:${event.streamId}|0`);
        },
      };
      for (const stream of ['s1', 's2', 's3']) for (let i = 0; i < 4; i++) await temp.store.append(stream, [anEvent('Counted')], { expectedRevision: 'any' });
      const built = async (options: RunnerOptions) => {
        await redis.flushall();
        const runner = new ProjectionRunner(temp.store, redis, { buildBatchSize: 5, ...options });
        expect(await runner.rebuild(projection)).toMatchObject({ status: 'built', applied: 12 });
        const generation = (await storage.activeGeneration())!;
        return { docs: [...(await storage.everything(generation)).docs].sort(([a], [b]) => a.localeCompare(b)), lists: await storage.list('events:s2|') };
      };
      const pageByPage = await built({ buildCacheDocs: 0 });
      expect(pageByPage.docs.map(([key]) => key)).toEqual(['events:s1|1', 'events:s1|2', 'events:s1|3', 'events:s2|1', 'events:s2|2', 'events:s2|3', 'events:s3|1', 'events:s3|2', 'events:s3|3', 'total']);
      expect(pageByPage.lists).toHaveLength(3);
      for (const options of [{}, { buildFlushEvents: 1 }, { buildFlushEvents: 4 }, { buildWriteChars: 1 }, { buildFlushEvents: 4, buildWriteChars: 40 }]) expect(await built(options)).toEqual(pageByPage);
      // Past `buildWriteChars`, a build's write goes as several scripts (here one per document, ten documents).
      const scripts = async (options: RunnerOptions) => {
        await redis.config('RESETSTAT');
        await built(options);
        const stats = await redis.info('commandstats');
        return ['evalsha', 'eval'].reduce((calls, command) => calls + Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0), 0);
      };
      expect(await scripts({ buildWriteChars: 1 })).toBeGreaterThanOrEqual((await scripts({})) + 9);
    } finally {
      await temp.teardown();
    }
  });
});
