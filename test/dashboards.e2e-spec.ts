import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DISTRICTS, ITEM_1, DIRECTIVE_ID, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';
import { assignItem1ToDistricts, at, reportMay } from './support/campaign.js';
import { eventually } from './support/eventually.js';



/** Illustrative per-district figures (the directive does not split its target). */
const figure = (i: number, day: number) => 100 * (i + 1) * day;

describe('The monitors’ dashboards, built by the worker from the event log', () => {
  let api: TestApi;
  const monitor = () => api.token('monitor');
  const get = (path: string, token = monitor()) => api.request('GET', path, { token });

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00'), worker: true });
    await registerCatalogueAndDirective(api);
    await assignItem1ToDistricts(api);
    await reportMay(api, figure);
  });
  afterAll(() => api.close());

  it('shows the directive overview: item 1 in progress on time, its target progress and its units', async () => {
    const expected = DISTRICTS.reduce((sum, id, i) => sum + figure(i, id === 'kien-hai' ? 1 : 15), 0);
    const res = await eventually('overview with the 15 May reports', () => get(`/dashboard/directives/${DIRECTIVE_ID}`), (r) => JSON.stringify(r.body).includes(String(expected)));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('in_progress_on_time');
    expect(JSON.stringify(res.body)).toContain('dang-uy-cong-an-tinh');
  });

  it('forecasts the 126-CV/TU target from the reported series: required vs actual rate, projected date, at risk', async () => {
    // Totals (illustrative): 85,500 on 8 May and 159,000 on 15 May (Kiên Hải silent since 1 May) → run-rate
    // 73,500 / 7 = 10,500/day, while 1,012,200 remain for 46 days → 22,004.3/day required: at risk.
    const total = (day: number) => DISTRICTS.reduce((sum, id, i) => sum + figure(i, id === 'kien-hai' ? 1 : day), 0);
    const res = await eventually('target progress on 15 May', () => get(`/dashboard/targets/${ITEM_1}`), (r) => r.status === 200 && r.body.metrics?.[0]?.latest === total(15));
    expect(res.body).toMatchObject({ itemId: ITEM_1, atRisk: true });
    expect(res.body.metrics[0]).toMatchObject({ target: 1_171_200, remaining: 1_171_200 - total(15), daysLeft: 46, atRisk: true });
    expect(res.body.metrics[0].runRate).toBeCloseTo((total(15) - total(8)) / 7, 1);
    expect(res.body.metrics[0].requiredDailyRate).toBeCloseTo((1_171_200 - total(15)) / 46, 1);
    const overview = await get(`/dashboard/directives/${DIRECTIVE_ID}`);
    expect(JSON.stringify(overview.body)).toMatch(/"atRisk":true/);
  });

  it('ranks units, Kiên Giang’s silent island district showing the most days since its last report', async () => {
    const res = await eventually('scoreboard', () => get('/dashboard/units'), (r) => r.status === 200 && JSON.stringify(r.body).includes('kien-hai'));
    const one = await get('/dashboard/units/kien-hai');
    expect(one.status).toBe(200);
    expect(JSON.stringify(one.body)).toContain('2021-05-01');
    expect(JSON.stringify(res.body)).toContain('rach-gia');
  });

  it('keeps a unit’s inbox to that unit and the monitors', async () => {
    const mine = await eventually('inbox', () => get('/units/rach-gia/inbox', api.token('unit', 'rach-gia')), (r) => r.status === 200 && JSON.stringify(r.body).includes('UnitAssigned'));
    expect(mine.body).toMatchObject({ unitId: 'rach-gia' });
    expect((await get('/units/rach-gia/inbox')).status).toBe(200);
    const other = await get('/units/rach-gia/inbox', api.token('unit', 'kien-hai'));
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('INBOX.NOT_YOURS');
  });

  it('lets monitors and the secretariat see escalations, and not units', async () => {
    expect((await eventually('escalations', () => get('/dashboard/escalations'), (r) => r.status === 200)).body).toMatchObject({ open: 0 });
    expect((await get('/dashboard/escalations', api.token('unit', 'rach-gia'))).status).toBe(403);
  });

  it('reports every read model caught up, and rebuilds one on an admin’s request without the dashboards going dark', async () => {
    const admin = api.token('admin');
    const caughtUp = await eventually('caught up', () => get('/admin/projections', admin), (r) => r.status === 200 && r.body.projections.every((p: { state: string; eventsBehind: number }) => p.state === 'ready' && p.eventsBehind === 0));
    const before = caughtUp.body.projections.find((p: { projection: string }) => p.projection === 'target-progress');
    const queued = await api.request('POST', '/admin/projections/target-progress/rebuild', { token: admin });
    expect(queued.status).toBe(202);
    expect((await api.request('POST', '/admin/projections/target-progress/rebuild', { token: monitor() })).status).toBe(403);
    expect((await api.request('POST', '/admin/projections/nothing/rebuild', { token: admin })).body.code).toBe('READ_MODEL.UNKNOWN');
    for (let i = 0; i < 5; i++) expect((await get(`/dashboard/targets/${ITEM_1}`)).status).toBe(200);
    const after = await eventually('new generation', () => get('/admin/projections', admin), (r) => r.body.projections.find((p: { projection: string }) => p.projection === 'target-progress').generation !== before.generation);
    expect(after.body.projections.find((p: { projection: string }) => p.projection === 'target-progress')).toMatchObject({ state: 'ready', applied: before.applied });
  });

  it('answers 503 while a read model was never built', async () => {
    const bare = await startTestApi();
    try {
      const res = await bare.request('GET', '/dashboard/units', { token: bare.token('monitor') });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('READ_MODEL.NOT_READY');
    } finally {
      await bare.close();
    }
  });
});
