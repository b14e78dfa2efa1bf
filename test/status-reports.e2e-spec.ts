import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { assignItem1, at, item1, ok, post } from './support/campaign.js';
import { DIRECTIVE_ID, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

/**
 * The reports for the Standing Committee through the real app: an issue reproduced from the log
 * as of its date whatever happens later, the report of now, the CSV history, and who may read them.
 */
describe('Status reports for the Standing Committee', () => {
  let api: TestApi;
  const monitor = () => api.token('monitor');
  const report = (cards: number, asOf: string) => post(api, item1('/progress-reports'), api.token('unit', 'rach-gia'), { asOf, metrics: { cards_issued: cards }, narrative: `Báo cáo ${asOf}` });

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    await registerCatalogueAndDirective(api);
    await assignItem1(api);
    api.clock.set(at('2021-04-16T08:00:00'));
    ok(await post(api, item1('/acknowledgements'), api.token('unit', 'rach-gia'), {}), 'acknowledge');
    api.clock.set(at('2021-05-14T10:00:00'));
    ok(await report(123_456, '2021-05-14'), 'report of 14 May');
  });
  afterAll(() => api.close());

  it('issues a report on request, lists it, and reproduces it from the log as of its date after later facts', async () => {
    api.clock.set(at('2021-05-14T16:00:00'));
    const issued = ok(await post(api, `/reports/directives/${DIRECTIVE_ID}/issues`, monitor()), 'issue');
    expect(issued.body).toMatchObject({ directiveId: DIRECTIVE_ID, issue: 1, asOf: at('2021-05-14T16:00:00'), report: `/reports/directives/${DIRECTIVE_ID}/issues/1` });
    const first = await api.request('GET', `/reports/directives/${DIRECTIVE_ID}/issues/1`, { token: monitor() });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    expect((first.body as string)).toContain('— số 1');
    expect((first.body as string)).toContain('Tình hình đến 16 giờ 00 ngày 14/5/2021');
    expect((first.body as string)).toContain('123.456/1.171.200');

    api.clock.set(at('2021-05-21T10:00:00'));
    ok(await report(234_567, '2021-05-21'), 'report of 21 May');
    const again = await api.request('GET', `/reports/directives/${DIRECTIVE_ID}/issues/1`, { token: monitor() });
    expect((again.body as string)).toBe((first.body as string));
    const now = await api.request('GET', `/reports/directives/${DIRECTIVE_ID}`, { token: monitor() });
    expect((now.body as string)).toContain('234.567/1.171.200');
    expect((await api.request('GET', `/reports/directives/${DIRECTIVE_ID}/issues`, { token: monitor() })).body).toMatchObject({ issues: [{ issue: 1, asOf: at('2021-05-14T16:00:00') }] });
  });

  it('exports the directive’s history as CSV, one row per recorded fact', async () => {
    const res = await api.request('GET', `/reports/directives/${DIRECTIVE_ID}/history.csv`, { token: api.token('secretariat') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`${DIRECTIVE_ID}-history.csv`);
    const rows = (res.body as string).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^recorded_at_utc,recorded_at_vn,stream,revision,event_type/);
    expect(rows.some((r) => r.includes(',ProgressReported,') && r.includes('234567'))).toBe(true);
    expect(rows.some((r) => r.includes(',StatusReportIssued,'))).toBe(true);
  });

  it('is for monitors, the secretariat and admins: a unit is refused, an unknown directive or issue is 404', async () => {
    expect((await api.request('GET', `/reports/directives/${DIRECTIVE_ID}`, { token: api.token('unit', 'rach-gia') })).status).toBe(403);
    expect((await api.request('GET', '/reports/directives/khong-co', { token: monitor() })).status).toBe(404);
    const missing = await api.request('GET', `/reports/directives/${DIRECTIVE_ID}/issues/9`, { token: monitor() });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'REPORT.NOT_FOUND' });
  });
});
