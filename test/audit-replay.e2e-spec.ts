import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { at, item1 } from './support/campaign.js';
import { DIRECTIVE_ID, DISTRICTS, ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type ApiResponse, type TestApi } from './support/test-app.js';
import { eventually } from './support/eventually.js';


/** Illustrative per-district figures (the directive does not split its target). */
const figure = (i: number, day: number) => 100 * (i + 1) * day;
const RG = DISTRICTS.indexOf('rach-gia');
const MAY_15 = at('2021-05-15T18:00:00');
const JUNE_10 = at('2021-06-10T09:00:00');
const CORRECTED = figure(RG, 15) - 500;
const LATE = 3_300;

describe('Audit: items and dashboards replayed as they were on any date', () => {
  let api: TestApi;
  const then: Record<string, ApiResponse> = {};
  const monitor = () => api.token('monitor');
  const get = (path: string, token = monitor()) => api.request('GET', path, { token });
  const post = async (path: string, token: string, body: unknown) => {
    const res = await api.request('POST', path, { token, body });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const report = (unitId: string, asOf: string, cards: number) => post(item1('/progress-reports'), api.token('unit', unitId), { asOf, metrics: { cards_issued: cards }, narrative: `Báo cáo ${asOf}` });
  const caughtUp = () => eventually('read models caught up', () => get('/admin/projections', api.token('admin')), (r) => r.status === 200 && r.body.projections.every((p: { state: string; eventsBehind: number }) => p.state === 'ready' && p.eventsBehind === 0));

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00'), worker: true, env: { WORKER_QUEUES: 'read-models' } });
    await registerCatalogueAndDirective(api);
    api.clock.set(at('2021-04-15T08:30:00'));
    await post(item1('/assignments'), api.token('secretariat'), { assignees: [{ groupId: 'district-party-committees', role: 'lead' }, { unitId: 'dang-uy-cong-an-tinh', role: 'cooperating' }] });
    api.clock.set(at('2021-04-16T08:00:00'));
    for (const id of DISTRICTS) await post(item1('/acknowledgements'), api.token('unit', id), {});
    let rachGia15 = '';
    for (const day of [1, 8, 15]) {
      const asOf = `2021-05-${String(day).padStart(2, '0')}`;
      api.clock.set(at(`${asOf}T17:00:00`));
      for (const [i, id] of DISTRICTS.entries()) {
        if (id === 'kien-hai' && day > 1) continue;
        const res = await report(id, asOf, figure(i, day));
        if (id === 'rach-gia' && day === 15) rachGia15 = res.body.id;
      }
      if (day === 8) await post(item1('/blockers'), api.token('unit', 'kien-hai'), { description: 'Thiếu máy thu nhận vân tay cho các xã đảo' });
    }
    api.clock.set(MAY_15);
    await caughtUp();
    then.overview = await get(`/dashboard/directives/${DIRECTIVE_ID}`);
    then.item = await get(item1());
    then.itemKienHai = await get(item1(), api.token('unit', 'kien-hai'));
    api.clock.set(at('2021-05-20T10:00:00'));
    await post(item1(`/progress-reports/${rachGia15}/corrections`), api.token('unit', 'rach-gia'), { metrics: { cards_issued: CORRECTED }, reason: 'Trùng 500 hồ sơ' });
    await report('kien-hai', '2021-05-15', LATE);
    api.clock.set(at('2021-05-22T09:00:00'));
    const request = await post(item1('/extension-requests'), api.token('unit', 'kien-hai'), { requestedDeadline: '2021-07-15', reason: 'Ngư dân đi biển dài ngày' });
    await post(item1(`/extension-requests/${request.body.id}/decision`), api.token('secretariat'), { decision: 'approve' });
    api.clock.set(at('2021-06-05T17:00:00'));
    for (const [i, id] of DISTRICTS.entries()) await report(id, '2021-06-05', figure(i, 36));
    api.clock.set(JUNE_10);
  });
  afterAll(() => api.close());

  const progressOf = (overview: { items: { itemId: string; progress: { reached: number }[] }[] }) => overview.items.find((i) => i.itemId === ITEM_1)!.progress[0]!.reached;

  it('answers the item as of 15 May exactly as GET /items/:itemId answered then, and now differently', async () => {
    expect(then.item!.status).toBe(200);
    const asOf = await get(item1(`/state?asOf=${encodeURIComponent('2021-05-15T18:00:00+07:00')}`));
    expect(asOf.status).toBe(200);
    expect(asOf.body).toEqual({ ...then.item!.body, knowledge: 'recorded' });
    expect((await get(item1(`/state?asOf=${MAY_15}&knowledge=recorded`))).body).toEqual(asOf.body);
    const now = await get(item1());
    expect(now.body.targetProgress[0].reached).toBeGreaterThan(asOf.body.targetProgress[0].reached);
    expect(now.body.revision).toBeGreaterThan(asOf.body.revision);
  });

  it('shows a unit only what it may, as of a date as now: its own assignment and blockers, the others by id, role and deadline', async () => {
    const mine = await get(item1(`/state?asOf=${MAY_15}`), api.token('unit', 'kien-hai'));
    expect(mine.body).toEqual({ ...then.itemKienHai!.body, knowledge: 'recorded' });
    expect(mine.body.assignments.find((a: { unitId: string }) => a.unitId === 'rach-gia')).toEqual({ unitId: 'rach-gia', role: 'lead', viaGroupId: 'district-party-committees', deadline: expect.any(Object) });
    expect(mine.body.blockers).toHaveLength(1);
    const other = await get(item1(`/state?asOf=${MAY_15}`), api.token('unit', 'rach-gia'));
    expect(other.body.blockers).toEqual([]);
    expect(other.body.assignments.find((a: { unitId: string }) => a.unitId === 'kien-hai')).not.toHaveProperty('metrics');
  });

  it('answers the item at a revision: every event up to it, statuses when it was recorded', async () => {
    const first = await get(item1('/state?revision=0'));
    expect(first.body).toMatchObject({ revision: 0, lifecycle: 'open', assignments: [], asAt: at('2021-04-14T09:00:00') });
    const atThen = await get(item1(`/state?revision=${then.item!.body.revision}`));
    expect(atThen.body.targetProgress).toEqual(then.item!.body.targetProgress);
  });

  it('answers the directive overview as of 15 May exactly as the live endpoint answered when the clock stood there', async () => {
    expect(then.overview!.status).toBe(200);
    const asOf = await get(`/dashboard/directives/${DIRECTIVE_ID}?asOf=${MAY_15}`);
    expect(asOf.status).toBe(200);
    expect(asOf.body).toEqual({ ...then.overview!.body, knowledge: 'recorded' });
    const live = await eventually('live overview after June reports', () => get(`/dashboard/directives/${DIRECTIVE_ID}`), (r) => progressOf(r.body) > progressOf(asOf.body));
    expect(live.body.asAt).toBe(JUNE_10);
  });

  it('keeps corrections apart from rewrites: what was known on 15 May, and what we now know about 15 May', async () => {
    const seen = progressOf(then.overview!.body);
    const known = seen - figure(RG, 15) + CORRECTED - figure(DISTRICTS.indexOf('kien-hai'), 1) + LATE;
    expect(progressOf((await get(`/dashboard/directives/${DIRECTIVE_ID}?asOf=${MAY_15}&knowledge=recorded`)).body)).toBe(seen);
    const current = await get(`/dashboard/directives/${DIRECTIVE_ID}?asOf=${MAY_15}&knowledge=current`);
    expect(current.body).toMatchObject({ knowledge: 'current', asAt: MAY_15 });
    expect(progressOf(current.body)).toBe(known);
    const item = await get(item1(`/state?asOf=${MAY_15}&knowledge=current`));
    expect(item.body).toMatchObject({ knowledge: 'current', laterFigures: 2 });
    expect(item.body.targetProgress[0].reached).toBe(known);
    expect(item.body.assignments.find((a: { unitId: string }) => a.unitId === 'rach-gia').metrics.cards_issued.value).toBe(CORRECTED);
    expect(item.body.assignments.find((a: { unitId: string }) => a.unitId === 'kien-hai').deadline.date).toBe('2021-06-30');
  });

  it('lists what changed per item between two dates: progress per target, a deadline extended, the counts', async () => {
    const diff = await get(`/dashboard/directives/${DIRECTIVE_ID}/diff?from=${MAY_15}&to=${JUNE_10}`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ directiveId: DIRECTIVE_ID, from: MAY_15, to: JUNE_10, knowledge: 'recorded' });
    expect(diff.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([ITEM_1]);
    const [item] = diff.body.items;
    expect(item.progress[0]).toMatchObject({ metric: 'cards_issued', reached: { from: progressOf(then.overview!.body), to: DISTRICTS.reduce((sum, _id, i) => sum + figure(i, 36), 0) } });
    expect(item.units).toContainEqual({ unitId: 'kien-hai', deadline: { from: expect.objectContaining({ date: '2021-06-30' }), to: expect.objectContaining({ date: '2021-07-15' }) } });
  });

  it('counts its answers in /metrics: by kind and where each replay started, and the events folded', async () => {
    await get(`/dashboard/directives/${DIRECTIVE_ID}?asOf=${MAY_15}`);
    await get(`${item1('/state')}?asOf=${MAY_15}`);
    const metrics = String((await api.request('GET', '/metrics')).body);
    const count = (kind: string) =>
      [...metrics.matchAll(new RegExp(`^engine_audit_replay_seconds_count\\{kind="${kind}",start="(process|redis|log)"\\} (\\d+)$`, 'gm'))].reduce((sum, m) => sum + Number(m[2]), 0);
    expect(count('directive')).toBeGreaterThanOrEqual(2);
    expect(count('item')).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^engine_audit_replayed_events_total\{kind="directive"\} [1-9]\d*$/m);
  });

  it('refuses a bad question with a 400 naming the parameter and the rule', async () => {
    const cases: [string, string, RegExp][] = [
      [item1('/state'), 'asOf', /asOf or revision is required/],
      [item1(`/state?asOf=${MAY_15}&revision=3`), 'asOf', /not be given together with revision/],
      [item1('/state?asOf=2021-05-15'), 'asOf', /ISO 8601 date-time with a time zone/],
      [item1('/state?asOf=2021-02-30T10:00:00Z'), 'asOf', /ISO 8601 date-time/],
      [item1('/state?revision=-1'), 'revision', /revision/],
      [item1(`/state?asOf=${MAY_15}&knowledge=later`), 'knowledge', /one of recorded, current/],
      [item1('/state?revision=2&knowledge=current'), 'knowledge', /not be given together with revision/],
      [item1('/state?asOf=2030-01-01T00:00:00Z'), 'asOf', /must not be later than now/],
      [`/dashboard/directives/${DIRECTIVE_ID}?knowledge=current`, 'knowledge', /only with asOf/],
      [`/dashboard/directives/${DIRECTIVE_ID}?asOf=yesterday`, 'asOf', /ISO 8601/],
      [`/dashboard/directives/${DIRECTIVE_ID}/diff?from=${MAY_15}`, 'to', /to is required/],
      [`/dashboard/directives/${DIRECTIVE_ID}/diff?from=${JUNE_10}&to=${MAY_15}`, 'from', /from must be earlier than to/],
    ];
    for (const [path, field, message] of cases) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      const named = res.body.field === field || res.body.errors?.some((e: { field: string }) => e.field === field);
      expect({ path, named, message: res.body.message }).toEqual({ path, named: true, message: expect.stringMatching(message) });
    }
  });

  it('answers 404 naming what did not exist at the instant asked', async () => {
    const before = await get(item1('/state?asOf=2021-04-14T01:00:00Z'));
    expect(before).toMatchObject({ status: 404, body: { code: 'ITEM.NOT_ISSUED_AT', field: 'asOf' } });
    expect((await get(item1('/state?revision=100000'))).body).toMatchObject({ code: 'ITEM.REVISION_NOT_RECORDED', field: 'revision' });
    expect((await get(`/items/${DIRECTIVE_ID}.9/state?revision=0`)).body.code).toBe('ITEM.NOT_FOUND');
    expect((await get(`/dashboard/directives/${DIRECTIVE_ID}?asOf=2021-04-01T00:00:00Z`)).body).toMatchObject({ code: 'DIRECTIVE.NOT_REGISTERED_AT', field: 'asOf' });
    expect((await get(`/dashboard/directives/${DIRECTIVE_ID}/diff?from=2021-04-01T00:00:00Z&to=${MAY_15}`)).body).toMatchObject({ code: 'DIRECTIVE.NOT_REGISTERED_AT', field: 'from' });
    expect((await get(`/dashboard/directives/khong-co?asOf=${MAY_15}`)).body.code).toBe('DIRECTIVE.NOT_FOUND');
  });
});
