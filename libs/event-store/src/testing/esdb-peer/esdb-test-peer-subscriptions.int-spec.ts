import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  START,
  streamNameFilter,
  UnavailableError,
  type Position,
} from '@eventstore/db-client';
import { collect, someEvents, Timeline, uniqueName, waitFor } from './esdb-test-peer.fixtures.js';
import { EsdbTestPeer, STATS_STREAM } from './index.js';

describe('EsdbTestPeer subscriptions, driven by the real @eventstore/db-client', () => {
  let peer: EsdbTestPeer;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    peer = await EsdbTestPeer.start();
  });
  afterAll(async () => {
    await peer.stop();
  });
  beforeEach(() => {
    client = EventStoreDBClient.connectionString(peer.connectionString);
  });
  afterEach(async () => {
    await client.dispose();
    await waitFor(() => peer.openSubscriptions === 0, 'the subscriptions to close');
  });

  /** Appends one event and answers its position. */
  async function appendOne(stream: string, type = 'ThingHappened'): Promise<Position> {
    const result = await client.appendToStream(stream, jsonEvent({ type, data: {} }));
    return result.position!;
  }

  it('subscribes to $all after a position (exclusive) without system events: history, caughtUp, live', async () => {
    const stream = uniqueName('order');
    const start = await appendOne(stream);
    await appendOne(stream);
    peer.writeStatsEvent();
    const timeline = new Timeline();
    timeline.attach(client.subscribeToAll({ fromPosition: start, filter: excludeSystemEvents() }));
    await timeline.waitForEntry('caughtUp');
    await appendOne(stream);
    peer.writeStatsEvent();
    await appendOne(stream);
    await timeline.waitForEntry(`event:${stream}/3`);
    const delivered = timeline.entries.filter((entry) => !entry.startsWith('checkpoint'));
    expect(delivered).toEqual([`event:${stream}/1`, 'caughtUp', `event:${stream}/2`, `event:${stream}/3`]);
    expect(timeline.events.every((resolved) => resolved.commitPosition === resolved.event!.position!.commit)).toBe(true);
  });

  it('filters $all by stream name prefix and sends checkpoints every window × multiplier considered events', async () => {
    const [kept, other] = [uniqueName('kept'), uniqueName('other')];
    const start = await appendOne(kept);
    const historical = [await appendOne(other), await appendOne(kept), await appendOne(other)];
    const timeline = new Timeline();
    const filter = streamNameFilter({
      prefixes: [kept],
      maxSearchWindow: 2,
      checkpointInterval: 1,
      checkpointReached: timeline.checkpoint,
    });
    timeline.attach(client.subscribeToAll({ fromPosition: start, filter }));
    await timeline.waitForEntry('caughtUp');
    await appendOne(other);
    const live = await appendOne(kept);
    await timeline.waitForEntry(`checkpoint:${live.commit}`);
    expect(timeline.entries).toEqual([
      `event:${kept}/1`,
      `checkpoint:${historical[1].commit}`,
      `checkpoint:${historical[2].commit}`,
      'caughtUp',
      `event:${kept}/2`,
      `checkpoint:${live.commit}`,
    ]);
  });

  it('subscribes to a stream from the start and after a revision (exclusive)', async () => {
    const stream = uniqueName('order');
    await client.appendToStream(stream, someEvents(3));
    const fromStart = new Timeline();
    const afterFirst = new Timeline();
    fromStart.attach(client.subscribeToStream(stream, { fromRevision: START }));
    afterFirst.attach(client.subscribeToStream(stream, { fromRevision: 0n }));
    await Promise.all([fromStart.waitForEntry('caughtUp'), afterFirst.waitForEntry('caughtUp')]);
    await appendOne(uniqueName('other'));
    await appendOne(stream);
    await Promise.all([fromStart.waitForEntry(`event:${stream}/3`), afterFirst.waitForEntry(`event:${stream}/3`)]);
    const entries = (...items: (number | 'caughtUp')[]) =>
      items.map((item) => (item === 'caughtUp' ? item : `event:${stream}/${item}`));
    expect(fromStart.entries).toEqual(entries(0, 1, 2, 'caughtUp', 3));
    expect(afterFirst.entries).toEqual(entries(1, 2, 'caughtUp', 3));
    expect(peer.openSubscriptions).toBe(2);
  });

  it('keeps a subscription to a missing stream catching up until the stream appears, as EventStoreDB does', async () => {
    const stream = uniqueName('later');
    const timeline = new Timeline();
    timeline.attach(client.subscribeToStream(stream));
    await waitFor(() => peer.openSubscriptions === 1, 'the subscription');
    await appendOne(uniqueName('other'));
    expect(timeline.entries).toEqual([]);
    await appendOne(stream);
    await appendOne(stream);
    await timeline.waitForEntry(`event:${stream}/1`);
    expect(timeline.entries).toEqual([`event:${stream}/0`, 'caughtUp', `event:${stream}/1`]);
  });

  it('lets the client unsubscribe, which closes the subscription on the peer', async () => {
    const subscription = client.subscribeToAll({ fromPosition: START });
    const timeline = new Timeline();
    timeline.attach(subscription);
    await timeline.waitForEntry('caughtUp');
    expect(peer.openSubscriptions).toBe(1);
    await subscription.unsubscribe();
    await waitFor(() => peer.openSubscriptions === 0, 'the peer to see the unsubscription');
  });

  it('drops live subscriptions with an UNAVAILABLE error on request; the client reconnects for later calls', async () => {
    const timeline = new Timeline();
    timeline.attach(client.subscribeToStream(uniqueName('order')));
    timeline.attach(client.subscribeToAll({ filter: excludeSystemEvents() }));
    await waitFor(() => peer.openSubscriptions === 2, 'two open subscriptions');
    expect(peer.dropSubscriptions()).toBe(2);
    await waitFor(() => timeline.error !== undefined, 'the subscription error');
    expect(timeline.error).toBeInstanceOf(UnavailableError);
    expect(peer.openSubscriptions).toBe(0);
    const stream = uniqueName('order');
    await client.appendToStream(stream, someEvents(1));
    expect(await collect(client.readStream(stream))).toHaveLength(1);
  });

  it('stops without hanging while a subscription is open', async () => {
    const own = await EsdbTestPeer.start({ systemEvents: false });
    const ownClient = EventStoreDBClient.connectionString(own.connectionString);
    const timeline = new Timeline();
    timeline.attach(ownClient.subscribeToAll());
    await timeline.waitForEntry('caughtUp');
    await own.stop();
    expect(own.openSubscriptions).toBe(0);
    await waitFor(() => timeline.error !== undefined, 'the subscription error');
    expect(timeline.error).toBeInstanceOf(UnavailableError);
    expect(timeline.error!.message).toContain('EsdbTestPeer stopped');
    await ownClient.dispose();
  });

  it('exposes the statistics stream of its system events', async () => {
    const events = await collect(client.readStream(STATS_STREAM));
    expect(events[0].event!.type).toBe('$statsCollected');
  });
});
