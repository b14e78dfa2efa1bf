import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actorsOf, assignItem1, at, item1, ok, post, type Actors } from './support/campaign.js';
import { expectRefused } from './support/refusals.js';
import { directiveSeed, ITEM_1, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

type Role = 'secretariat' | 'monitor' | 'admin' | 'unit';

describe('Forbidden requests', () => {
  let api: TestApi;
  let actors: Actors;
  const ids = { report: '', blocker: '', extension: '' };
  const tokenOf = (role: Role) => (role === 'unit' ? actors.unit('rach-gia') : actors[role]());
  const report = (cards: number) => ({ asOf: '2021-05-15', metrics: { cards_issued: cards }, narrative: 'Tổ chức điểm cấp CCCD lưu động' });

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    actors = actorsOf(api);
    await registerCatalogueAndDirective(api);
    await assignItem1(api);
    for (const id of ['rach-gia', 'kien-hai', 'dang-uy-cong-an-tinh']) ok(await post(api, item1('/acknowledgements'), actors.unit(id)), `${id} acknowledges`);
    api.clock.set(at('2021-05-15T17:00:00'));
    ids.report = ok(await post(api, item1('/progress-reports'), actors.unit('rach-gia'), report(41_250)), 'report').body.id;
    ids.blocker = ok(await post(api, item1('/blockers'), actors.unit('rach-gia'), { description: 'Thiếu máy thu nhận vân tay' }), 'blocker').body.id;
    ids.extension = ok(await post(api, item1('/extension-requests'), actors.unit('rach-gia'), { requestedDeadline: '2021-07-15', reason: 'Ngư dân đi biển' }), 'extension').body.id;
  });
  afterAll(() => api.close());

  describe('A role calling a route that is not its own', () => {
    /** [who, does what, role, path, body]: each body is valid, so only the role is wrong. */
    const cases: [string, string, Role, () => string, () => unknown][] = [
      ['a monitor', 'reports progress', 'monitor', () => item1('/progress-reports'), () => report(50_000)],
      ['the secretariat', 'reports progress in a unit’s name', 'secretariat', () => item1('/progress-reports'), () => report(50_000)],
      ['an admin', 'acknowledges an assignment', 'admin', () => item1('/acknowledgements'), () => ({})],
      ['a monitor', 'corrects a unit’s report', 'monitor', () => item1(`/progress-reports/${ids.report}/corrections`), () => ({ metrics: { cards_issued: 1 }, reason: 'sửa số' })],
      ['a unit', 'assigns units', 'unit', () => item1('/assignments'), () => ({ assignees: [{ unitId: 'phu-quoc', role: 'lead' }] })],
      ['a unit', 'registers a directive', 'unit', () => '/directives', () => ({ ...directiveSeed.directive, id: '127-cv-tu-2021', number: '127-CV/TU' })],
      ['a unit', 'registers a unit', 'unit', () => '/units', () => ({ id: 'xa-moi', name: 'Xã mới', kind: 'district_party_committee' })],
      ['a monitor', 'defines a unit group', 'monitor', () => '/unit-groups', () => ({ id: 'nhom-moi', name: 'Nhóm mới', memberIds: ['rach-gia'] })],
      ['a unit', 'decides its own extension request', 'unit', () => item1(`/extension-requests/${ids.extension}/decision`), () => ({ decision: 'approve' })],
      ['a monitor', 'resolves a blocker', 'monitor', () => item1(`/blockers/${ids.blocker}/resolution`), () => ({ resolution: 'Đã xử lý' })],
      ['the secretariat', 'reviews completion', 'secretariat', () => item1('/completion-review'), () => ({ unitId: 'rach-gia', decision: 'accept' })],
      ['a unit', 'reviews completion', 'unit', () => item1('/completion-review'), () => ({ unitId: 'rach-gia', decision: 'accept' })],
      ['a unit', 'proposes a commendation', 'unit', () => item1('/commendations'), () => ({ nominee: { kind: 'collective', name: 'Huyện ủy Rạch Giá', unitId: 'rach-gia' }, reason: 'Tự đề xuất' })],
      ['an admin', 'closes an item', 'admin', () => item1('/close'), () => ({ outcome: 'cancelled', note: 'Hủy' })],
      ['a monitor', 'closes an item', 'monitor', () => item1('/close'), () => ({ outcome: 'cancelled', note: 'Hủy' })],
    ];

    it.each(cases)('answers 403 AUTH.ROLE_NOT_ALLOWED when %s %s, and writes nothing', async (_who, _what, role, path, body) => {
      const res = await expectRefused(api, () => post(api, path(), tokenOf(role), body()), {
        status: 403,
        code: 'AUTH.ROLE_NOT_ALLOWED',
        mentions: [`"${role}"`, 'allowed'],
      });
      expect(res.body.field).toBeUndefined();
    });
  });

  describe('A unit acting on an item it is not assigned to', () => {
    const cases: [string, () => string, () => unknown][] = [
      ['acknowledges it', () => item1('/acknowledgements'), () => ({})],
      ['reports progress on it', () => item1('/progress-reports'), () => report(10_000)],
      ['reports a blocker on it', () => item1('/blockers'), () => ({ description: 'Thiếu nhân lực' })],
      ['asks for an extension on it', () => item1('/extension-requests'), () => ({ requestedDeadline: '2021-07-15', reason: 'Thiếu nhân lực' })],
      ['reports its completion', () => item1('/completion-reports'), () => ({ summary: 'Hoàn thành' })],
      ['corrects a report on it', () => item1(`/progress-reports/${ids.report}/corrections`), () => ({ metrics: { cards_issued: 1 }, reason: 'sửa số' })],
    ];

    it.each(cases)('answers 403 ASSIGNMENT.NOT_ASSIGNED when Phú Quốc %s, and writes nothing', async (_what, path, body) => {
      await expectRefused(api, () => post(api, path(), actors.unit('phu-quoc'), body()), {
        status: 403,
        code: 'ASSIGNMENT.NOT_ASSIGNED',
        mentions: ['phu-quoc', ITEM_1],
      });
    });
  });

  describe('A unit acting on another unit’s part of an item', () => {
    it('answers 403 COMPLETION.NOT_LEAD_UNIT when the cooperating police reports completion, and writes nothing', async () => {
      await expectRefused(api, () => post(api, item1('/completion-reports'), actors.unit('dang-uy-cong-an-tinh'), { summary: 'Hoàn thành' }), {
        status: 403,
        code: 'COMPLETION.NOT_LEAD_UNIT',
        mentions: ['dang-uy-cong-an-tinh', 'lead'],
      });
    });

    it('answers 403 PROGRESS.NOT_OWN_REPORT when Kiên Hải corrects Rạch Giá’s report, naming the reportId, and writes nothing', async () => {
      await expectRefused(api, () => post(api, item1(`/progress-reports/${ids.report}/corrections`), actors.unit('kien-hai'), { metrics: { cards_issued: 1 }, reason: 'sửa số' }), {
        status: 403,
        code: 'PROGRESS.NOT_OWN_REPORT',
        field: 'reportId',
        mentions: [ids.report],
      });
    });

    it('answers 403 BLOCKER.NOT_OWN when Kiên Hải resolves Rạch Giá’s blocker, naming the blockerId, and writes nothing', async () => {
      await expectRefused(api, () => post(api, item1(`/blockers/${ids.blocker}/resolution`), actors.unit('kien-hai'), { resolution: 'Đã xử lý' }), {
        status: 403,
        code: 'BLOCKER.NOT_OWN',
        field: 'blockerId',
        mentions: [ids.blocker],
      });
    });

    it('records nothing in Kiên Hải’s name that Rạch Giá did, nor anything the refused requests asked for', async () => {
      const history = await api.stream(`item-${ITEM_1}`);
      expect(history.map((e) => e.type)).toEqual([
        'ItemIssued', 'UnitAssigned', 'UnitAssigned', 'UnitAssigned',
        'AssignmentAcknowledged', 'AssignmentAcknowledged', 'AssignmentAcknowledged',
        'ProgressReported', 'BlockerReported', 'ExtensionRequested',
      ]);
    });
  });
});
