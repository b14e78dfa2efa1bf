import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { actorsOf, assignItem1, at, item1, ok, post, type Actors } from './support/campaign.js';
import { expectRefused } from './support/refusals.js';
import { ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

const ITEM_STREAM = `item-${ITEM_1}`;

describe('Verifying the history over HTTP (GET /audit/verify, POST /audit/anchors)', () => {
  let api: TestApi;
  let actors: Actors;
  const verify = (token: string, query = '') => api.request('GET', `/audit/verify${query}`, { token });

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    actors = actorsOf(api);
    await registerCatalogueAndDirective(api);
    await assignItem1(api);
    api.clock.set(at('2021-05-15T17:00:00'));
    ok(await post(api, item1('/acknowledgements'), actors.unit('rach-gia')), 'acknowledgement');
    ok(await post(api, item1('/progress-reports'), actors.unit('rach-gia'), { asOf: '2021-05-15', metrics: { cards_issued: 41_250 }, narrative: 'Cấp lưu động' }), 'report');
  });
  afterAll(() => api?.close());

  it('answers ok for a store written through the API, counting every stream and event', async () => {
    const all = await api.allEvents();
    const res = await verify(actors.monitor());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ verifiedAt: api.clock.now().toISOString(), streams: new Set(all.map((e) => e.streamId)).size, events: all.length, ok: true, broken: [] });
    expect(all.every((e) => /^[0-9a-f]{64}$/.test(e.metadata.hash ?? ''))).toBe(true);
  });

  it('verifies one stream on its own with ?stream=', async () => {
    const res = await verify(actors.secretariat(), `?stream=${ITEM_STREAM}`);
    expect(res.body).toMatchObject({ streams: 1, events: (await api.stream(ITEM_STREAM)).length, ok: true, broken: [] });
  });

  it.each(['monitor', 'secretariat', 'admin'] as const)('lets the %s verify', async (role) => {
    expect((await verify(actors[role]())).status).toBe(200);
  });

  it('refuses a unit (403) and a request without a token (401)', async () => {
    expect((await verify(actors.unit('rach-gia'))).body).toMatchObject({ statusCode: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    expect((await api.request('GET', '/audit/verify')).status).toBe(401);
  });

  it.each([
    ['with a space', '?stream=Item%20126'],
    ['that is a path', '?stream=..%2Fevents'],
    ['without an id', '?stream=item-'],
    ['that is empty', '?stream='],
    ['of 205 characters', `?stream=item-${'x'.repeat(200)}`],
  ])('answers 400 naming the field for a stream name %s', async (_what, query) => {
    const res = await verify(actors.monitor(), query);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'REQUEST.VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'stream' })] });
  });

  it('answers 400 for an unknown query parameter', async () => {
    expect((await verify(actors.monitor(), '?streams=all')).body).toMatchObject({ statusCode: 400, errors: [expect.objectContaining({ field: 'streams' })] });
  });

  describe('anchors', () => {
    it.each(['secretariat', 'unit'] as const)('refuses the %s, recording nothing', async (role) => {
      const token = role === 'unit' ? actors.unit('rach-gia') : actors[role]();
      await expectRefused(api, () => post(api, '/audit/anchors', token), { status: 403, code: 'AUTH.ROLE_NOT_ALLOWED' });
    });

    it('records the heads a monitor verified as ChainAnchored in audit-anchors (201), which later verifications name', async () => {
      api.clock.set(at('2021-05-16T08:00:00'));
      const res = await post(api, '/audit/anchors', actors.monitor());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ anchor: { streamId: 'audit-anchors', revision: 0, verifiedAt: '2021-05-16T01:00:00.000Z' }, verification: { ok: true } });
      const [anchored] = await api.stream('audit-anchors');
      expect(anchored).toMatchObject({ type: 'ChainAnchored', metadata: { actor: { role: 'monitor', subject: 'monitor:e2e' }, hash: res.body.anchor.hash } });
      expect((anchored!.data as { heads: Record<string, unknown> }).heads[ITEM_STREAM]).toEqual({ revision: expect.any(Number), hash: expect.any(String) });
      expect((await verify(actors.admin())).body).toMatchObject({ ok: true, anchoredAt: '2021-05-16T01:00:00.000Z' });
    });
  });

  describe('after an event was edited in the store file', () => {
    let revision: number;

    beforeAll(async () => {
      const report = (await api.stream(ITEM_STREAM)).find((e) => e.type === 'ProgressReported')!;
      revision = report.revision;
      const db = new Database(api.file);
      try {
        db.prepare(`UPDATE events SET data = json_set(data, '$.metrics.cards_issued', 141250) WHERE event_id = ?`).run(report.eventId);
      } finally {
        db.close();
      }
    });

    it('answers ok: false, naming the stream, the revision and the kind', async () => {
      const res = await verify(actors.monitor());
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: false, broken: [{ streamId: ITEM_STREAM, revision, kind: 'edited', detail: expect.stringContaining('ProgressReported') }] });
    });

    it('refuses to anchor it (409 AUDIT.CHAIN_BROKEN), recording nothing', async () => {
      const res = await expectRefused(api, () => post(api, '/audit/anchors', actors.admin()), { status: 409, code: 'AUDIT.CHAIN_BROKEN' });
      expect(res.body.details.broken).toEqual([expect.objectContaining({ streamId: ITEM_STREAM, revision, kind: 'edited' })]);
    });
  });
});
