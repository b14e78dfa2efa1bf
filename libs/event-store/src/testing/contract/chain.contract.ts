import { describe, expect, it } from '@jest/globals';
import { chainHash } from '../../chain/chain-hash.js';
import type { EventToAppend, RecordedEvent } from '../../event-store.port.js';
import { anEvent, fullMetadata, markPosition, readAllOf, type StoreProvider, uniqueStreamId } from './contract-fixtures.js';

/** Events chained as the engine chains them, on a stream that starts at revision 0. */
function chained(streamId: string, count: number): EventToAppend[] {
  const events: EventToAppend[] = [];
  let previous: string | null = null;
  for (let revision = 0; revision < count; revision += 1) {
    const { eventId } = anEvent();
    const data = { unitId: 'rach-gia', metrics: { cards_issued: 1_000 * (revision + 1), ratio: 0.375 }, narrative: 'Đã cấp thẻ căn cước', note: null };
    const metadata = fullMetadata({ actor: { subject: 'rach-gia.van-thu', role: 'unit', unitId: 'rach-gia', name: 'Văn thư Huyện ủy' } });
    const hash: string = chainHash(previous, { streamId, revision, eventId, type: 'ProgressReported', data, metadata });
    events.push({ eventId, type: 'ProgressReported', data, metadata: { ...metadata, hash } });
    previous = hash;
  }
  return events;
}

/** Recomputes each event's hash from what the store gave back. */
function recomputed(events: readonly RecordedEvent[]): string[] {
  let previous: string | null = null;
  return events.map((event) => (previous = chainHash(previous, event)));
}

export function describeChainContract(store: StoreProvider): void {
  describe('the chain hash in the envelope', () => {
    it('returns the metadata, hash included, exactly as appended from stream reads', async () => {
      const stream = uniqueStreamId();
      const events = chained(stream, 3);
      await store().append(stream, events, { expectedRevision: 'no_stream' });
      const read = await store().readStream(stream);
      expect(read.map((event) => event.metadata)).toEqual(events.map((event) => event.metadata));
    });

    it('gives back data and envelopes from which the same chain is recomputed, on stream and $all reads', async () => {
      const start = await markPosition(store());
      const stream = uniqueStreamId();
      const events = chained(stream, 4);
      await store().append(stream, events.slice(0, 1), { expectedRevision: 'no_stream' });
      await store().append(stream, events.slice(1), { expectedRevision: 0 });
      const stored = events.map((event) => event.metadata.hash);
      expect(recomputed(await store().readStream(stream))).toEqual(stored);
      const all = await readAllOf(store(), start, new Set([stream]));
      expect(all.map((event) => event.metadata.hash)).toEqual(stored);
      expect(recomputed(all)).toEqual(stored);
    });
  });
}
