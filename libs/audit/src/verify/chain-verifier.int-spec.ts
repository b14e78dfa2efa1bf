import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { ConcurrencyConflictError, type ItemProcessor } from '#directives';
import { chainHash, type EventMetadata, type RecordedEvent } from '#event-store';
import { anEvent, openTempSqliteStore, type TempSqliteStore } from '#event-store/testing';
import { ManualClock } from '#platform';
import { ANCHOR_STREAM, CHAIN_ANCHORED } from './chain-anchors.js';
import { recordCampaign, reportAgain, ITEM_1, STREAM_1, STREAM_2 } from './chain-campaign.fixtures.js';
import { ChainBrokenError } from './chain-verification.js';
import { ChainVerifier } from './chain-verifier.js';

const CLERK = { actor: { subject: 'kiem-toan', role: 'admin' as const }, correlationId: 'anchor-1' };

describe('Verifying the hash chains of a SQLite event store written by the engine', () => {
  let temp: TempSqliteStore;
  let clock: ManualClock;
  let items: ItemProcessor;
  let verifier: ChainVerifier;

  /** Runs SQL on the store's file through a connection of its own, as someone with the file would. */
  const tamper = (sql: string, ...params: unknown[]): number => {
    const db = new Database(temp.filename);
    try {
      return db.prepare(sql).run(...params).changes;
    } finally {
      db.close();
    }
  };
  const eventAt = async (stream: string, revision: number): Promise<RecordedEvent> => (await temp.store.readStream(stream, { fromRevision: revision, maxCount: 1 }))[0]!;

  beforeEach(async () => {
    temp = await openTempSqliteStore();
    clock = new ManualClock('2021-04-14T02:00:00.000Z');
    items = await recordCampaign(temp.store, clock);
    verifier = new ChainVerifier(temp.store, clock, { contiguousPositions: true, pageSize: 5 });
  });
  afterEach(() => temp.teardown());

  it('finds every stream the engine wrote intact, each event carrying a hash chained on the one before it', async () => {
    const walked: number[] = [];
    const verification = await verifier.verify({ progress: ({ events }) => walked.push(events) });
    expect(verification).toEqual({ verifiedAt: clock.now().toISOString(), streams: 2, events: 16, ok: true, broken: [] });
    expect(walked).toEqual([5, 10, 15, 16]);
    const stream = await temp.store.readStream(STREAM_1);
    expect(stream.map((event) => event.metadata.hash)).toEqual(stream.map((event, i) => chainHash(i === 0 ? null : stream[i - 1]!.metadata.hash!, event)));
    expect(stream[7]!.metadata).toMatchObject({ idempotencyKey: 'key-0', requestHash: 'sha256:0', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('pinpoints an event whose figures were edited in the file and an event deleted from another stream', async () => {
    expect(tamper(`UPDATE events SET data = json_set(data, '$.metrics.cards_issued', 900000) WHERE stream_id = ? AND revision = 6`, STREAM_1)).toBe(1);
    const deleted = await eventAt(STREAM_2, 3);
    expect(tamper('DELETE FROM events WHERE stream_id = ? AND revision = 3', STREAM_2)).toBe(1);

    const verification = await verifier.verify();
    expect(verification).toMatchObject({ ok: false, streams: 2, events: 15 });
    expect(verification.broken).toEqual([
      { streamId: STREAM_1, revision: 6, kind: 'edited', detail: expect.stringContaining('does not match its content') },
      { streamId: STREAM_2, revision: 3, kind: 'missing', detail: expect.stringContaining('revision 3 is missing: the next event is revision 4') },
      { streamId: '$all', revision: -1, position: deleted.position, kind: 'missing', detail: `global position ${deleted.position} is missing: events were deleted from the log` },
    ]);
    expect((await verifier.verify({ stream: STREAM_1 })).broken).toEqual([verification.broken[0]]);
    expect((await new ChainVerifier(temp.store, clock).verify()).broken.map((b) => b.streamId)).toEqual([STREAM_1, STREAM_2]);
  });

  it('tells a moved event from an edited one: two events whose revisions were swapped in the file', async () => {
    const [third, fourth] = [await eventAt(STREAM_1, 3), await eventAt(STREAM_1, 4)];
    tamper('UPDATE events SET revision = 1000 WHERE stream_id = ? AND revision = 3', STREAM_1);
    tamper('UPDATE events SET revision = 3 WHERE stream_id = ? AND revision = 4', STREAM_1);
    tamper('UPDATE events SET revision = 4 WHERE stream_id = ? AND revision = 1000', STREAM_1);
    expect((await eventAt(STREAM_1, 3)).eventId).toBe(fourth.eventId);

    const expected = { streamId: STREAM_1, revision: 3, kind: 'reordered', detail: `the event recorded at revision 3 (${third.eventId}) now stands at revision 4` };
    expect((await verifier.verify()).broken).toEqual([expected]);
    expect((await verifier.verify({ stream: STREAM_1 })).broken).toEqual([expected]);
  });

  it('reports a stream whose events stand out of order in the global log, though its chain holds', async () => {
    const [third, fourth] = [await eventAt(STREAM_2, 3), await eventAt(STREAM_2, 4)];
    tamper('UPDATE events SET position = 1000 WHERE position = ?', third.position);
    tamper('UPDATE events SET position = ? WHERE position = ?', third.position, fourth.position);
    tamper('UPDATE events SET position = ? WHERE position = 1000', fourth.position);

    const verification = await new ChainVerifier(temp.store, clock).verify();
    expect(verification.broken).toEqual([{ streamId: STREAM_2, revision: 3, kind: 'reordered', detail: 'revision 4 comes before revision 3 in the global log' }]);
    expect((await verifier.verify({ stream: STREAM_2 })).ok).toBe(true);
  });

  it('reports an event that carries no hash as unchained', async () => {
    const stripped = await eventAt(STREAM_2, 5);
    tamper(`UPDATE events SET metadata = json_remove(metadata, '$.hash') WHERE event_id = ?`, stripped.eventId);
    expect((await verifier.verify()).broken).toEqual([{ streamId: STREAM_2, revision: 5, kind: 'unchained', detail: `event ${stripped.eventId} (ProgressReported) carries no hash` }]);
  });

  describe('with an anchor of the verified heads', () => {
    beforeEach(async () => {
      clock.set('2021-05-03T01:00:00.000Z');
      const { anchor } = await verifier.anchor(CLERK);
      expect(anchor).toMatchObject({ streamId: ANCHOR_STREAM, revision: 0, streams: 2, verifiedAt: '2021-05-03T01:00:00.000Z' });
      clock.set('2021-05-04T01:00:00.000Z');
      await reportAgain(items, ITEM_1, 4);
    });

    it('records the heads as a chained ChainAnchored event, and the store still verifies', async () => {
      const [anchored] = await temp.store.readStream(ANCHOR_STREAM);
      const head = await eventAt(STREAM_1, 7);
      expect(anchored).toMatchObject({ type: CHAIN_ANCHORED, metadata: { actor: CLERK.actor, correlationId: 'anchor-1' } });
      expect(anchored!.data).toEqual({ heads: { [STREAM_1]: { revision: 7, hash: head.metadata.hash }, [STREAM_2]: expect.any(Object) }, verifiedAt: '2021-05-03T01:00:00.000Z' });
      expect(anchored!.metadata.hash).toBe(chainHash(null, anchored!));
      expect(await verifier.verify()).toMatchObject({ ok: true, streams: 3, events: 18, anchoredAt: '2021-05-03T01:00:00.000Z' });
      const { anchor } = await verifier.anchor(CLERK);
      expect(anchor).toMatchObject({ revision: 1, streams: 3 });
    });

    it('reports a stream cut below its anchored head as truncated, which its chain alone cannot show', async () => {
      tamper('DELETE FROM events WHERE stream_id = ? AND revision >= 6', STREAM_2);
      expect((await new ChainVerifier(temp.store, clock).verify()).broken).toEqual([
        { streamId: STREAM_2, revision: 6, kind: 'truncated', detail: 'the stream ends at revision 5, but revision 7 was anchored' },
      ]);
      expect((await verifier.verify({ stream: STREAM_2 })).broken).toEqual([expect.objectContaining({ kind: 'truncated', revision: 6 })]);
    });

    it('reports an anchored stream deleted altogether as truncated from revision 0', async () => {
      tamper('DELETE FROM events WHERE stream_id = ?', STREAM_1);
      const verification = await new ChainVerifier(temp.store, clock).verify();
      expect(verification).toMatchObject({ streams: 3, ok: false });
      expect(verification.broken).toEqual([{ streamId: STREAM_1, revision: 0, kind: 'truncated', detail: 'the stream is gone, but revision 7 was anchored' }]);
    });

    it('reports a stream rewritten with every hash recomputed as edited against the anchor', async () => {
      const stream = await temp.store.readStream(STREAM_2);
      let previous: string | null = null;
      for (const event of stream) {
        const data = event.revision === 5 ? { ...(event.data as object), metrics: { cards_issued: 9_000 } } : event.data;
        const { hash: _old, ...envelope } = event.metadata;
        const hash: string = chainHash(previous, { ...event, data, metadata: envelope as EventMetadata });
        tamper('UPDATE events SET data = ?, metadata = ? WHERE event_id = ?', JSON.stringify(data), JSON.stringify({ ...envelope, hash }), event.eventId);
        previous = hash;
      }
      expect((await verifier.verify()).broken).toEqual([
        { streamId: STREAM_2, revision: 7, kind: 'edited', detail: 'the chain up to revision 7 differs from the anchored one (the stream was rewritten)' },
      ]);
    });

    it('refuses to anchor a store that does not verify, recording nothing', async () => {
      tamper(`UPDATE events SET type = 'ItemClosed' WHERE stream_id = ? AND revision = 1`, STREAM_1);
      const refusal = await verifier.anchor(CLERK).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ChainBrokenError);
      expect(refusal).toMatchObject({ code: 'AUDIT.CHAIN_BROKEN', details: { broken: [expect.objectContaining({ streamId: STREAM_1, revision: 1, kind: 'edited' })] } });
      expect(await temp.store.readStream(ANCHOR_STREAM)).toHaveLength(1);
    });
  });

  it('verifies a stream that does not exist as no stream at all', async () => {
    expect(await verifier.verify({ stream: 'item-126-cv-tu-2021.9' })).toEqual({ verifiedAt: clock.now().toISOString(), streams: 0, events: 0, ok: true, broken: [] });
  });

  it('reports an event appended around the engine (without a hash) as unchained', async () => {
    await temp.store.append(STREAM_1, [anEvent('ProgressReported')], { expectedRevision: 7 });
    expect((await verifier.verify()).broken).toEqual([expect.objectContaining({ streamId: STREAM_1, revision: 8, kind: 'unchained' })]);
  });

  it('records one of two anchors racing, refusing the other as a concurrency conflict', async () => {
    const racing = await Promise.allSettled([verifier.anchor(CLERK), verifier.anchor(CLERK)]);
    expect(racing.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(racing.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(ConcurrencyConflictError) });
    expect(await temp.store.readStream(ANCHOR_STREAM)).toHaveLength(1);
  });
});
