import { describe, expect, it } from '@jest/globals';
import { WrongExpectedRevisionError } from '../../event-store.errors.js';
import type { AppendResult, EventStore, RecordedEvent } from '../../event-store.port.js';
import {
  anEvent,
  expectRevisions,
  idsOf,
  markPosition,
  readAllOf,
  type StoreProvider,
  uniqueStreamId,
} from './contract-fixtures.js';

const STREAMS = 50;
const APPENDS_PER_STREAM = 4;

async function chain(store: EventStore, stream: string): Promise<{ ids: string[]; results: AppendResult[] }> {
  const ids: string[] = [];
  const results: AppendResult[] = [];
  for (let i = 0; i < APPENDS_PER_STREAM; i += 1) {
    const event = anEvent('ItemProgressReported', { stream, step: i });
    const expectedRevision = i === 0 ? 'no_stream' : results[i - 1].nextExpectedRevision;
    results.push(await store.append(stream, [event], { expectedRevision }));
    ids.push(event.eventId);
  }
  return { ids, results };
}

async function expectLaterEventsOnly(store: EventStore, log: readonly RecordedEvent[], index: number) {
  const streams = new Set(log.map((event) => event.streamId));
  const { events } = await store.readAll({ after: log[index].position, maxCount: log.length + 50 });
  const ours = events.filter((event) => streams.has(event.streamId));
  expect(idsOf(ours)).toEqual(idsOf(log.slice(index + 1, index + 1 + ours.length)));
  expect(ours.length).toBeGreaterThan(0);
}

export function describeConcurrencyContract(store: StoreProvider): void {
  describe('concurrent appends', () => {
    it("lets exactly one of 20 appends expecting the same revision win; the others see the winner's revision", async () => {
      const stream = uniqueStreamId();
      await store().append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const events = Array.from({ length: 20 }, () => anEvent());
      const settled = await Promise.allSettled(
        events.map((event) => store().append(stream, [event], { expectedRevision: 0 })),
      );
      const winners = settled.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [events[i].eventId] : []));
      const losers = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(19);
      for (const error of losers) {
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 1 });
      }
      const read = await store().readStream(stream);
      expect(read).toHaveLength(2);
      expect(read[1].eventId).toBe(winners[0]);
    });

    it('lets exactly one of 20 concurrent no_stream appends create the stream', async () => {
      const stream = uniqueStreamId();
      const settled = await Promise.allSettled(
        Array.from({ length: 20 }, () => store().append(stream, [anEvent()], { expectedRevision: 'no_stream' })),
      );
      expect(settled.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of settled.filter((o) => o.status === 'rejected')) {
        expect((outcome as PromiseRejectedResult).reason).toMatchObject({ actual: 0, expected: 'no_stream' });
      }
      expect(await store().readStream(stream)).toHaveLength(1);
    });

    it('keeps 200 appends to 50 streams, chained per stream, contiguous and in one consistent global order', async () => {
      const start = await markPosition(store());
      const streams = Array.from({ length: STREAMS }, () => uniqueStreamId());
      const chains = await Promise.all(streams.map((stream) => chain(store(), stream)));
      const log = await readAllOf(store(), start, new Set(streams));
      expect(log).toHaveLength(STREAMS * APPENDS_PER_STREAM);
      expect(new Set(log.map((event) => event.position)).size).toBe(log.length);
      for (const [s, stream] of streams.entries()) {
        const read = await store().readStream(stream);
        expectRevisions(read, 0, APPENDS_PER_STREAM);
        expect(idsOf(read)).toEqual(chains[s].ids);
        expect(read.map((event) => event.position)).toEqual(chains[s].results.map((result) => result.position));
        expect(idsOf(log.filter((event) => event.streamId === stream))).toEqual(chains[s].ids);
      }
      for (const index of [0, 37, 99, 150, log.length - 2]) await expectLaterEventsOnly(store(), log, index);
    });
  });
}
