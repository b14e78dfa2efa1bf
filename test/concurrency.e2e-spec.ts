import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DISTRICTS, ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

const at = (vnLocal: string) => new Date(`${vnLocal}+07:00`).toISOString();

describe('Concurrent writers on one item', () => {
  let api: TestApi;
  let second: TestApi;
  const unit = (id: string) => api.token('unit', id);
  const reportsIn = async (streamId: string) => (await api.stream(streamId)).filter((e) => e.type === 'ProgressReported');

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    await registerCatalogueAndDirective(api);
    const secretariat = api.token('secretariat');
    for (const n of [1, 4]) {
      const res = await api.request('POST', `/items/126-cv-tu-2021.${n}/assignments`, { token: secretariat, body: { assignees: [{ groupId: 'district-party-committees', role: 'lead' }] } });
      expect(res.status).toBe(201);
    }
    api.clock.set(at('2021-05-02T08:00:00'));
    for (const id of DISTRICTS) {
      for (const n of [1, 4]) expect((await api.request('POST', `/items/126-cv-tu-2021.${n}/acknowledgements`, { token: unit(id), body: {} })).status).toBe(201);
    }
    second = await startTestApi({ file: api.file, start: at('2021-05-02T08:00:00') });
  });
  afterAll(async () => {
    await second.close();
    await api.close();
  });

  it('stores all of 50 reports sent at once on one item, each once, in contiguous revisions', async () => {
    const before = (await api.stream(`item-${ITEM_1}`)).length;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, k) => {
        const id = DISTRICTS[k % DISTRICTS.length]!;
        const body = { asOf: '2021-05-01', metrics: { cards_issued: 1000 + DISTRICTS.indexOf(id) }, narrative: `Báo cáo đồng thời #${k}` };
        return api.request('POST', `/items/${ITEM_1}/progress-reports`, { token: unit(id), body });
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const stream = await api.stream(`item-${ITEM_1}`);
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
    const reports = stream.slice(before);
    expect(reports).toHaveLength(50);
    expect(new Set(reports.map((e) => (e.data as { reportId: string }).reportId))).toEqual(new Set(responses.map((r) => r.body.id)));
    expect(new Set(reports.map((e) => (e.data as { narrative: string }).narrative)).size).toBe(50);
    expect(new Set(responses.map((r) => r.body.revision)).size).toBe(50);
  });

  it('loses no write when two API processes race on the same item and the same file', async () => {
    const before = (await reportsIn(`item-126-cv-tu-2021.4`)).length;
    const send = (target: TestApi, k: number) => {
      const id = DISTRICTS[k % DISTRICTS.length]!;
      const body = { asOf: '2021-05-01', narrative: `${target === api ? 'A' : 'B'}-${k}` };
      return target.request('POST', '/items/126-cv-tu-2021.4/progress-reports', { token: target.token('unit', id), body });
    };
    const responses = await Promise.all(Array.from({ length: 40 }, (_, k) => [send(api, k), send(second, k)]).flat());
    expect(responses.map((r) => r.status)).toEqual(Array(80).fill(201));
    const narratives = (await reportsIn(`item-126-cv-tu-2021.4`)).slice(before).map((e) => (e.data as { narrative: string }).narrative);
    expect(narratives).toHaveLength(80);
    expect(new Set(narratives).size).toBe(80);
    const stream = await api.stream('item-126-cv-tu-2021.4');
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
  });

  it('lets exactly one of two racing acknowledgements through, answering the other with the rule it breaks', async () => {
    const secretariat = api.token('secretariat');
    expect((await api.request('POST', '/items/126-cv-tu-2021.3/assignments', { token: secretariat, body: { assignees: [{ unitId: 'dang-uy-cong-an-tinh', role: 'lead' }] } })).status).toBe(201);
    const ack = (target: TestApi) => target.request('POST', '/items/126-cv-tu-2021.3/acknowledgements', { token: target.token('unit', 'dang-uy-cong-an-tinh'), body: {} });
    const results = await Promise.all([ack(api), ack(second), ack(api), ack(second)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'ASSIGNMENT.ALREADY_ACKNOWLEDGED')).toBe(true);
    const acks = (await api.stream('item-126-cv-tu-2021.3')).filter((e) => e.type === 'AssignmentAcknowledged');
    expect(acks).toHaveLength(1);
  });
});
