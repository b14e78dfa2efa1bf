import { describe, expect, it } from '@jest/globals';
import { WrongExpectedRevisionError } from '../../event-store.errors.js';
import type { EventToAppend } from '../../event-store.port.js';
import {
  anEvent,
  expectRevisions,
  fullMetadata,
  idsOf,
  rejectionOf,
  someEvents,
  type StoreProvider,
  uniqueStreamId,
} from './contract-fixtures.js';

const directiveIssued: Omit<EventToAppend, 'eventId'> = {
  type: 'DirectiveIssued',
  data: {
    title: 'Chỉ thị số 15: Đẩy mạnh chuyển đổi số trong cải cách hành chính',
    summary: 'Ưu tiên Hà Nội, Đà Nẵng, Thành phố Hồ Chí Minh; báo cáo trước ngày 30/6',
    deadline: { date: '2025-06-30', reminders: [7, 3, 1], escalation: { afterDays: 2, to: ['tỉnh-uỷ'] } },
    budget: 1_250_000_000,
    ratio: 0.375,
    delta: -12,
    maxSafe: Number.MAX_SAFE_INTEGER,
    urgent: true,
    note: null,
  },
  metadata: fullMetadata({
    actor: { subject: 'u-7781', role: 'secretariat', unitId: 'van-phong', name: 'Trần Văn Đức' },
  }),
};

export function describeAppendContract(store: StoreProvider): void {
  describe('append', () => {
    it('starts a new stream at revision 0 and reports the position of the event', async () => {
      const stream = uniqueStreamId();
      const result = await store().append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const [read] = await store().readStream(stream);
      expect(result).toEqual({ nextExpectedRevision: 0, position: read.position, deduplicated: false });
      expect(read.revision).toBe(0);
      expect(read.streamId).toBe(stream);
    });

    it('round-trips data and the full metadata envelope: Vietnamese text, nested objects and numbers', async () => {
      const stream = uniqueStreamId();
      const event = { ...directiveIssued, eventId: anEvent().eventId };
      await store().append(stream, [event], { expectedRevision: 'no_stream' });
      const [read] = await store().readStream(stream);
      expect(read).toMatchObject({ eventId: event.eventId, type: 'DirectiveIssued', streamId: stream });
      expect(read.data).toEqual(event.data);
      expect(read.metadata).toEqual(event.metadata);
    });

    it('numbers revisions contiguously across successive appends', async () => {
      const stream = uniqueStreamId();
      const first = await store().append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const second = await store().append(stream, someEvents(2), { expectedRevision: first.nextExpectedRevision });
      const third = await store().append(stream, [anEvent()], { expectedRevision: second.nextExpectedRevision });
      expect([first, second, third].map((result) => result.nextExpectedRevision)).toEqual([0, 2, 3]);
      expectRevisions(await store().readStream(stream), 0, 4);
    });

    it('writes a multi-event append contiguously and reports the revision and position of its last event', async () => {
      const stream = uniqueStreamId();
      const events = someEvents(5);
      const result = await store().append(stream, events, { expectedRevision: 'no_stream' });
      const read = await store().readStream(stream);
      expect(idsOf(read)).toEqual(idsOf(events));
      expectRevisions(read, 0, 5);
      expect(read.map((event) => event.data)).toEqual(events.map((event) => event.data));
      expect(result).toEqual({ nextExpectedRevision: 4, position: read[4].position, deduplicated: false });
      expect(new Set(read.map((event) => event.position)).size).toBe(5);
    });

    it('writes none of a multi-event append whose expected revision fails', async () => {
      const stream = uniqueStreamId();
      await store().append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const error = await rejectionOf(store().append(stream, someEvents(3), { expectedRevision: 'no_stream' }));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store().readStream(stream)).toHaveLength(1);
    });
  });
}
