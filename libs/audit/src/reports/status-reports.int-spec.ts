import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { StreamCommandProcessor } from '#directives';
import { openTempSqliteStore, type TempSqliteStore } from '#event-store/testing';
import { createLogger, loadConfig, ManualClock } from '#platform';
import { ProjectionRunner, unitInboxProjection, RedisReadModelStorage, inboxKey, type InboxDoc } from '#read-models';
import { startPrivateRedis, type PrivateRedis } from '#testing';
import { FollowUpHarness } from '#reminders/testing';
import { StatusReportsWorker, STATUS_REPORTS_QUEUE } from './nest/status-reports.module.js';
import { statusReportDecider, statusReportStream, type StatusReportIssued } from './status-report.decider.js';

const FRIDAY_16H = '2021-04-16T09:00:00.000Z';

describe('Weekly status reports (real SQLite file, private Redis, real BullMQ)', () => {
  let server: PrivateRedis;
  let redis: Redis;
  let temp: TempSqliteStore;
  let clock: ManualClock;
  let workers: StatusReportsWorker[];
  const config = loadConfig({ REDIS_KEY_PREFIX: 'sr', FOLLOW_UP_RECONCILE_MS: '3600000' });
  const logger = createLogger({ level: 'silent', service: 'test' });

  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = server.client();
  });
  afterAll(() => server.stop());
  beforeEach(async () => {
    await redis.flushall();
    temp = await openTempSqliteStore();
    clock = new ManualClock('2021-04-14T02:00:00.000Z');
    workers = [];
  });
  afterEach(async () => {
    for (const w of workers) await w.onApplicationShutdown();
    await temp.teardown();
  });

  async function start(h: FollowUpHarness): Promise<StatusReportsWorker> {
    const reports = new StreamCommandProcessor(temp.store, statusReportDecider, clock, { name: 'report' });
    const worker = new StatusReportsWorker(redis, h.registry, h.items, reports, clock, config, logger);
    workers.push(worker);
    await worker.onApplicationBootstrap();
    return worker;
  }
  const issues = async (directiveId: string) => (await temp.store.readStream(statusReportStream(directiveId))).map((e) => (e as unknown as StatusReportIssued).data);

  it('issues the report of Friday 16:00 +07 once, to the monitors, however often it is asked', async () => {
    const h = new FollowUpHarness(temp.store, redis, clock, 'sr');
    await h.registerDirective('kg-126');
    clock.set(FRIDAY_16H);
    await start(h);
    await start(h);
    expect(await issues('kg-126')).toEqual([
      { directiveId: 'kg-126', issue: 1, asOf: FRIDAY_16H, recipients: ['dang-uy-cong-an-tinh'], occasion: 'weekly', late: false, issuedAt: FRIDAY_16H },
    ]);
    const queue = new Queue(STATUS_REPORTS_QUEUE, { connection: redis, prefix: 'sr' });
    expect(await queue.getJobScheduler('status-reports-weekly')).toMatchObject({ pattern: '0 16 * * 5', tz: 'Asia/Ho_Chi_Minh' });
    await queue.close();
    await h.queue.close();
  });

  it('issues a report missed while the worker was down once, late, and the next on its own day', async () => {
    const h = new FollowUpHarness(temp.store, redis, clock, 'sr');
    await h.registerDirective('kg-126');
    clock.set('2021-04-19T02:00:00.000Z');
    await start(h);
    clock.set('2021-04-23T09:00:00.000Z');
    await redis.flushall();
    await start(h);
    expect((await issues('kg-126')).map((i) => `${i.issue} ${i.asOf} ${i.late}`)).toEqual([`1 ${FRIDAY_16H} true`, '2 2021-04-23T09:00:00.000Z false']);
    await h.queue.close();
  });

  it('reaches the monitors\' inbox', async () => {
    const h = new FollowUpHarness(temp.store, redis, clock, 'sr');
    await h.registerDirective('kg-126');
    clock.set(FRIDAY_16H);
    await start(h);
    await new ProjectionRunner(temp.store, redis, { keyPrefix: 'sr' }).catchUp(unitInboxProjection);
    const docs = await new RedisReadModelStorage(redis, unitInboxProjection.name, 'sr').read([inboxKey('dang-uy-cong-an-tinh')]);
    const inbox = docs!.get(inboxKey('dang-uy-cong-an-tinh')) as InboxDoc;
    expect(inbox.entries[0]).toMatchObject({ kind: 'report', directiveId: 'kg-126', details: { issue: 1, report: '/reports/directives/kg-126/issues/1' } });
    await h.queue.close();
  });
});
