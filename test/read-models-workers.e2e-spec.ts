import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { createItemProcessor } from '#directives';
import { SqliteEventStore } from '#event-store';
import { ManualClock } from '#platform';
import { keysOf } from '#read-models';
import { startPrivateRedis, type PrivateRedis } from '#testing';
import { ChildProgram, compiled, freePort, killAllPrograms, tempDir } from './support/processes.js';
import { PROJECTIONS, readLog, replay, storedModel } from './support/read-model-replay.js';
import { DISTRICTS, ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi } from './support/test-app.js';

const at = (vnLocal: string) => new Date(`${vnLocal}+07:00`).toISOString();

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The read models as operators run them: compiled worker processes on a real SQLite file and a
 * Redis of the test's own, killed, emptied and doubled; every time, the documents in Redis are
 * compared with a fresh full replay of the log.
 */
describe('Read-model workers as processes', () => {
  let redisServer: PrivateRedis;
  let redis: Redis;
  let file: string;
  let removeDir: () => void;
  const prefix = `rm-test-${randomUUID().slice(0, 8)}`;
  let reports = 0;

  const startWorker = async () => {
    const port = await freePort();
    const env = { HOST: '127.0.0.1', WORKER_PORT: String(port), SQLITE_FILE: file, REDIS_URL: redisServer.url, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'info', JWT_SECRET: 'worker-test-secret-that-is-long-enough-0123456789', WORKER_QUEUES: 'read-models' };
    const worker = ChildProgram.start(compiled('apps/worker/src/main.js'), { env });
    await worker.waitFor('ready', () => worker.jsonLines().find((line) => line.msg === 'directive engine worker ready'), 20_000);
    return worker;
  };

  /** Appends progress reports straight through the command processor (fast), as API processes would. */
  const appendReports = async (count: number) => {
    const store = await SqliteEventStore.open({ filename: file });
    const items = createItemProcessor(store, new ManualClock(at('2021-05-20T10:00:00')), {});
    await Promise.all(
      Array.from({ length: count }, (_, k) => {
        const unitId = DISTRICTS[k % DISTRICTS.length]!;
        reports += 1;
        const data = { reportId: randomUUID(), asOf: '2021-05-20', metrics: { cards_issued: 1000 + reports }, narrative: `#${reports}` };
        return items.execute(`item-${ITEM_1}`, { type: 'ReportProgress', itemId: ITEM_1, data }, { actor: { subject: unitId, role: 'unit', unitId }, correlationId: 'bulk' });
      }),
    );
    await store.close();
  };

  /** Every projection in Redis equals a full replay of the log up to its checkpoint. */
  const expectEqualToReplay = async (requireHead: boolean) => {
    const store = await SqliteEventStore.open({ filename: file });
    try {
      const everything = await readLog(store);
      for (const projection of PROJECTIONS) {
        const stored = await storedModel(redis, prefix, projection);
        if (!stored) throw new Error(`${projection.name} has no active generation`);
        if (requireHead) expect({ projection: projection.name, checkpoint: stored.checkpoint }).toEqual({ projection: projection.name, checkpoint: everything.at(-1)!.position });
        const expected = replay(projection, await readLog(store, stored.checkpoint));
        expect({ projection: projection.name, docs: Object.fromEntries(stored.docs) }).toEqual({ projection: projection.name, docs: Object.fromEntries(expected) });
      }
    } finally {
      await store.close();
    }
  };

  const caughtUp = async (timeoutMs = 30_000) => {
    const store = await SqliteEventStore.open({ filename: file });
    const head = (await readLog(store)).at(-1)!.position;
    await store.close();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await Promise.all(PROJECTIONS.map(async (p) => (await storedModel(redis, prefix, p))?.checkpoint));
      if (checkpoints.every((c) => c === head)) return;
      if (Date.now() > deadline) throw new Error(`read models not caught up with ${head}: ${JSON.stringify(checkpoints)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    redis = redisServer.client();
    const dir = tempDir('read-model-workers-');
    removeDir = dir.remove;
    file = join(dir.dir, 'events.db');
    const api = await startTestApi({ file, start: at('2021-04-14T09:00:00'), redisUrl: redisServer.url, keyPrefix: prefix });
    await registerCatalogueAndDirective(api);
    const assign = { assignees: [{ groupId: 'district-party-committees', role: 'lead' }] };
    expect((await api.request('POST', `/items/${ITEM_1}/assignments`, { token: api.token('secretariat'), body: assign })).status).toBe(201);
    api.clock.set(at('2021-04-16T08:00:00'));
    for (const id of DISTRICTS) expect((await api.request('POST', `/items/${ITEM_1}/acknowledgements`, { token: api.token('unit', id), body: {} })).status).toBe(201);
    await api.close();
    await appendReports(3000);
  }, 60_000);
  afterEach(() => killAllPrograms());
  afterAll(async () => {
    await redisServer.stop();
    removeDir();
  });

  it('leaves every model equal to a replay up to its checkpoint when killed with SIGKILL mid-run, and catches up after a restart', async () => {
    const first = await startWorker();
    await caughtUp();
    await appendReports(20_000);
    const trigger = redis.duplicate();
    await trigger.set(`${prefix}:rm:dirty`, '1');
    const { Queue } = await import('bullmq');
    const queue = new Queue('read-models', { connection: trigger, prefix });
    await queue.add('CatchUp', {}, { jobId: 'catch-up', removeOnComplete: true, removeOnFail: true });
    const before = (await storedModel(redis, prefix, PROJECTIONS[0]!))?.checkpoint;
    await until('the catch-up under way (checkpoint moved, lock held)', async () => {
      const stored = await storedModel(redis, prefix, PROJECTIONS[0]!);
      return stored?.checkpoint !== before && (await redis.get(keysOf(PROJECTIONS[0]!.name, prefix).lock)) !== null;
    }, 20_000);
    first.kill();
    await first.waitForExit(5000);
    await expectEqualToReplay(false);
    await startWorker();
    await caughtUp(60_000);
    await expectEqualToReplay(true);
    await queue.close();
    trigger.disconnect();
  }, 120_000);

  it('rebuilds every model from position 0 by itself after FLUSHALL', async () => {
    await startWorker();
    await caughtUp();
    await redis.flushall();
    expect(await storedModel(redis, prefix, PROJECTIONS[0]!)).toBeUndefined();
    await caughtUp(30_000);
    await expectEqualToReplay(true);
  }, 60_000);

  it('never lets two worker processes run the same projection at once', async () => {
    const workers = [await startWorker(), await startWorker()];
    const before = Date.now();
    for (let burst = 0; burst < 6; burst++) {
      await appendReports(500);
      const queueRedis = redis.duplicate();
      const { Queue } = await import('bullmq');
      const queue = new Queue('read-models', { connection: queueRedis, prefix });
      await Promise.all([queue.add('CatchUp', {}), queue.add('CatchUp', {}), queue.add('CatchUp', {})]);
      await queue.close();
      queueRedis.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await caughtUp();
    const pids = new Set<number>();
    for (const projection of PROJECTIONS) {
      const runs = (await redis.lrange(keysOf(projection.name, prefix).runs, 0, -1))
        .map((r) => JSON.parse(r) as { startedAt: number; endedAt: number; pid: number })
        .filter((r) => r.startedAt >= before)
        .sort((a, b) => a.startedAt - b.startedAt);
      runs.forEach((run) => pids.add(run.pid));
      for (let i = 1; i < runs.length; i++) expect(runs[i]!.startedAt).toBeGreaterThanOrEqual(runs[i - 1]!.endedAt);
    }
    expect(pids.size).toBe(2);
    expect(workers.every((w) => !w.hasExited)).toBe(true);
    await expectEqualToReplay(true);
  }, 120_000);
});
