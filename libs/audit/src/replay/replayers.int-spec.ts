import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { ItemNotFoundError, DirectiveNotFoundError } from '#directives';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import { startPrivateRedis, type PrivateRedis } from '#testing';
import type { AsOf, ItemPoint } from './as-of.js';
import { replayDirectiveEvents } from './directive-replay.js';
import { DirectiveReplayer } from './directive-replayer.js';
import { plainItemState } from './item-state.codec.js';
import { replayItem } from './item-replay.js';
import { ItemReplayer } from './item-replayer.js';
import { itemSnapshotVersion } from './replay-version.js';
import { DirectiveNotRegisteredAtError, ItemNotIssuedAtError, RevisionNotRecordedError } from './replay.errors.js';
import { campaign, DIRECTIVE_ID, ITEM_1, vn } from './replay.fixtures.js';

const STREAM = `item-${ITEM_1}`;
const log = campaign().events;
const itemEvents = log.filter((e) => e.streamId === STREAM);
const instants = [...new Set(log.flatMap((e) => [e.metadata.recordedAt, new Date(Date.parse(e.metadata.recordedAt) - 1).toISOString()]))].sort();
const asOfs: AsOf[] = instants.flatMap((at) => [{ at, knowledge: 'recorded' as const }, { at, knowledge: 'current' as const }]);

describe('Replays from the event store with snapshots in Redis', () => {
  let dir: string;
  let store: SqliteEventStore;
  let server: PrivateRedis;
  let redis: Redis;
  const items = (every = 3) => new ItemReplayer(store, { redis, keyPrefix: 'test', snapshotEvery: every, pageSize: 4 });
  const directives = () => new DirectiveReplayer(store, { redis, keyPrefix: 'test', checkpointEvery: 4, pageSize: 3 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'replay-'));
    store = await SqliteEventStore.open({ filename: join(dir, 'events.db') });
    for (const event of log) await store.append(event.streamId, [{ eventId: crypto.randomUUID(), type: event.type, data: event.data, metadata: event.metadata }], { expectedRevision: 'any' });
    server = await startPrivateRedis();
    redis = server.client();
  });
  beforeEach(() => redis.flushall());
  afterAll(async () => {
    await server.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectSameItem = async (replayer: ItemReplayer, point: ItemPoint) => {
    const got = await replayer.replay(ITEM_1, point);
    const want = replayItem(itemEvents as RecordedEvent[], point);
    expect({ state: plainItemState(got.state), revision: got.revision, asAt: got.asAt, later: got.laterFigures }).toEqual({ state: plainItemState(want.state), revision: want.revision, asAt: want.asAt, later: want.laterFigures });
    return got;
  };
  const issued = (points: ItemPoint[]) => points.filter((p) => 'revision' in p || p.at >= itemEvents[0]!.metadata.recordedAt);

  it('answers every instant and revision of an item as the pure replay does, while writing snapshots and then from them', async () => {
    const points: ItemPoint[] = [...issued(asOfs).reverse(), ...itemEvents.map((e) => ({ revision: e.revision }))];
    for (const point of points) await expectSameItem(items(), point);
    const second = await Promise.all(points.map((point) => expectSameItem(items(), point)));
    expect(second.filter((r) => r.snapshotFrom === 'redis').length).toBeGreaterThan(points.length / 2);
    expect(Math.max(...second.map((r) => r.folded))).toBeLessThan(itemEvents.length);
  });

  it('shares a snapshot decoded once between the replays of one process, each folding on from it unchanged', async () => {
    const warm = items();
    const points: ItemPoint[] = [...issued(asOfs), ...itemEvents.map((e) => ({ revision: e.revision }))];
    for (const point of points) await expectSameItem(warm, point);
    const again: string[] = [];
    for (const point of [...points].reverse()) again.push((await expectSameItem(warm, point)).snapshotFrom ?? 'none');
    expect(again.filter((from) => from === 'process').length).toBeGreaterThan(points.length / 2);
    expect(again).not.toContain('redis');
  });

  it('keeps the events after a snapshot with it: later answers from it in the process fold them without reading them again', async () => {
    let streamReads = 0;
    const counting = Object.assign(Object.create(store) as SqliteEventStore, {
      readStream: (...args: Parameters<SqliteEventStore['readStream']>) => ((streamReads += 1), store.readStream(...args)),
    });
    const warm = new ItemReplayer(counting, { redis, keyPrefix: 'test', snapshotEvery: 3, pageSize: 4 });
    const last = itemEvents[itemEvents.length - 1]!;
    await expectSameItem(warm, { revision: last.revision });
    // Revisions inside the last snapshot's span: the first answer reads them, the next ones do not.
    const inside = itemEvents.filter((e) => e.revision > last.revision - 3).map((e) => ({ revision: e.revision }));
    streamReads = 0;
    await expectSameItem(warm, inside[0]!);
    const first = streamReads;
    expect(first).toBeGreaterThan(0);
    streamReads = 0;
    for (const point of inside) expect((await expectSameItem(warm, point)).snapshotFrom).toBe('process');
    // At most one read, past what is kept, to find the end of the stream.
    expect(streamReads).toBeLessThanOrEqual(1);
    // A recorded instant between two of them is answered the same from what is kept.
    for (const point of issued(asOfs).filter((p) => 'at' in p && p.at >= itemEvents[Math.max(0, last.revision - 3)]!.metadata.recordedAt)) await expectSameItem(warm, point);
  });

  it('knowledge=current reads of the later ranges only their backdated figures, and answers as the pure replay does', async () => {
    await items().replay(ITEM_1, { revision: itemEvents.length - 1 });
    const current = issued(asOfs).filter((p): p is AsOf => !('revision' in p) && p.knowledge === 'current');
    const spared: number[] = [];
    for (const point of current) {
      const got = await expectSameItem(items(), point);
      const after = itemEvents.filter((e) => e.metadata.recordedAt > point.at).length;
      expect(got.laterRead).toBeLessThanOrEqual(after);
      spared.push(after - got.laterRead);
    }
    // The campaign's corrections and late reports are backdated figures inside later ranges: found all the same (the answers above), while most ranges are skipped.
    expect(spared.filter((n) => n > 0).length).toBeGreaterThan(current.length / 2);
    const [meta] = await redis.keys('test:audit:replay:item:*:meta');
    const links = Object.values(await redis.hgetall(meta!)).map((text) => JSON.parse(text) as { backdated?: number[] });
    expect(links.some((link) => (link.backdated ?? []).length > 0)).toBe(true);
  });

  it('starts from the nearest snapshot at or before the point and folds only the rest', async () => {
    await items().replay(ITEM_1, { revision: itemEvents.length - 1 });
    const got = await expectSameItem(items(), { revision: 7 });
    expect(got).toMatchObject({ fromSnapshot: 5, folded: 2 });
    expect(await redis.keys('test:audit:replay:item:*')).toEqual(expect.arrayContaining([expect.stringContaining(itemSnapshotVersion())]));
  });

  it('costs only speed when the snapshots are lost, or one of their deltas: the chain is written again', async () => {
    const last = { at: vn('2021-07-01T00:00:00'), knowledge: 'recorded' as const };
    await items().replay(ITEM_1, last);
    await redis.flushall();
    expect((await expectSameItem(items(), last)).fromSnapshot).toBeNull();
    const [data] = await redis.keys('test:audit:replay:item:*:data');
    await redis.hdel(data!, '1');
    expect((await expectSameItem(items(), last)).fromSnapshot).toBeNull();
    expect((await expectSameItem(items(), last)).fromSnapshot).toBe(itemEvents.length - (itemEvents.length % 3) - 1);
  });

  it('keeps snapshots of another interval apart, and works without Redis at all', async () => {
    await items(3).replay(ITEM_1, { revision: 10 });
    expect((await items(4).replay(ITEM_1, { revision: 10 })).fromSnapshot).toBeNull();
    await expectSameItem(new ItemReplayer(store, { keyPrefix: 'test' }), { at: vn('2021-05-15T18:00:00'), knowledge: 'current' });
  });

  it('refuses an unknown item, an instant before the issue and a revision not recorded yet, naming them', async () => {
    await expect(items().replay('126-cv-tu-2021.9', { revision: 0 })).rejects.toBeInstanceOf(ItemNotFoundError);
    await expect(items().replay(ITEM_1, { at: vn('2021-04-14T08:00:00'), knowledge: 'recorded' })).rejects.toMatchObject({ code: 'ITEM.NOT_ISSUED_AT', field: 'asOf' });
    await expect(items().replay(ITEM_1, { revision: 999 })).rejects.toBeInstanceOf(RevisionNotRecordedError);
    await expect(items().replay(ITEM_1, { at: vn('2021-04-14T08:00:00'), knowledge: 'current' })).rejects.toBeInstanceOf(ItemNotIssuedAtError);
  });

  it('answers every instant of a directive as the pure replay does, from checkpoints once written, in both kinds of knowledge', async () => {
    const registered = asOfs.filter((a) => a.at >= log[0]!.metadata.recordedAt);
    for (const asOf of [...registered].reverse()) {
      const got = await directives().replay(DIRECTIVE_ID, asOf);
      expect(got.docs.plain()).toEqual(replayDirectiveEvents(log, DIRECTIVE_ID, asOf)!.plain());
    }
    const again = await Promise.all(registered.map((asOf) => directives().replay(DIRECTIVE_ID, asOf)));
    again.forEach((got, i) => expect(got.docs.plain()).toEqual(replayDirectiveEvents(log, DIRECTIVE_ID, registered[i]!)!.plain()));
    expect(again.filter((r) => r.fromCheckpoint !== null).length).toBeGreaterThan(registered.length / 2);
  });

  it('keeps a chain decoded in the process: every instant after the first restore starts from memory, answers unchanged', async () => {
    const registered = asOfs.filter((a) => a.at >= log[0]!.metadata.recordedAt);
    await directives().replay(DIRECTIVE_ID, registered[registered.length - 1]!);
    const replayer = directives();
    const answers = [];
    // Latest first, then the rest shuffled by a fixed stride: any checkpoint, in any order, from one history.
    const order = registered.map((_, i) => registered[(registered.length - 1 + i * 7) % registered.length]!);
    for (const asOf of order) {
      const got = await replayer.replay(DIRECTIVE_ID, asOf);
      expect(got.docs.plain()).toEqual(replayDirectiveEvents(log, DIRECTIVE_ID, asOf)!.plain());
      answers.push(got.checkpointFrom);
    }
    expect(answers.filter((from) => from === 'redis')).toHaveLength(1);
    expect(answers.filter((from) => from === 'process').length).toBeGreaterThan(registered.length / 2);
    // Concurrent answers share the history and leave it as it was.
    const again = await Promise.all(registered.map((asOf) => replayer.replay(DIRECTIVE_ID, asOf)));
    again.forEach((got, i) => expect(got.docs.plain()).toEqual(replayDirectiveEvents(log, DIRECTIVE_ID, registered[i]!)!.plain()));
    // Without Redis's chain (flushed), the kept history is not trusted: it is written again from a full replay.
    await redis.flushall();
    const rebuilt = await replayer.replay(DIRECTIVE_ID, registered[registered.length - 1]!);
    expect([rebuilt.fromCheckpoint, rebuilt.checkpointFrom]).toEqual([null, null]);
    expect(rebuilt.docs.plain()).toEqual(replayDirectiveEvents(log, DIRECTIVE_ID, registered[registered.length - 1]!)!.plain());
  });

  it('keeps the events after a directive checkpoint with its history, as far as answers read: later answers from it in the process read only past them', async () => {
    let streamReads = 0;
    const counting = Object.assign(Object.create(store) as SqliteEventStore, {
      readStream: (...args: Parameters<SqliteEventStore['readStream']>) => ((streamReads += 1), store.readStream(...args)),
    });
    const warm = new DirectiveReplayer(counting, { redis, keyPrefix: 'test', checkpointEvery: 4, pageSize: 3 });
    const latest = { at: log[log.length - 1]!.metadata.recordedAt, knowledge: 'current' as const };
    const expectSame = async (asOf: AsOf) => {
      const got = await warm.replay(DIRECTIVE_ID, asOf);
      expect(got.docs.plain()).toEqual(replayDirectiveEvents(log, DIRECTIVE_ID, asOf)!.plain());
      return got;
    };
    await expectSame(latest);
    // Halfway through the log: the later figures of `current` are half of every stream, pages of 3.
    const halfway = { at: log[Math.floor(log.length / 2)]!.metadata.recordedAt, knowledge: 'current' as const };
    // The first answer from the checkpoint (recorded knowledge) reads and keeps the events up to the instant…
    expect((await expectSame({ ...halfway, knowledge: 'recorded' })).checkpointFrom).toBe('process');
    // … the first in current knowledge reads past them, once.
    streamReads = 0;
    expect((await expectSame(halfway)).checkpointFrom).toBe('process');
    expect(streamReads).toBeGreaterThan(3);
    for (const knowledge of ['current', 'recorded', 'current'] as const) {
      streamReads = 0;
      expect((await expectSame({ ...halfway, knowledge })).checkpointFrom).toBe('process');
      // The registration, and at most one read per item stream past what is kept, to find its end.
      expect(streamReads).toBeLessThanOrEqual(3);
    }
  });

  it('decodes a chain once for the questions that arrive together, each answered as the pure replay does', async () => {
    const registered = asOfs.filter((a) => a.at >= log[0]!.metadata.recordedAt);
    const last = registered[registered.length - 1]!;
    await directives().replay(DIRECTIVE_ID, last);
    let reads = 0;
    const counting = new Proxy(redis, {
      get(target, property) {
        if (property === 'hmget') return (...args: Parameters<Redis['hmget']>) => ((reads += 1), target.hmget(...args));
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const replayer = () => new DirectiveReplayer(store, { redis: counting, keyPrefix: 'test', checkpointEvery: 4, pageSize: 3 });
    await replayer().replay(DIRECTIVE_ID, last);
    const once = reads;
    expect(once).toBeGreaterThan(0);
    reads = 0;
    const together = registered.slice(-6);
    const shared = replayer();
    const answers = await Promise.all(together.map((asOf) => shared.replay(DIRECTIVE_ID, asOf)));
    expect(reads).toBe(once);
    answers.forEach((got, i) => expect(got.docs.plain()).toEqual(replayDirectiveEvents(log, DIRECTIVE_ID, together[i]!)!.plain()));
  });

  it('refuses an unknown directive and an instant before its registration', async () => {
    await expect(directives().replay('khong-co', { at: vn('2021-05-01T00:00:00'), knowledge: 'recorded' })).rejects.toBeInstanceOf(DirectiveNotFoundError);
    await expect(directives().replay(DIRECTIVE_ID, { at: vn('2021-04-01T00:00:00'), knowledge: 'recorded' }, 'from')).rejects.toMatchObject({ code: 'DIRECTIVE.NOT_REGISTERED_AT', field: 'from' });
    await expect(directives().replay(DIRECTIVE_ID, { at: vn('2021-04-01T00:00:00'), knowledge: 'recorded' })).rejects.toBeInstanceOf(DirectiveNotRegisteredAtError);
  });
});
