import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DISTRICTS, ITEM_1, DIRECTIVE_ID, registerCatalogueAndDirective } from './seed-data.js';
import type { TestApi } from './test-app.js';

/** Instants of the campaign, as UTC ISO strings of moments in +07. */
export const at = (vnLocal: string) => new Date(`${vnLocal}+07:00`).toISOString();

/** Illustrative per-district figures: the directive does not split its target by district. */
const share = (i: number) => 60_000 + i * 1_000;

/**
 * The 126-CV/TU lifecycle over HTTP, from issuing to closing, against whatever store `start`
 * gives the engine: the same scenario proves every adapter behind the same API.
 */
export function describeLifecycle(label: string, start: (clockStart: string) => Promise<TestApi>): void {
  describe(`The 126-CV/TU lifecycle over HTTP ${label}`, () => {
    let api: TestApi;
    const secretariat = () => api.token('secretariat', undefined, 'Văn phòng Tỉnh ủy');
    const monitor = () => api.token('monitor', undefined, 'Đảng ủy Công an tỉnh');
    const unit = (id: string) => api.token('unit', id);
    const post = (path: string, token: string, body: unknown = {}) => api.request('POST', path, { token, body });

    beforeAll(async () => {
      api = await start(at('2021-04-14T09:00:00'));
      await registerCatalogueAndDirective(api);
    });
    afterAll(() => api.close());

    it('issues the five items of the directive, caused by its registration', async () => {
      const res = await api.request('GET', `/directives/${DIRECTIVE_ID}`, { token: unit('rach-gia') });
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { itemId: string; lifecycle: string }) => [i.itemId, i.lifecycle])).toEqual(
        [1, 2, 3, 4, 5].map((n) => [`${DIRECTIVE_ID}.${n}`, 'open']),
      );
      const [registration] = (await api.stream('registry-directives')).filter((e) => e.type === 'DirectiveRegistered');
      const [issued] = await api.stream(`item-${ITEM_1}`);
      expect(issued).toMatchObject({ type: 'ItemIssued', revision: 0, metadata: { causationId: registration!.eventId, actor: { role: 'secretariat' } } });
      expect(issued!.data).toMatchObject({ targets: [{ metric: 'cards_issued', value: 1_171_200 }], deadline: { date: '2021-06-30', dueAt: '2021-06-30T17:00:00.000Z' } });
    });

    it('assigns the district group as lead, fanning out into 15 assignments, and the police as cooperating', async () => {
      const res = await post(`/items/${ITEM_1}/assignments`, secretariat(), {
        assignees: [{ groupId: 'district-party-committees', role: 'lead' }, { unitId: 'dang-uy-cong-an-tinh', role: 'cooperating' }],
      });
      expect(res.status).toBe(201);
      expect(res.body.events).toHaveLength(16);
      const assigned = (await api.stream(`item-${ITEM_1}`)).filter((e) => e.type === 'UnitAssigned');
      expect(assigned.map((e) => (e.data as { unitId: string }).unitId).sort()).toEqual([...DISTRICTS, 'dang-uy-cong-an-tinh'].sort());
      expect(assigned.filter((e) => (e.data as { viaGroupId?: string }).viaGroupId === 'district-party-committees')).toHaveLength(15);
    });

    it('records acknowledgements and cumulative reports in the name of each unit, from its token', async () => {
      api.clock.set(at('2021-04-16T08:00:00'));
      for (const id of DISTRICTS) expect((await post(`/items/${ITEM_1}/acknowledgements`, unit(id))).status).toBe(201);
      for (const [month, fraction] of [['05-15', 0.4], ['06-15', 0.8]] as const) {
        api.clock.set(at(`2021-${month}T17:00:00`));
        for (const [i, id] of DISTRICTS.entries()) {
          const body = { asOf: `2021-${month}`, metrics: { cards_issued: Math.round(share(i) * fraction) }, narrative: `Báo cáo tiến độ ${id}` };
          const res = await post(`/items/${ITEM_1}/progress-reports`, unit(id), body);
          expect(res.status).toBe(201);
        }
      }
      const reports = (await api.stream(`item-${ITEM_1}`)).filter((e) => e.type === 'ProgressReported');
      expect(reports).toHaveLength(30);
      for (const report of reports) {
        expect(report.metadata.actor).toMatchObject({ role: 'unit', unitId: (report.data as { unitId: string }).unitId });
      }
    });

    it('handles a blocker and an extension: the original deadline stays on record beside the new one', async () => {
      api.clock.set(at('2021-06-20T09:00:00'));
      const blocker = await post(`/items/${ITEM_1}/blockers`, unit('kien-hai'), { description: 'Thiếu thiết bị thu nhận lưu động cho các xã đảo', supportNeeded: 'Tổ cấp thẻ lưu động' });
      expect(blocker.status).toBe(201);
      expect((await post(`/items/${ITEM_1}/blockers/${blocker.body.id}/resolution`, secretariat(), { resolution: 'Công an tỉnh đã điều tổ lưu động' })).status).toBe(201);
      const request = await post(`/items/${ITEM_1}/extension-requests`, unit('phu-quoc'), { requestedDeadline: '2021-07-15', reason: 'Ngư dân đi biển dài ngày' });
      expect(request.status).toBe(201);
      const decision = await post(`/items/${ITEM_1}/extension-requests/${request.body.id}/decision`, secretariat(), { decision: 'approve' });
      expect(decision.status).toBe(201);
      const item = await api.request('GET', `/items/${ITEM_1}`, { token: monitor() });
      const phuQuoc = item.body.assignments.find((a: { unitId: string }) => a.unitId === 'phu-quoc');
      expect(phuQuoc).toMatchObject({ originalDeadline: { date: '2021-06-30' }, deadline: { date: '2021-07-15', dueAt: '2021-07-15T17:00:00.000Z' } });
    });

    it('completes when every lead unit’s completion is accepted, a rejection sending one back first', async () => {
      api.clock.set(at('2021-06-30T16:00:00'));
      for (const [i, id] of DISTRICTS.entries()) {
        if (id === 'phu-quoc') continue;
        await post(`/items/${ITEM_1}/progress-reports`, unit(id), { asOf: '2021-06-30', metrics: { cards_issued: share(i) }, narrative: 'Hoàn thành chỉ tiêu' });
        expect((await post(`/items/${ITEM_1}/completion-reports`, unit(id), { summary: 'Hoàn thành' })).status).toBe(201);
      }
      api.clock.set(at('2021-07-01T09:00:00'));
      const afterDeadline = await api.request('GET', `/items/${ITEM_1}`, { token: monitor() });
      expect(afterDeadline.body.status).toBe('in_progress_on_time');
      const reject = await post(`/items/${ITEM_1}/completion-review`, monitor(), { unitId: 'hon-dat', decision: 'reject', note: 'Số liệu chưa khớp với hệ thống' });
      expect(reject.status).toBe(201);
      api.clock.set(at('2021-07-10T09:00:00'));
      const late = await post(`/items/${ITEM_1}/completion-reports`, unit('hon-dat'), { summary: 'Đã đối chiếu lại số liệu' });
      expect(late.status).toBe(201);
      const i = DISTRICTS.indexOf('phu-quoc');
      await post(`/items/${ITEM_1}/progress-reports`, unit('phu-quoc'), { asOf: '2021-07-10', metrics: { cards_issued: share(i) }, narrative: 'Hoàn thành' });
      expect((await post(`/items/${ITEM_1}/completion-reports`, unit('phu-quoc'), { summary: 'Hoàn thành trong thời hạn gia hạn' })).status).toBe(201);
      for (const id of DISTRICTS) {
        const res = await post(`/items/${ITEM_1}/completion-review`, monitor(), { unitId: id, decision: 'accept' });
        expect(res.status).toBe(201);
      }
      const history = await api.stream(`item-${ITEM_1}`);
      const completed = history.filter((e) => e.type === 'ItemCompleted');
      expect(completed).toHaveLength(1);
      expect(completed[0]!.data).toMatchObject({ onTime: false });
      const item = await api.request('GET', `/items/${ITEM_1}`, { token: monitor() });
      expect(item.body).toMatchObject({ lifecycle: 'completed', status: 'completed_late' });
      const total = DISTRICTS.reduce((sum, _id, k) => sum + share(k), 0);
      expect(item.body.targetProgress).toEqual([{ metric: 'cards_issued', label: 'thẻ căn cước công dân đã cấp', target: 1_171_200, reached: total, percent: Math.round((total / 1_171_200) * 10_000) / 100 }]);
    });

    it('records a commendation, closes the item and accepts nothing afterwards', async () => {
      const commendation = await post(`/items/${ITEM_1}/commendations`, monitor(), {
        nominee: { kind: 'collective', name: 'Huyện ủy Kiên Hải', unitId: 'kien-hai' },
        reason: 'Hoàn thành cấp thẻ tại huyện đảo',
      });
      expect(commendation.status).toBe(201);
      expect((await post(`/items/${ITEM_1}/close`, secretariat(), { outcome: 'completed', note: 'Báo cáo Ban Thường vụ' })).status).toBe(201);
      const before = (await api.stream(`item-${ITEM_1}`)).length;
      const refused = await post(`/items/${ITEM_1}/progress-reports`, unit('rach-gia'), { asOf: '2021-07-10', metrics: { cards_issued: 999_999 }, narrative: 'muộn' });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('ITEM.CLOSED');
      expect(await api.stream(`item-${ITEM_1}`)).toHaveLength(before);
    });

    it('shows the whole history to a monitor, and a unit only its own part of it', async () => {
      const all = await api.request('GET', `/items/${ITEM_1}/events?limit=1000`, { token: monitor() });
      expect(all.status).toBe(200);
      const types = all.body.events.map((e: { type: string }) => e.type);
      expect(types[0]).toBe('ItemIssued');
      expect(types[types.length - 1]).toBe('ItemClosed');
      for (const e of all.body.events) expect(e.metadata).toMatchObject({ correlationId: expect.any(String), recordedAt: expect.any(String), actor: { role: expect.any(String) } });
      const mine = await api.request('GET', `/items/${ITEM_1}/events?limit=1000`, { token: unit('rach-gia') });
      const reporters = new Set(mine.body.events.filter((e: { type: string }) => e.type === 'ProgressReported').map((e: { data: { unitId: string } }) => e.data.unitId));
      expect([...reporters]).toEqual(['rach-gia']);
      const view = await api.request('GET', `/items/${ITEM_1}`, { token: unit('rach-gia') });
      const others = view.body.assignments.filter((a: { unitId: string }) => a.unitId !== 'rach-gia');
      expect(others.every((a: object) => !('metrics' in a) && !('lastReport' in a))).toBe(true);
    });
  });
}
