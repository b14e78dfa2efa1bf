import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { actorsOf, assignItem1, at, item1, ITEM_4, ITEM_5, ok, post, type Actors } from './support/campaign.js';
import { expectRefused } from './support/refusals.js';
import { catalogueSeed, directiveSeed, registerCatalogueAndDirective } from './support/seed-data.js';
import { startTestApi, type TestApi } from './support/test-app.js';

describe('A request that breaks a business rule', () => {
  let api: TestApi;
  let actors: Actors;
  let pendingExtension = '';
  const report = (asOf: string, cards: number) => ({ asOf, metrics: { cards_issued: cards }, narrative: 'Báo cáo tiến độ cấp CCCD' });

  beforeAll(async () => {
    api = await startTestApi({ start: at('2021-04-14T09:00:00') });
    actors = actorsOf(api);
    await registerCatalogueAndDirective(api);
    await assignItem1(api);
    ok(await post(api, item1('/acknowledgements'), actors.unit('rach-gia')), 'rach-gia acknowledges');
    api.clock.set(at('2021-05-15T17:00:00'));
    ok(await post(api, item1('/progress-reports'), actors.unit('rach-gia'), report('2021-05-15', 41_250)), 'rach-gia reports');
    pendingExtension = ok(await post(api, item1('/extension-requests'), actors.unit('rach-gia'), { requestedDeadline: '2021-07-15', reason: 'Ngư dân đi biển' }), 'extension').body.id;
    ok(await post(api, `/items/${ITEM_5}/close`, actors.secretariat(), { outcome: 'cancelled', note: 'Gộp vào nhiệm vụ 1' }), 'close item 5');
  });
  afterAll(() => api.close());

  describe('on progress', () => {
    it('answers 409 PROGRESS.METRIC_DECREASED naming metrics.cards_issued when a cumulative figure goes down, and writes nothing', async () => {
      await expectRefused(api, () => post(api, item1('/progress-reports'), actors.unit('rach-gia'), report('2021-05-15', 30_000)), {
        status: 409,
        code: 'PROGRESS.METRIC_DECREASED',
        field: 'metrics.cards_issued',
        mentions: ['metrics.cards_issued', '30000', '41250', 'correction'],
      });
    });

    it('answers 409 PROGRESS.AS_OF_BEFORE_LAST_REPORT naming asOf when a report predates the last one', async () => {
      await expectRefused(api, () => post(api, item1('/progress-reports'), actors.unit('rach-gia'), report('2021-05-01', 50_000)), {
        status: 409,
        code: 'PROGRESS.AS_OF_BEFORE_LAST_REPORT',
        field: 'asOf',
        mentions: ['2021-05-01', '2021-05-15'],
      });
    });
  });

  describe('on assignments', () => {
    const beforeAcknowledging: [string, string, unknown][] = [
      ['reports progress', '/progress-reports', { asOf: '2021-05-15', metrics: { cards_issued: 1_000 }, narrative: 'Báo cáo' }],
      ['reports a blocker', '/blockers', { description: 'Thiếu thiết bị' }],
      ['asks for an extension', '/extension-requests', { requestedDeadline: '2021-07-15', reason: 'Thiếu thiết bị' }],
      ['reports completion', '/completion-reports', { summary: 'Hoàn thành' }],
    ];

    it.each(beforeAcknowledging)('answers 409 ASSIGNMENT.NOT_ACKNOWLEDGED when Kiên Hải %s before acknowledging, and writes nothing', async (_what, rest, body) => {
      await expectRefused(api, () => post(api, item1(rest), actors.unit('kien-hai'), body), {
        status: 409,
        code: 'ASSIGNMENT.NOT_ACKNOWLEDGED',
        mentions: ['kien-hai', 'acknowledge'],
      });
    });

    it('answers 409 ASSIGNMENT.ALREADY_ACKNOWLEDGED to a second acknowledgement, and writes nothing', async () => {
      await expectRefused(api, () => post(api, item1('/acknowledgements'), actors.unit('rach-gia'), { note: 'Đã nhận lần hai' }), {
        status: 409,
        code: 'ASSIGNMENT.ALREADY_ACKNOWLEDGED',
        mentions: ['rach-gia'],
      });
    });

    it('answers 409 ASSIGNMENT.ALREADY_ASSIGNED naming assignees when a unit is assigned twice with the same role', async () => {
      await expectRefused(api, () => post(api, item1('/assignments'), actors.secretariat(), { assignees: [{ unitId: 'rach-gia', role: 'lead' }] }), {
        status: 409,
        code: 'ASSIGNMENT.ALREADY_ASSIGNED',
        field: 'assignees',
        mentions: ['rach-gia'],
      });
    });

    it('answers 409 ASSIGNMENT.ROLE_CONFLICT naming assignees when the cooperating police would also lead', async () => {
      await expectRefused(api, () => post(api, item1('/assignments'), actors.secretariat(), { assignees: [{ unitId: 'dang-uy-cong-an-tinh', role: 'lead' }] }), {
        status: 409,
        code: 'ASSIGNMENT.ROLE_CONFLICT',
        field: 'assignees',
        mentions: ['dang-uy-cong-an-tinh', 'cooperating', 'lead'],
      });
    });
  });

  describe('on extensions and completion', () => {
    it('answers 409 EXTENSION.ALREADY_PENDING to a second request while one waits, naming the pending one', async () => {
      await expectRefused(api, () => post(api, item1('/extension-requests'), actors.unit('rach-gia'), { requestedDeadline: '2021-07-31', reason: 'Thêm thời gian' }), {
        status: 409,
        code: 'EXTENSION.ALREADY_PENDING',
        mentions: [pendingExtension],
      });
    });

    it('answers 409 EXTENSION.ALREADY_DECIDED to a second decision on the same request', async () => {
      ok(await post(api, item1(`/extension-requests/${pendingExtension}/decision`), actors.secretariat(), { decision: 'approve' }), 'approve');
      await expectRefused(api, () => post(api, item1(`/extension-requests/${pendingExtension}/decision`), actors.secretariat(), { decision: 'reject', note: 'Đổi ý' }), {
        status: 409,
        code: 'EXTENSION.ALREADY_DECIDED',
        field: 'requestId',
        mentions: [pendingExtension, 'approved'],
      });
    });

    it('answers 409 COMPLETION.NOT_REPORTED naming unitId when a monitor reviews a completion nobody reported', async () => {
      await expectRefused(api, () => post(api, item1('/completion-review'), actors.monitor(), { unitId: 'rach-gia', decision: 'accept' }), {
        status: 409,
        code: 'COMPLETION.NOT_REPORTED',
        field: 'unitId',
        mentions: ['rach-gia'],
      });
    });
  });

  describe('on the registry', () => {
    it('answers 409 DIRECTIVE.ALREADY_REGISTERED naming id when 126-CV/TU is registered again, and issues nothing', async () => {
      await expectRefused(api, () => post(api, '/directives', actors.secretariat(), directiveSeed.directive), {
        status: 409,
        code: 'DIRECTIVE.ALREADY_REGISTERED',
        field: 'id',
        mentions: ['126-cv-tu-2021'],
      });
    });

    it('answers 409 DIRECTIVE.NUMBER_TAKEN naming number when another id reuses the number 126-CV/TU', async () => {
      await expectRefused(api, () => post(api, '/directives', actors.secretariat(), { ...directiveSeed.directive, id: '126-cv-tu-2021-bis' }), {
        status: 409,
        code: 'DIRECTIVE.NUMBER_TAKEN',
        field: 'number',
        mentions: ['126-CV/TU'],
      });
    });

    it('answers 409 UNIT.ALREADY_REGISTERED naming the body’s id when Rạch Giá is registered again', async () => {
      const rachGia = catalogueSeed.units.find((u) => u.id === 'rach-gia')!;
      await expectRefused(api, () => post(api, '/units', actors.secretariat(), rachGia), {
        status: 409,
        code: 'UNIT.ALREADY_REGISTERED',
        field: 'id',
        mentions: ['rach-gia'],
      });
    });

    it('answers 409 GROUP.ALREADY_DEFINED naming the body’s id when the district group is defined again', async () => {
      const districts = catalogueSeed.groups.find((g) => g.id === 'district-party-committees')!;
      await expectRefused(api, () => post(api, '/unit-groups', actors.secretariat(), districts), {
        status: 409,
        code: 'GROUP.ALREADY_DEFINED',
        field: 'id',
        mentions: ['district-party-committees'],
      });
    });
  });

  describe('on closing', () => {
    const onClosed: [string, () => string, string, unknown][] = [
      ['closing it again', () => actors.secretariat(), '/close', { outcome: 'cancelled', note: 'Lần hai' }],
      ['assigning a unit', () => actors.secretariat(), '/assignments', { assignees: [{ unitId: 'rach-gia', role: 'lead' }] }],
      ['proposing a commendation', () => actors.monitor(), '/commendations', { nominee: { kind: 'individual', name: 'Nguyễn Văn A' }, reason: 'Xuất sắc' }],
    ];

    it.each(onClosed)('answers 409 ITEM.CLOSED to %s on the closed item 5, and writes nothing', async (_what, token, rest, body) => {
      await expectRefused(api, () => post(api, `/items/${ITEM_5}${rest}`, token(), body), { status: 409, code: 'ITEM.CLOSED', mentions: [ITEM_5, 'closed'] });
    });

    it('answers 409 ITEM.NOT_COMPLETED naming outcome when item 4 is closed as completed before any completion', async () => {
      await expectRefused(api, () => post(api, `/items/${ITEM_4}/close`, actors.secretariat(), { outcome: 'completed', note: 'Xong' }), {
        status: 409,
        code: 'ITEM.NOT_COMPLETED',
        field: 'outcome',
        mentions: [ITEM_4],
      });
    });
  });
});
