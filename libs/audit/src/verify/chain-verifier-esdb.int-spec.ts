import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EsdbEventStore } from '#event-store';
import { EsdbTestPeer } from '#event-store/testing';
import { ManualClock } from '#platform';
import { ANCHOR_STREAM } from './chain-anchors.js';
import { recordCampaign, reportAgain, ITEM_2, STREAM_1 } from './chain-campaign.fixtures.js';
import { ChainVerifier } from './chain-verifier.js';

/**
 * The same chains through the EventStoreDB adapter and the real client, against the test peer:
 * the envelope (hash included) goes into EventStoreDB's metadata and comes back unchanged.
 */
describe('Verifying the hash chains of an EventStoreDB store written by the engine (test peer)', () => {
  let peer: EsdbTestPeer;
  let store: EsdbEventStore;
  const clock = new ManualClock('2021-04-14T02:00:00.000Z');

  beforeAll(async () => {
    peer = await EsdbTestPeer.start();
    store = await EsdbEventStore.open({ connectionString: peer.connectionString });
    const items = await recordCampaign(store, clock);
    clock.set('2021-05-03T01:00:00.000Z');
    await new ChainVerifier(store, clock).anchor({ actor: { subject: 'kiem-toan', role: 'admin' }, correlationId: 'anchor-esdb' });
    await reportAgain(items, ITEM_2, 4);
  });
  afterAll(async () => {
    await store?.close();
    await peer?.stop();
  });

  it('finds every stream intact, the anchor included, skipping the server’s own system events', async () => {
    const verification = await new ChainVerifier(store, clock, { pageSize: 4 }).verify();
    expect(verification).toEqual({ verifiedAt: clock.now().toISOString(), streams: 3, events: 18, ok: true, broken: [], anchoredAt: '2021-05-03T01:00:00.000Z' });
  });

  it('verifies one stream on its own, against the anchored head', async () => {
    expect(await new ChainVerifier(store, clock).verify({ stream: STREAM_1 })).toMatchObject({ ok: true, streams: 1, events: 8 });
    expect((await store.readStream(ANCHOR_STREAM))[0]!.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
