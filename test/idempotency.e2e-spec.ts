import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ITEM_1, directiveSeed, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

const at = (vnLocal: string) => new Date(`${vnLocal}+07:00`).toISOString();
const REPORT = { asOf: '2021-05-01', metrics: { cards_issued: 5000 }, narrative: 'Tổ chức 8 điểm thu nhận hồ sơ' };
const LATER = { ...REPORT, asOf: '2021-05-02' };

describe('Requests repeated with the same Idempotency-Key', () => {
  let api: TestApi;
  let second: TestApi;
  const reports = async () => (await api.stream(`item-${ITEM_1}`)).filter((e) => e.type === 'ProgressReported');
  const report = (target: TestApi, key: string, body: object = REPORT, unitId = 'rach-gia') =>
    target.request('POST', `/items/${ITEM_1}/progress-reports`, { token: target.token('unit', unitId), body, headers: { 'idempotency-key': key } });

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    await registerCatalogueAndDirective(api);
    const assign = await api.request('POST', `/items/${ITEM_1}/assignments`, { token: api.token('secretariat'), body: { assignees: [{ groupId: 'district-party-committees', role: 'lead' }] } });
    expect(assign.status).toBe(201);
    api.clock.set(at('2021-05-02T08:00:00'));
    for (const id of ['rach-gia', 'kien-hai']) expect((await api.request('POST', `/items/${ITEM_1}/acknowledgements`, { token: api.token('unit', id), body: {} })).status).toBe(201);
    second = await startTestApi({ file: api.file, start: at('2021-05-02T08:00:00') });
  });
  afterAll(async () => {
    await second.close();
    await api.close();
  });

  it('stores the report once and answers the repeat with the same body, marked as replayed', async () => {
    const before = (await reports()).length;
    const first = await report(api, 'rg-2021-05-01');
    const again = await report(api, 'rg-2021-05-01');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await reports()).toHaveLength(before + 1);
  });

  it('stores once when ten copies arrive at the same time', async () => {
    const before = (await reports()).length;
    const copies = await Promise.all(Array.from({ length: 10 }, () => report(api, 'rg-burst', { ...REPORT, asOf: '2021-05-02', narrative: 'gửi lặp' })));
    expect(copies.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(copies.map((r) => JSON.stringify({ ...r.body, replayed: false })))).toEqual(new Set([JSON.stringify({ ...copies[0]!.body, replayed: false })]));
    expect(copies.filter((r) => !r.body.replayed)).toHaveLength(1);
    expect(await reports()).toHaveLength(before + 1);
  });

  it('stores once when the copies reach two API processes sharing the store', async () => {
    const before = (await reports()).length;
    const body = { ...REPORT, asOf: '2021-05-02', narrative: 'qua hai máy chủ' };
    const copies = await Promise.all([report(api, 'rg-two-servers', body), report(second, 'rg-two-servers', body), report(second, 'rg-two-servers', body)]);
    expect(copies.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(copies.map((r) => r.body.id)).size).toBe(1);
    expect(await reports()).toHaveLength(before + 1);
  });

  it('refuses the key reused for a different request with 422, writing nothing', async () => {
    expect((await report(api, 'rg-reused', LATER)).status).toBe(201);
    const before = await api.allEvents();
    const reused = await report(api, 'rg-reused', { ...LATER, metrics: { cards_issued: 6000 } });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({ code: 'REQUEST.IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    expect(await api.allEvents()).toHaveLength(before.length);
  });

  it('keeps the keys of different people apart', async () => {
    const before = (await reports()).length;
    expect((await report(api, 'shared-key', LATER, 'rach-gia')).body.replayed).toBe(false);
    expect((await report(api, 'shared-key', LATER, 'kien-hai')).body.replayed).toBe(false);
    expect(await reports()).toHaveLength(before + 2);
  });

  it('registers a directive once and issues its items once when the registration is repeated', async () => {
    const body = { ...directiveSeed.directive, id: 'thu-nghiem-2021', number: '999-CV/TU', items: (directiveSeed.directive.items as object[]).slice(0, 2) };
    const send = () => api.request('POST', '/directives', { token: api.token('secretariat'), body, headers: { 'idempotency-key': 'register-999' } });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    const registry = (await api.stream('registry-directives')).filter((e) => (e.data as { directiveId: string }).directiveId === 'thu-nghiem-2021');
    expect(registry).toHaveLength(1);
    for (const n of [1, 2]) expect(await api.stream(`item-thu-nghiem-2021.${n}`)).toHaveLength(1);
  });
});
