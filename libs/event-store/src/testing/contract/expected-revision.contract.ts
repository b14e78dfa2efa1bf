import { describe, expect, it } from '@jest/globals';
import { EventStoreError, WrongExpectedRevisionError } from '../../event-store.errors.js';
import type { ExpectedRevision } from '../../event-store.port.js';
import { anEvent, rejectionOf, someEvents, type StoreProvider, uniqueStreamId } from './contract-fixtures.js';

export function describeExpectedRevisionContract(store: StoreProvider): void {
  async function streamAt(lastRevision: number): Promise<string> {
    const stream = uniqueStreamId();
    await store().append(stream, someEvents(lastRevision + 1), { expectedRevision: 'no_stream' });
    return stream;
  }

  async function expectAccepted(stream: string, expectedRevision: ExpectedRevision, nextRevision: number) {
    const result = await store().append(stream, [anEvent()], { expectedRevision });
    expect(result.nextExpectedRevision).toBe(nextRevision);
    expect(await store().readStream(stream)).toHaveLength(nextRevision + 1);
  }

  async function expectRejected(stream: string, expectedRevision: ExpectedRevision, actual: number | 'no_stream') {
    const lengthBefore = (await store().readStream(stream)).length;
    const error = await rejectionOf(store().append(stream, [anEvent()], { expectedRevision }));
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ streamId: stream, expected: expectedRevision, actual });
    expect((error as WrongExpectedRevisionError).code).toBe('STORE.WRONG_EXPECTED_REVISION');
    expect(await store().readStream(stream)).toHaveLength(lengthBefore);
  }

  describe('expected revision', () => {
    it('accepts no_stream on a stream that does not exist', async () => {
      await expectAccepted(uniqueStreamId(), 'no_stream', 0);
    });

    it('rejects a no_stream append on an existing stream, reporting the actual revision', async () => {
      await expectRejected(await streamAt(2), 'no_stream', 2);
    });

    it('accepts stream_exists on an existing stream', async () => {
      await expectAccepted(await streamAt(1), 'stream_exists', 2);
    });

    it('rejects stream_exists on a stream that does not exist, reporting no_stream', async () => {
      await expectRejected(uniqueStreamId(), 'stream_exists', 'no_stream');
    });

    it("accepts the exact revision of the stream's last event", async () => {
      await expectAccepted(await streamAt(3), 3, 4);
    });

    it('rejects a stale revision, reporting the actual revision', async () => {
      await expectRejected(await streamAt(3), 1, 3);
    });

    it('rejects a revision ahead of the stream, reporting the actual revision', async () => {
      await expectRejected(await streamAt(0), 5, 0);
    });

    it('rejects a numeric revision on a stream that does not exist, reporting no_stream', async () => {
      await expectRejected(uniqueStreamId(), 0, 'no_stream');
    });

    it('accepts any on a stream that does not exist and on an existing one', async () => {
      const stream = uniqueStreamId();
      await expectAccepted(stream, 'any', 0);
      await expectAccepted(stream, 'any', 1);
    });
  });
}
