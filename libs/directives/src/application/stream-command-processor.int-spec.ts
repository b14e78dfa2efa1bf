import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chainHash } from '#event-store';
import { openTempSqliteStore, type TempSqliteStore } from '#event-store/testing';
import { ManualClock } from '#platform';
import type { Actor } from '../domain/shared/actor.js';
import { ConcurrencyConflictError, IdempotencyKeyReusedError } from './application.errors.js';
import type { CommandContext } from './command-context.js';
import { createItemProcessor, type ItemProcessor } from './processors.js';
import type { ProcessorObserver } from './stream-command-processor.js';

const STREAM = 'item-126-cv-tu-2021.1';
const secretariat: Actor = { subject: 'vptu', role: 'secretariat' };
const rachGia: Actor = { subject: 'rach-gia.van-thu', role: 'unit', unitId: 'rach-gia' };
const ctx = (actor: Actor, extra: Partial<CommandContext> = {}): CommandContext => ({ actor, correlationId: 'test', ...extra });

function counting(): ProcessorObserver & { conflicts: number; batches: number[] } {
  const seen = { conflicts: 0, batches: [] as number[] };
  return Object.assign(seen, { conflict: () => void (seen.conflicts += 1), batch: (_: string, size: number) => void seen.batches.push(size) });
}

const report = (n: number, cards = 100) => ({
  type: 'ReportProgress' as const,
  itemId: '126-cv-tu-2021.1',
  data: { reportId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, asOf: '2021-05-01', metrics: { cards_issued: cards }, narrative: `#${n}` },
});

describe('The stream command processor on a real SQLite file', () => {
  let temp: TempSqliteStore;
  let clock: ManualClock;
  let processor: ItemProcessor;

  beforeEach(async () => {
    temp = await openTempSqliteStore();
    clock = new ManualClock('2021-05-02T01:00:00.000Z');
    processor = createItemProcessor(temp.store, clock, {});
    const data = { directiveId: '126-cv-tu-2021', number: 1, title: 'Cấp CCCD', text: '…', duties: [], targets: [{ metric: 'cards_issued', value: 1_171_200 }], deadline: '2021-06-30' };
    clock.set('2021-04-14T02:00:00.000Z');
    await processor.execute(STREAM, { type: 'IssueItem', itemId: '126-cv-tu-2021.1', data }, ctx(secretariat));
    await processor.execute(STREAM, { type: 'AssignUnits', itemId: '126-cv-tu-2021.1', data: { assignees: [{ unitId: 'rach-gia', role: 'lead' }] } }, ctx(secretariat));
    await processor.execute(STREAM, { type: 'AcknowledgeAssignment', itemId: '126-cv-tu-2021.1', data: {} }, ctx(rachGia));
    clock.set('2021-05-02T01:00:00.000Z');
  });
  afterEach(() => temp.teardown());

  it('decides commands queued on one stream together and appends them in one write', async () => {
    const observer = counting();
    const batching = createItemProcessor(temp.store, clock, { observer });
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, n) => batching.execute(STREAM, report(n), ctx(rachGia))));
    expect(outcomes.map((o) => o.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, n) => n + 3));
    expect(observer.batches.length).toBeLessThanOrEqual(3);
    expect(await temp.store.readStream(STREAM)).toHaveLength(103);
  });

  it('refuses only the command that breaks a rule, recording the others of its batch', async () => {
    const results = await Promise.allSettled([
      processor.execute(STREAM, report(1, 500), ctx(rachGia)),
      processor.execute(STREAM, report(2, 400), ctx(rachGia)),
      processor.execute(STREAM, report(3, 600), ctx(rachGia)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'PROGRESS.METRIC_DECREASED' });
    expect((await temp.store.readStream(STREAM)).slice(3).map((e) => (e.data as { narrative: string }).narrative)).toEqual(['#1', '#3']);
  });

  it('decides again on fresh state when another process wrote first, losing nothing', async () => {
    const observer = counting();
    const one = createItemProcessor(temp.store, clock, { observer });
    const other = createItemProcessor(await temp.openAnother(), clock, { observer });
    // Both hold the stream at the same revision, as two API processes would: one append must lose.
    await Promise.all([one.read(STREAM), other.read(STREAM)]);
    const [a, b] = await Promise.all([one.execute(STREAM, report(1), ctx(rachGia)), other.execute(STREAM, report(2), ctx(rachGia))]);
    expect(observer.conflicts).toBe(1);
    expect([a.revision, b.revision].sort()).toEqual([3, 4]);
    expect((await temp.store.readStream(STREAM)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
  });

  it('answers a command whose fact is already recorded with nothing written, also when another process recorded it', async () => {
    const engine: Actor = { subject: 'follow-up', role: 'system' };
    const remind = { type: 'SendReminder' as const, itemId: '126-cv-tu-2021.1', data: { unitId: 'rach-gia', rule: 'deadline-minus-7d', dueAt: '2021-06-23T01:00:00.000Z', late: false, channels: ['inbox'] } };
    const other = createItemProcessor(await temp.openAnother(), clock, {});
    await other.read(STREAM);
    expect((await processor.execute(STREAM, remind, ctx(engine))).events.map((e) => e.type)).toEqual(['ReminderSent']);
    expect(await other.execute(STREAM, remind, ctx(engine))).toEqual({ streamId: STREAM, revision: 3, events: [], replayed: false });
    expect(await processor.execute(STREAM, remind, ctx(engine))).toEqual({ streamId: STREAM, revision: 3, events: [], replayed: false });
    expect((await temp.store.readStream(STREAM)).filter((e) => e.type === 'ReminderSent')).toHaveLength(1);
  });

  it('gives up with a clear conflict after its attempts, having written nothing', async () => {
    const impatient = createItemProcessor(await temp.openAnother(), clock, { maxAttempts: 1 });
    // The impatient process holds the stream at revision 2; the other writes revision 3 meanwhile.
    await impatient.read(STREAM);
    const won = await Promise.allSettled([processor.execute(STREAM, report(1), ctx(rachGia))]).then(([r]) => r!);
    const lost = await Promise.allSettled([impatient.execute(STREAM, report(2), ctx(rachGia))]).then(([r]) => r!);
    expect(won.status).toBe('fulfilled');
    expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflictError);
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: 'STORE.CONCURRENCY_CONFLICT', details: { streamId: STREAM, attempts: 1 } });
    expect(await temp.store.readStream(STREAM)).toHaveLength(4);
  });

  it('answers a key recorded by another process from history, even with a stale cache', async () => {
    const other = createItemProcessor(await temp.openAnother(), clock, {});
    await other.read(STREAM);
    const keyed = ctx(rachGia, { idempotencyKey: 'k-1', requestHash: 'h-1' });
    const first = await processor.execute(STREAM, report(1), keyed);
    const repeat = await other.execute(STREAM, report(99), keyed);
    expect(repeat).toEqual({ ...first, replayed: true });
    await expect(other.execute(STREAM, report(98), { ...keyed, requestHash: 'h-2' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await temp.store.readStream(STREAM)).toHaveLength(4);
  });

  it('chains every event on the previous one of its stream, within a batch and after another process wrote', async () => {
    const other = createItemProcessor(await temp.openAnother(), clock, {});
    await Promise.all([...[1, 2, 3].map((n) => processor.execute(STREAM, report(n), ctx(rachGia))), other.execute(STREAM, report(4), ctx(rachGia))]);
    await processor.execute(STREAM, report(5), ctx(rachGia));
    const stream = await temp.store.readStream(STREAM);
    expect(stream).toHaveLength(8);
    stream.forEach((event, i) => expect(event.metadata.hash).toBe(chainHash(i === 0 ? null : stream[i - 1]!.metadata.hash!, event)));
  });

  it('runs a repeat that arrives in the same batch as the original after it, as a replay', async () => {
    const keyed = ctx(rachGia, { idempotencyKey: 'k-2', requestHash: 'h' });
    const [first, second] = await Promise.all([processor.execute(STREAM, report(1), keyed), processor.execute(STREAM, report(1), keyed)]);
    expect(second).toEqual({ ...first, replayed: true });
    expect(await temp.store.readStream(STREAM)).toHaveLength(4);
  });
});
