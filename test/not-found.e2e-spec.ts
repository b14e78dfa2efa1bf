import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actorsOf, assignItem1, at, item1, ok, post, UNKNOWN_ITEM, UNKNOWN_UUID, type Actors } from './support/campaign.js';
import { expectRefused } from './support/refusals.js';
import { ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

describe('Requests naming something that does not exist', () => {
  let api: TestApi;
  let actors: Actors;

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    actors = actorsOf(api);
    await registerCatalogueAndDirective(api);
    await assignItem1(api);
    ok(await post(api, item1('/acknowledgements'), actors.unit('rach-gia')), 'rach-gia acknowledges');
    api.clock.set(at('2021-05-15T17:00:00'));
  });
  afterAll(() => api.close());

  describe('An unknown item', () => {
    const onUnknown = (rest: string) => `/items/${UNKNOWN_ITEM}${rest}`;
    const commands: [string, () => string, string, unknown][] = [
      ['a unit reporting progress', () => actors.unit('rach-gia'), '/progress-reports', { asOf: '2021-05-15', metrics: { cards_issued: 1 }, narrative: 'Báo cáo' }],
      ['a unit acknowledging', () => actors.unit('rach-gia'), '/acknowledgements', {}],
      ['the secretariat assigning', () => actors.secretariat(), '/assignments', { assignees: [{ unitId: 'rach-gia', role: 'lead' }] }],
      ['the secretariat closing', () => actors.secretariat(), '/close', { outcome: 'cancelled', note: 'Hủy' }],
      ['a monitor proposing a commendation', () => actors.monitor(), '/commendations', { nominee: { kind: 'collective', name: 'Huyện ủy Rạch Giá' }, reason: 'Xuất sắc' }],
    ];

    it.each(commands)('answers 404 ITEM.NOT_FOUND to %s, naming the itemId, and writes nothing', async (_who, token, rest, body) => {
      await expectRefused(api, () => post(api, onUnknown(rest), token(), body), { status: 404, code: 'ITEM.NOT_FOUND', field: 'itemId', mentions: [UNKNOWN_ITEM] });
    });

    it.each([[''], ['/events']])('answers 404 ITEM.NOT_FOUND to GET /items/:id%s, and writes nothing', async (rest) => {
      await expectRefused(api, () => api.request('GET', onUnknown(rest), { token: actors.monitor() }), {
        status: 404,
        code: 'ITEM.NOT_FOUND',
        field: 'itemId',
        mentions: [UNKNOWN_ITEM],
      });
    });

    it('creates no stream for it', async () => {
      expect(await api.stream(`item-${UNKNOWN_ITEM}`)).toEqual([]);
    });
  });

  describe('An unknown directive', () => {
    it('answers 404 DIRECTIVE.NOT_FOUND to GET /directives/:id, naming the directiveId', async () => {
      await expectRefused(api, () => api.request('GET', '/directives/999-cv-tu-2021', { token: actors.monitor() }), {
        status: 404,
        code: 'DIRECTIVE.NOT_FOUND',
        field: 'directiveId',
        mentions: ['999-cv-tu-2021'],
      });
    });
  });

  describe('An unknown unit or group in a body', () => {
    it('answers 404 UNIT.NOT_FOUND naming assignees[0].unitId, and assigns nobody', async () => {
      await expectRefused(api, () => post(api, item1('/assignments'), actors.secretariat(), { assignees: [{ unitId: 'huyen-khong-co', role: 'lead' }] }), {
        status: 404,
        code: 'UNIT.NOT_FOUND',
        field: 'assignees[0].unitId',
        mentions: ['assignees[0].unitId', 'huyen-khong-co'],
      });
    });

    it('answers 404 GROUP.NOT_FOUND naming assignees[1].groupId, and assigns not even the valid first assignee', async () => {
      const assignees = [{ unitId: 'phu-quoc', role: 'lead' }, { groupId: 'nhom-khong-co', role: 'cooperating' }];
      await expectRefused(api, () => post(api, item1('/assignments'), actors.secretariat(), { assignees }), {
        status: 404,
        code: 'GROUP.NOT_FOUND',
        field: 'assignees[1].groupId',
        mentions: ['assignees[1].groupId', 'nhom-khong-co'],
      });
      const assigned = (await api.stream(`item-${ITEM_1}`)).filter((e) => e.type === 'UnitAssigned').map((e) => (e.data as { unitId: string }).unitId);
      expect(assigned).not.toContain('phu-quoc');
    });

    it('answers 404 UNIT.NOT_FOUND naming memberIds[1] when a group lists an unknown member', async () => {
      await expectRefused(api, () => post(api, '/unit-groups', actors.secretariat(), { id: 'huyen-dao', name: 'Các huyện đảo', memberIds: ['kien-hai', 'huyen-khong-co'] }), {
        status: 404,
        code: 'UNIT.NOT_FOUND',
        field: 'memberIds[1]',
        mentions: ['huyen-khong-co'],
      });
    });

    it('answers 404 UNIT.NOT_FOUND naming parentId when a unit names an unknown parent', async () => {
      await expectRefused(api, () => post(api, '/units', actors.secretariat(), { id: 'xa-moi', name: 'Đảng ủy xã mới', kind: 'district_party_committee', parentId: 'huyen-khong-co' }), {
        status: 404,
        code: 'UNIT.NOT_FOUND',
        field: 'parentId',
        mentions: ['huyen-khong-co'],
      });
    });
  });

  describe('An unknown id of something on an item', () => {
    it('answers 404 EXTENSION.NOT_FOUND to a decision on an unknown extension request, naming the requestId', async () => {
      await expectRefused(api, () => post(api, item1(`/extension-requests/${UNKNOWN_UUID}/decision`), actors.secretariat(), { decision: 'approve' }), {
        status: 404,
        code: 'EXTENSION.NOT_FOUND',
        field: 'requestId',
        mentions: [UNKNOWN_UUID],
      });
    });

    it('answers 404 PROGRESS.REPORT_NOT_FOUND to a correction of an unknown report, naming the reportId of the path', async () => {
      await expectRefused(api, () => post(api, item1(`/progress-reports/${UNKNOWN_UUID}/corrections`), actors.unit('rach-gia'), { metrics: { cards_issued: 1 }, reason: 'Sửa số' }), {
        status: 404,
        code: 'PROGRESS.REPORT_NOT_FOUND',
        field: 'reportId',
        mentions: [UNKNOWN_UUID],
      });
    });

    it('answers 404 BLOCKER.NOT_FOUND to the resolution of an unknown blocker, naming the blockerId', async () => {
      await expectRefused(api, () => post(api, item1(`/blockers/${UNKNOWN_UUID}/resolution`), actors.secretariat(), { resolution: 'Đã xử lý' }), {
        status: 404,
        code: 'BLOCKER.NOT_FOUND',
        field: 'blockerId',
        mentions: [UNKNOWN_UUID],
      });
    });
  });

  describe('An unknown route', () => {
    it.each([
      ['GET', '/nowhere', 'monitor'],
      ['POST', item1('/approvals'), 'secretariat'],
      ['DELETE', item1(), 'secretariat'],
      ['PUT', item1('/progress-reports'), 'unit'],
    ] as const)('answers 404 ROUTE.NOT_FOUND to %s %s, and writes nothing', async (method, path, role) => {
      const token = role === 'unit' ? actors.unit('rach-gia') : actors[role]();
      await expectRefused(api, () => api.request(method, path, method === 'GET' ? { token } : { token, body: {} }), { status: 404, code: 'ROUTE.NOT_FOUND', mentions: [method] });
    });

    it('answers 404 ROUTE.NOT_FOUND to an unknown route even without a token (nothing there to protect)', async () => {
      await expectRefused(api, () => api.request('GET', '/nowhere'), { status: 404, code: 'ROUTE.NOT_FOUND' });
    });
  });
});
