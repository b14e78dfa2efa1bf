import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { openTempSqliteStore, type TempSqliteStore } from '#event-store/testing';
import { CATALOGUE_STREAM, createCatalogueProcessor, DEFAULT_REMINDER_POLICY } from '#directives';
import { ManualClock } from '#platform';
import { startPrivateRedis, type PrivateRedis } from '#testing';
import { FollowUpHarness, MONITOR, SECRETARIAT, unitActor } from '#reminders/testing';
import { FollowUpDirectory, mustActAt } from './follow-up-directory.js';
import { decodeFollowUp, FOLLOW_UP_JOB, queueJobId, reportRemindersScheduler, type FollowUpJobData } from './follow-up-queue.js';
import { ProjectionRunner, targetProgressProjection } from '#read-models';

const ASSIGNED_AT = '2021-04-14T03:00:00.000Z';
const D7 = '2021-06-23T01:00:00.000Z';
const D3 = '2021-06-27T01:00:00.000Z';
const D1 = '2021-06-29T01:00:00.000Z';
const DUE = '2021-06-30T17:00:00.000Z';
const HOUR = 3_600_000;

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Reminders and escalations (real SQLite file, private Redis, real BullMQ)', () => {
  let server: PrivateRedis;
  let redis: Redis;
  let temp: TempSqliteStore;
  let clock: ManualClock;
  let harnesses: FollowUpHarness[];
  const harness = () => {
    const h = new FollowUpHarness(temp.store, redis, clock, 'fu');
    harnesses.push(h);
    return h;
  };
  const reminders = async (h: FollowUpHarness, itemId: string) =>
    (await h.history(itemId, 'ReminderSent')).map((e) => e.data as { unitId: string; rule: string; dueAt: string; late: boolean });
  /** The follow-ups BullMQ holds delayed, as planned jobs. */
  const delayedJobs = async (h: FollowUpHarness) =>
    (await h.queue.getDelayed()).filter((j) => j.name === FOLLOW_UP_JOB).map((j) => ({ ...decodeFollowUp(j.data as FollowUpJobData), delay: j.opts.delay }));
  /** Waits until the follow-up queue has nothing left to run now. */
  const drained = (h: FollowUpHarness) =>
    until('the follow-up queue to drain', async () => {
      const counts = await h.queue.getJobCounts('waiting', 'active', 'prioritized');
      return counts.waiting + counts.active + counts.prioritized === 0 ? true : undefined;
    });

  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = server.client();
  });
  afterAll(() => server.stop());
  beforeEach(async () => {
    await redis.flushall();
    temp = await openTempSqliteStore();
    clock = new ManualClock(ASSIGNED_AT);
    harnesses = [];
  });
  afterEach(async () => {
    for (const h of harnesses) await h.stop();
    await temp.teardown();
  });

  /** 126-CV/TU item 1 (weekly report reminders off unless asked for) with Rạch Giá and Hà Tiên leading and Phú Quốc cooperating, acknowledged. */
  async function campaign(h: FollowUpHarness, weekly = false): Promise<string> {
    const itemId = await h.registerDirective('kg-126', weekly ? undefined : { ...DEFAULT_REMINDER_POLICY, reportReminders: null });
    const assignees = [
      { unitId: 'rach-gia', role: 'lead' },
      { unitId: 'ha-tien', role: 'lead' },
      { unitId: 'phu-quoc', role: 'cooperating' },
    ];
    await h.command(SECRETARIAT, itemId, { type: 'AssignUnits', data: { assignees } });
    for (const { unitId } of assignees) await h.command(unitActor(unitId), itemId, { type: 'AcknowledgeAssignment', data: {} });
    return itemId;
  }

  describe('Scheduling', () => {
    it('holds each deadline reminder and the overdue check at its instant in +07, "by 30-6-2021" due at 2021-06-30T17:00Z', async () => {
      const h = harness();
      const itemId = await campaign(h);
      await h.follower.setCheckpoint('');
      await h.follower.run();
      const delayed = await delayedJobs(h);
      const rachGia = delayed.filter((j) => j.unitId === 'rach-gia').map((j) => ({ rule: j.rule, dueAt: j.dueAt, delay: j.delay }));
      const delayOf = (iso: string) => Date.parse(iso) - Date.parse(ASSIGNED_AT);
      expect(rachGia.sort((a, b) => a.dueAt.localeCompare(b.dueAt))).toEqual([
        { rule: 'deadline-minus-7d', dueAt: D7, delay: delayOf(D7) },
        { rule: 'deadline-minus-3d', dueAt: D3, delay: delayOf(D3) },
        { rule: 'deadline-minus-1d', dueAt: D1, delay: delayOf(D1) },
        { rule: 'deadline-due', dueAt: DUE, delay: delayOf(DUE) },
      ]);
      expect(delayed.filter((j) => j.unitId === 'phu-quoc').map((j) => j.rule).sort()).toEqual(['deadline-minus-1d', 'deadline-minus-3d', 'deadline-minus-7d']);
      const overdue = { kind: 'overdue-check' as const, itemId, unitId: 'rach-gia', rule: 'deadline-due', dueAt: DUE };
      expect(decodeFollowUp((await h.queue.getJob(queueJobId(overdue)))!.data as FollowUpJobData)).toEqual(overdue);
    });

    it('installs weekly report reminders as a job scheduler on Monday 08:00 in Asia/Ho_Chi_Minh', async () => {
      const h = harness();
      await campaign(h, true);
      await h.reconciler.run();
      const scheduler = await h.queue.getJobScheduler(reportRemindersScheduler('kg-126'));
      expect(scheduler).toMatchObject({ pattern: '0 8 * * 1', tz: 'Asia/Ho_Chi_Minh' });
    });
  });

  describe('Never twice', () => {
    it('sends a reminder once under double scheduling, a retried job and two workers', async () => {
      const [a, b] = [harness(), harness()];
      const itemId = await campaign(a);
      await a.reconciler.run();
      await b.reconciler.run();
      clock.set(D7);
      await Promise.all([a.start(), b.start()]);
      await a.reconciler.run();
      await b.reconciler.run();
      await until('three D-7 reminders', async () => ((await reminders(a, itemId)).length === 3 ? true : undefined));
      await drained(a);
      const job = { kind: 'reminder' as const, itemId, unitId: 'rach-gia', rule: 'deadline-minus-7d', dueAt: D7 };
      expect(await b.handler.run(job)).toBe('stale');
      const sent = await reminders(a, itemId);
      expect(sent.map((r) => `${r.unitId} ${r.rule} ${r.late}`).sort()).toEqual([
        'ha-tien deadline-minus-7d false',
        'phu-quoc deadline-minus-7d false',
        'rach-gia deadline-minus-7d false',
      ]);
    });

    it('sends nothing again after a restart', async () => {
      const first = harness();
      const itemId = await campaign(first);
      clock.set(D7);
      await first.start();
      await until('the D-7 reminders', async () => ((await reminders(first, itemId)).length === 3 ? true : undefined));
      await drained(first);
      await first.stop();
      harnesses = harnesses.filter((h) => h !== first);
      const restarted = harness();
      await restarted.start();
      await restarted.reconciler.run();
      await drained(restarted);
      expect(await reminders(restarted, itemId)).toHaveLength(3);
    });
  });

  describe('Never lost', () => {
    it('after FLUSHALL while the worker was down past two due times, fires each missed reminder once, late, and says so', async () => {
      const h = harness();
      const itemId = await campaign(h);
      clock.set(D7);
      await h.start();
      await until('the D-7 reminders', async () => ((await reminders(h, itemId)).length === 3 ? true : undefined));
      await drained(h);
      await h.stop();
      harnesses = [];
      await redis.flushall();
      clock.set(new Date(Date.parse(D1) + 2 * HOUR));
      const back = harness();
      await back.start();
      await until('the missed reminders', async () => ((await reminders(back, itemId)).length === 9 ? true : undefined));
      await drained(back);
      const sent = await reminders(back, itemId);
      expect(sent.filter((r) => r.unitId === 'rach-gia').map((r) => `${r.rule} ${r.late}`)).toEqual([
        'deadline-minus-7d false',
        'deadline-minus-3d true',
        'deadline-minus-1d true',
      ]);
      expect(sent).toHaveLength(9);
    });
  });

  describe('Changes of plan', () => {
    it('reschedules the pending reminders and the overdue check when an extension is approved', async () => {
      const h = harness();
      const itemId = await campaign(h);
      await h.follower.setCheckpoint('');
      await h.follower.run();
      clock.set('2021-06-20T02:00:00.000Z');
      await h.command(unitActor('ha-tien'), itemId, { type: 'RequestExtension', data: { requestId: 'ext-ha-tien', requestedDeadline: '2021-07-15', reason: 'Thiếu thiết bị' } });
      await h.command(SECRETARIAT, itemId, { type: 'DecideExtension', data: { requestId: 'ext-ha-tien', decision: 'approve' } });
      await h.follower.run();
      const haTien = (await delayedJobs(h)).filter((j) => j.unitId === 'ha-tien').map((j) => `${j.rule} ${j.dueAt}`);
      expect(haTien.sort()).toEqual([
        'deadline-due 2021-07-15T17:00:00.000Z',
        'deadline-minus-1d 2021-07-14T01:00:00.000Z',
        'deadline-minus-3d 2021-07-12T01:00:00.000Z',
        'deadline-minus-7d 2021-07-08T01:00:00.000Z',
      ]);
      expect(await h.queue.getJob(queueJobId({ kind: 'overdue-check', itemId, unitId: 'ha-tien', rule: 'deadline-due', dueAt: DUE }))).toBeUndefined();
    });

    it('cancels a lead unit\'s reminders and overdue check when it reports completion, and records no missed deadline', async () => {
      const h = harness();
      const itemId = await campaign(h);
      await h.follower.setCheckpoint('');
      await h.follower.run();
      clock.set('2021-06-25T02:00:00.000Z');
      await h.command(unitActor('rach-gia'), itemId, { type: 'ReportCompletion', data: { summary: 'Đã hoàn thành chỉ tiêu' } });
      await h.follower.run();
      expect((await delayedJobs(h)).filter((j) => j.unitId === 'rach-gia')).toEqual([]);
      clock.set(new Date(Date.parse(DUE) + HOUR));
      await h.start();
      await until('Hà Tiên\'s missed deadline', async () => ((await h.history(itemId, 'DeadlineMissed')).length === 1 ? true : undefined));
      await drained(h);
      expect((await h.history(itemId, 'DeadlineMissed')).map((e) => (e.data as { unitId: string }).unitId)).toEqual(['ha-tien']);
    });
  });

  describe('Overdue and escalation', () => {
    it('records the missed deadline, escalates to the monitor, climbs to the Standing Committee, and stops once resolved', async () => {
      const h = harness();
      const itemId = await campaign(h);
      await h.command(unitActor('rach-gia'), itemId, { type: 'ReportCompletion', data: { summary: 'Xong' } });
      clock.set(new Date(Date.parse(DUE) + 60_000));
      await h.start();
      const raised = await until('the escalation', async () => (await h.history(itemId, 'EscalationRaised'))[0]);
      expect(raised.data).toMatchObject({ unitId: 'ha-tien', level: 1, rule: 'deadline_missed', mustAct: 'dang-uy-cong-an-tinh' });
      expect((await h.history(itemId, 'DeadlineMissed'))[0]!.data).toMatchObject({ unitId: 'ha-tien', late: false, deadline: { date: '2021-06-30', dueAt: DUE } });
      const escalationId = (raised.data as { escalationId: string }).escalationId;
      await until('the follower to plan the climb', async () => {
        await h.follower.run();
        return (await delayedJobs(h)).find((j) => j.kind === 'escalation-climb');
      });
      clock.set(new Date(Date.parse(DUE) + 60_000 + 72 * HOUR));
      await h.reconciler.run();
      const climbed = await until('the climb', async () => (await h.history(itemId, 'EscalationLevelRaised'))[0]);
      expect(climbed.data).toMatchObject({ escalationId, level: 2, mustAct: 'Ban Thường vụ Tỉnh ủy' });
      await h.command(MONITOR, itemId, { type: 'ResolveEscalation', data: { escalationId, resolution: 'Đã làm việc với đơn vị' } });
      await h.follower.run();
      expect((await delayedJobs(h)).filter((j) => j.kind === 'escalation-climb')).toEqual([]);
      expect(await h.history(itemId, 'DeadlineMissed')).toHaveLength(1);
    });

    it('names at level 2 the catalogue unit the monitoring reports to, so its inbox and webhook hear of it', async () => {
      const h = harness();
      await campaign(h);
      const catalogue = createCatalogueProcessor(temp.store, clock, {});
      const register = (unitId: string, name: string, kind: string, parentId?: string) =>
        catalogue.execute(CATALOGUE_STREAM, { type: 'RegisterUnit', data: { unitId, name, kind, tags: [], ...(parentId ? { parentId } : {}) } } as never, { actor: SECRETARIAT, correlationId: 'c' });
      await register('tinh-uy', 'Tỉnh ủy Kiên Giang', 'provincial_party_committee');
      await register('ban-thuong-vu-tinh-uy', 'Ban Thường vụ Tỉnh ủy', 'standing_committee', 'tinh-uy');
      const directive = await new FollowUpDirectory(h.items, h.registry, catalogue).directive('kg-126');
      expect(directive).toMatchObject({ reportsToUnitId: 'ban-thuong-vu-tinh-uy' });
      expect([mustActAt(directive, 1), mustActAt(directive, 2)]).toEqual(['dang-uy-cong-an-tinh', 'ban-thuong-vu-tinh-uy']);
      expect(mustActAt(await h.directory.directive('kg-126'), 2)).toBe('Ban Thường vụ Tỉnh ủy');
    });

    it('sends the weekly report reminder of the latest Monday 08:00 +07 once to each unit still at work', async () => {
      const h = harness();
      const itemId = await campaign(h, true);
      clock.set('2021-05-03T01:03:00.000Z');
      const directive = (await h.directory.directive('kg-126'))!;
      expect(await h.handler.reportReminders(directive)).toBe(3);
      expect(await h.handler.reportReminders(directive)).toBe(0);
      const weekly = (await reminders(h, itemId)).filter((r) => r.rule === 'weekly-report');
      expect(weekly.map((r) => `${r.unitId} ${r.dueAt} ${r.late}`).sort()).toEqual([
        'ha-tien 2021-05-03T01:00:00.000Z false',
        'phu-quoc 2021-05-03T01:00:00.000Z false',
        'rach-gia 2021-05-03T01:00:00.000Z false',
      ]);
    });
  });

  describe('Early warning', () => {
    const report = (h: FollowUpHarness, itemId: string, unitId: string, asOf: string, cards: number) =>
      h.command(unitActor(unitId), itemId, { type: 'ReportProgress', data: { reportId: crypto.randomUUID(), asOf, metrics: { cards_issued: cards }, narrative: 'Báo cáo tuần' } });

    it('escalates an item whose target forecast, as the dashboard shows it, misses the deadline — once while unresolved', async () => {
      const h = harness();
      const itemId = await campaign(h);
      clock.set('2021-04-20T03:00:00.000Z');
      await report(h, itemId, 'rach-gia', '2021-04-20', 1000);
      await report(h, itemId, 'ha-tien', '2021-04-20', 500);
      const runner = new ProjectionRunner(temp.store, redis, { keyPrefix: 'fu' });
      await runner.catchUp(targetProgressProjection);
      expect(await h.earlyWarning.run()).toBe(0);
      clock.set('2021-04-27T03:00:00.000Z');
      await report(h, itemId, 'rach-gia', '2021-04-27', 2000);
      await report(h, itemId, 'ha-tien', '2021-04-27', 1000);
      await runner.catchUp(targetProgressProjection);
      expect(await h.earlyWarning.run()).toBe(1);
      expect(await h.earlyWarning.run()).toBe(0);
      const raised = await h.history(itemId, 'EscalationRaised');
      expect(raised.map((e) => e.data)).toEqual([
        expect.objectContaining({ escalationId: 'at-risk-2021-04-27', rule: 'at_risk', level: 1, mustAct: 'dang-uy-cong-an-tinh', reason: expect.stringContaining('cards_issued: 3000 of 1171200') }),
      ]);
    });
  });
});
