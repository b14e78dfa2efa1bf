import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '../../event-store.port.js';
import {
  anEvent,
  expectRevisions,
  idsOf,
  markPosition,
  readAllOf,
  someEvents,
  type StoreProvider,
  uniqueStreamId,
} from './contract-fixtures.js';

export function describeReadContract(store: StoreProvider): void {
  async function streamOf(count: number): Promise<{ stream: string; ids: string[] }> {
    const stream = uniqueStreamId();
    const events = someEvents(count);
    await store().append(stream, events, { expectedRevision: 'no_stream' });
    return { stream, ids: idsOf(events) };
  }

  describe('readStream', () => {
    it('reads forwards from revision 0 by default, in revision order', async () => {
      const { stream, ids } = await streamOf(4);
      const read = await store().readStream(stream);
      expect(idsOf(read)).toEqual(ids);
      expectRevisions(read, 0, 4);
    });

    it('reads forwards from a given revision, at most maxCount events', async () => {
      const { stream, ids } = await streamOf(6);
      const read = await store().readStream(stream, { fromRevision: 2, maxCount: 3 });
      expect(idsOf(read)).toEqual(ids.slice(2, 5));
      expectRevisions(read, 2, 3);
    });

    it('reads backwards from the last revision by default', async () => {
      const { stream, ids } = await streamOf(4);
      const read = await store().readStream(stream, { direction: 'backwards' });
      expect(idsOf(read)).toEqual([...ids].reverse());
      expect(read.map((event) => event.revision)).toEqual([3, 2, 1, 0]);
    });

    it('reads backwards from a given revision, at most maxCount events', async () => {
      const { stream, ids } = await streamOf(6);
      const read = await store().readStream(stream, { direction: 'backwards', fromRevision: 4, maxCount: 2 });
      expect(idsOf(read)).toEqual([ids[4], ids[3]]);
    });

    it('reads the last event alone with backwards and maxCount 1', async () => {
      const { stream, ids } = await streamOf(3);
      const read = await store().readStream(stream, { direction: 'backwards', maxCount: 1 });
      expect(idsOf(read)).toEqual([ids[2]]);
    });

    it('reads a stream that does not exist as empty, in both directions', async () => {
      const stream = uniqueStreamId();
      expect(await store().readStream(stream)).toEqual([]);
      expect(await store().readStream(stream, { direction: 'backwards' })).toEqual([]);
    });

    it('reads past the end of a stream as empty', async () => {
      const { stream } = await streamOf(2);
      expect(await store().readStream(stream, { fromRevision: 2 })).toEqual([]);
    });
  });

  describe('readAll', () => {
    it('returns the events of several streams in the order they were appended, with their positions', async () => {
      const start = await markPosition(store());
      const [a, b, c] = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];
      const plan = [a, b, a, c, b, a];
      const appended: { stream: string; eventId: string; position: string }[] = [];
      for (const stream of plan) {
        const event = anEvent();
        const result = await store().append(stream, [event], { expectedRevision: 'any' });
        appended.push({ stream, eventId: event.eventId, position: result.position });
      }
      const read = await readAllOf(store(), start, new Set(plan));
      expect(read.map(({ streamId, eventId, position }) => ({ stream: streamId, eventId, position }))).toEqual(
        appended,
      );
      expect(read.map((event) => event.revision)).toEqual([0, 0, 1, 0, 1, 2]);
    });

    it('pages with after and maxCount, reporting isEnd only once the log is exhausted', async () => {
      const start = await markPosition(store());
      const { stream, ids } = await streamOf(5);
      const pages: RecordedEvent[][] = [];
      let after = start;
      for (let isEnd = false; !isEnd; ) {
        const page = await store().readAll({ after, maxCount: 2 });
        expect(page.events.length).toBeLessThanOrEqual(2);
        if (!page.isEnd) expect(page.events).toHaveLength(2);
        pages.push([...page.events]);
        after = page.events.at(-1)?.position ?? after;
        isEnd = page.isEnd;
      }
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(idsOf(pages.flat().filter((event) => event.streamId === stream))).toEqual(ids);
    });

    it('reads from the beginning of the log when after is omitted', async () => {
      await streamOf(2);
      const first = await store().readAll({ maxCount: 1 });
      expect(first.events).toHaveLength(1);
      expect(first.isEnd).toBe(false);
      const next = await store().readAll({ after: first.events[0].position, maxCount: 1 });
      expect(next.events[0]?.position).not.toBe(first.events[0].position);
    });

    it('reads nothing more and reports isEnd after the last event', async () => {
      const stream = uniqueStreamId();
      const { position } = await store().append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const page = await store().readAll({ after: position, maxCount: 50 });
      expect(page.events.filter((event) => event.streamId === stream)).toEqual([]);
      expect(page.isEnd).toBe(true);
    });
  });
}
