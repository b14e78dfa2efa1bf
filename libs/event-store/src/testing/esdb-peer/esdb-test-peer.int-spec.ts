import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  binaryEvent,
  END,
  EventStoreDBClient,
  jsonEvent,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { sharedPb, streamsPb } from './esdb-peer-protocol.js';
import { collect, commitPositions, revisions, someEvents, uniqueName } from './esdb-test-peer.fixtures.js';
import { EsdbTestPeer } from './index.js';

describe('EsdbTestPeer, driven by the real @eventstore/db-client', () => {
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
  });

  it('builds its messages from the very generated modules the client loads', () => {
    const requireHere = createRequire(import.meta.url);
    expect(requireHere('@eventstore/db-client').EventStoreDBClient).toBe(EventStoreDBClient);
    const clientUtils = requireHere('@eventstore/db-client/dist/utils/grpcStreamIdentifier.js');
    expect(clientUtils.createStreamIdentifier('x')).toBeInstanceOf(sharedPb.StreamIdentifier);
    expect(requireHere('@eventstore/db-client/generated/streams_pb.js')).toBe(streamsPb);
    expect(peer.connectionString).toBe(`esdb://127.0.0.1:${peer.port}?tls=false`);
  });

  it('appends and reads back data, type, id, metadata and creation time', async () => {
    const stream = uniqueName('order');
    const json = jsonEvent({ id: randomUUID(), type: 'OrderPlaced', data: { total: 12 }, metadata: { actor: 'u1' } });
    const bytes = binaryEvent({ type: 'Blob', data: Uint8Array.from([1, 2, 3]), metadata: Uint8Array.from([0xff]) });
    const before = Date.now();
    await client.appendToStream(stream, [json, bytes], { expectedRevision: NO_STREAM });
    const [first, second] = await collect(client.readStream(stream));
    expect(first.event).toMatchObject({ streamId: stream, id: json.id, type: 'OrderPlaced', revision: 0n, isJson: true });
    expect(first.event).toMatchObject({ data: { total: 12 }, metadata: { actor: 'u1' } });
    expect(Math.abs(first.event!.created.getTime() - before)).toBeLessThan(5_000);
    expect(second.event).toMatchObject({ id: bytes.id, type: 'Blob', revision: 1n, isJson: false });
    expect(Array.from(second.event!.data as Uint8Array)).toEqual([1, 2, 3]);
    expect(Array.from(second.event!.metadata as Uint8Array)).toEqual([0xff]);
  });

  it('numbers revisions from 0 and answers the position of the last appended event', async () => {
    const stream = uniqueName('order');
    const first = await client.appendToStream(stream, someEvents(2));
    const second = await client.appendToStream(stream, someEvents(1));
    expect([first.nextExpectedRevision, second.nextExpectedRevision]).toEqual([1n, 2n]);
    const events = await collect(client.readStream(stream));
    expect(revisions(events)).toEqual([0n, 1n, 2n]);
    expect(first.position).toEqual(events[1].event!.position);
    expect(second.position).toEqual(events[2].event!.position);
    expect(second.position!.commit).toBeGreaterThan(first.position!.commit);
    expect(events[2].event!.position!.prepare).toBe(events[2].event!.position!.commit);
  });

  describe('expected revision', () => {
    const rejection = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(WrongExpectedVersionError);

    it('checks no_stream, stream_exists, any and a revision, reporting the actual version', async () => {
      const stream = uniqueName('order');
      await rejection(client.appendToStream(stream, someEvents(1), { expectedRevision: STREAM_EXISTS }));
      await rejection(client.appendToStream(stream, someEvents(1), { expectedRevision: 0n }));
      await client.appendToStream(stream, someEvents(1), { expectedRevision: NO_STREAM });
      await client.appendToStream(stream, someEvents(1), { expectedRevision: STREAM_EXISTS });
      await client.appendToStream(stream, someEvents(1), { expectedRevision: 1n });
      await client.appendToStream(stream, someEvents(1), { expectedRevision: ANY });
      await rejection(client.appendToStream(stream, someEvents(1), { expectedRevision: NO_STREAM }));
      await rejection(client.appendToStream(stream, someEvents(1), { expectedRevision: 2n }));
      expect(revisions(await collect(client.readStream(stream)))).toEqual([0n, 1n, 2n, 3n]);
    });

    it('carries the stream, the expected and the actual version in WrongExpectedVersionError', async () => {
      const stream = uniqueName('order');
      const missing = await client.appendToStream(stream, someEvents(1), { expectedRevision: 5n }).catch((e) => e);
      expect(missing).toMatchObject({ streamName: stream, expectedVersion: 5n, actualVersion: 'no_stream' });
      await client.appendToStream(stream, someEvents(2));
      const behind = await client.appendToStream(stream, someEvents(1), { expectedRevision: NO_STREAM }).catch((e) => e);
      expect(behind).toMatchObject({ expectedVersion: 'no_stream', actualVersion: 1n });
      const exists = await client.appendToStream(uniqueName('x'), someEvents(1), { expectedRevision: STREAM_EXISTS }).catch((e) => e);
      expect(exists).toMatchObject({ expectedVersion: 'stream_exists', actualVersion: 'no_stream' });
    });
  });

  describe('idempotent appends (same event ids)', () => {
    it('does not write a retried append twice, with any or with the original expected revision', async () => {
      const stream = uniqueName('order');
      const events = someEvents(2);
      const original = await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
      const retriedAny = await client.appendToStream(stream, events, { expectedRevision: ANY });
      const retriedExact = await client.appendToStream(stream, events, { expectedRevision: NO_STREAM });
      expect(retriedAny).toEqual(original);
      expect(retriedExact).toEqual(original);
      expect(revisions(await collect(client.readStream(stream)))).toEqual([0n, 1n]);
    });

    it('answers a wrong expected version when only some of the ids were written', async () => {
      const stream = uniqueName('order');
      const [written, fresh] = someEvents(2);
      await client.appendToStream(stream, [written]);
      await expect(client.appendToStream(stream, [written, fresh])).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await client.appendToStream(stream, [fresh, written]);
      expect(revisions(await collect(client.readStream(stream)))).toEqual([0n, 1n, 2n]);
    });
  });

  describe('stream reads', () => {
    it('raises StreamNotFoundError while iterating a stream that does not exist', async () => {
      await expect(collect(client.readStream(uniqueName('missing')))).rejects.toBeInstanceOf(StreamNotFoundError);
    });

    it('reads forwards from a revision (inclusive) and backwards, with counts', async () => {
      const stream = uniqueName('order');
      await client.appendToStream(stream, someEvents(5));
      const read = (options: Parameters<EventStoreDBClient['readStream']>[1]) => collect(client.readStream(stream, options));
      expect(revisions(await read({ fromRevision: 2n, maxCount: 2 }))).toEqual([2n, 3n]);
      expect(revisions(await read({ direction: BACKWARDS, fromRevision: END, maxCount: 2 }))).toEqual([4n, 3n]);
      expect(revisions(await read({ direction: BACKWARDS, fromRevision: 1n }))).toEqual([1n, 0n]);
      expect(revisions(await read({ fromRevision: END }))).toEqual([]);
    });

    it('serves stream metadata through the metadata stream, as the client reads and writes it', async () => {
      const stream = uniqueName('order');
      await client.setStreamMetadata(stream, { maxCount: 10, custom: 'x' });
      const { metadata } = await client.getStreamMetadata(stream);
      expect(metadata).toEqual({ maxCount: 10, custom: 'x' });
    });
  });

  describe('$all reads', () => {
    it('reads forwards from the start, system events first, in increasing positions', async () => {
      const events = await collect(client.readAll({ fromPosition: START }));
      expect(events[0].event!.type).toBe('$metadata');
      const positions = commitPositions(events);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
      expect(events.every((resolved) => resolved.commitPosition === resolved.event!.position.commit)).toBe(true);
    });

    it('reads forwards from a position (inclusive) and backwards from the end, with counts', async () => {
      const stream = uniqueName('order');
      await client.appendToStream(stream, someEvents(3));
      const written = await collect(client.readStream(stream));
      const fromSecond = await collect(client.readAll({ fromPosition: written[1].event!.position, maxCount: 2 }));
      expect(fromSecond.map((resolved) => resolved.event!.id)).toEqual([written[1].event!.id, written[2].event!.id]);
      const lastTwo = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 2 }));
      expect(lastTwo.map((resolved) => resolved.event!.id)).toEqual([written[2].event!.id, written[1].event!.id]);
      const before = await collect(client.readAll({ direction: BACKWARDS, fromPosition: written[1].event!.position, maxCount: 1 }));
      expect(before.map((resolved) => resolved.event!.id)).toEqual([written[0].event!.id]);
    });
  });

  it('answers UNIMPLEMENTED, naming the method, for what it does not implement', async () => {
    await expect(client.deleteStream(uniqueName('order'))).rejects.toThrow(/UNIMPLEMENTED.*Streams\/Delete/);
    const listing = client.listAllPersistentSubscriptions();
    await expect(listing).rejects.toThrow(/UNIMPLEMENTED.*PersistentSubscriptions\/List/);
    await expect(client.createProjection('p', 'fromAll()')).rejects.toThrow(/UNIMPLEMENTED.*Projections\/Create/);
  });
});
