import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { projectionSpec } from '#testing';
import { unitInboxProjection } from './unit-inbox.projection.js';
import { INBOX_CAP, inboxItemIndexKey, inboxKey, type InboxDoc, type InboxEntry } from './unit-inbox.document.js';
import { ASSIGNED_AT, CampaignLog, CV_126, DEADLINE, DIRECTIVE_ID, ITEM_1, itemStream, JULY_10, JULY_2, JUNE_25, MAY_15, TOO_LATE, undeclaredKeys } from '../directive-overview/campaign.fixtures.js';
import { levelRaised, MONITOR, raised, resolved } from '../escalations/escalations.fixtures.js';

const spec = projectionSpec(unitInboxProjection);
const STREAM = itemStream(ITEM_1);

function underWay(log = new CampaignLog()) {
  const given = [log.directive(), log.issued(), log.assigned('rach-gia', 'lead'), log.assigned('phu-quoc', 'lead'), log.assigned('dang-uy-cong-an-tinh', 'cooperating')];
  return { log, given };
}

const inboxOf = (events: RecordedEvent[], unitId: string) => spec.replay(events).get(inboxKey(unitId)) as InboxDoc | undefined;

/** The newest entry of `unitId`'s inbox once `event` is applied after `given`. */
function newest(given: RecordedEvent[], event: RecordedEvent, unitId: string): InboxEntry {
  const doc = spec.given(given).when(event).docs.get<InboxDoc>(inboxKey(unitId))!;
  expect(doc.entries.length).toBe((inboxOf(given, unitId)?.entries.length ?? 0) + 1);
  return doc.entries[0]!;
}

const base = (event: RecordedEvent) => ({ id: `${STREAM}@${event.revision}`, type: event.type, itemId: ITEM_1, directiveId: DIRECTIVE_ID, itemNumber: 1, at: event.metadata.recordedAt });

describe('unit-inbox projection', () => {
  it('ItemIssued and UnitAssigned: the assignment, in the unit’s inbox; the item’s index lists the unit', () => {
    const log = new CampaignLog();
    const given = [log.issued()];
    const assigned = log.assigned('rach-gia', 'lead');
    spec.given(given).when(assigned).then({
      [inboxItemIndexKey(ITEM_1)]: { itemId: ITEM_1, directiveId: DIRECTIVE_ID, number: 1, title: CV_126.items[0]!.title, unitIds: ['rach-gia'], seen: { [STREAM]: 1 } },
      [inboxKey('rach-gia')]: {
        unitId: 'rach-gia',
        total: 1,
        entries: [{
          ...base(assigned),
          at: ASSIGNED_AT,
          kind: 'assignment',
          summary: `Được giao chủ trì nhiệm vụ số 1: ${CV_126.items[0]!.title}; hạn hoàn thành 30/6/2021.`,
          details: { role: 'lead', deadline: '2021-06-30', dueAt: DEADLINE.dueAt },
        }],
        seen: { [STREAM]: 1 },
      },
    });
  });

  it('ReminderSent: to the unit reminded', () => {
    const { log, given } = underWay();
    const reminder = log.item('ReminderSent', { unitId: 'phu-quoc', rule: 'deadline-minus-3d', dueAt: '2021-06-27T17:00:00.000Z', sentAt: '2021-06-27T17:05:00.000Z', late: false, channels: ['inbox', 'email'] }, '2021-06-27T17:05:00.000Z');
    expect(newest(given, reminder, 'phu-quoc')).toEqual({
      ...base(reminder), kind: 'reminder', summary: 'Nhắc việc nhiệm vụ số 1: còn 3 ngày đến hạn.',
      details: { rule: 'deadline-minus-3d', dueAt: '2021-06-27T17:00:00.000Z', sentAt: '2021-06-27T17:05:00.000Z', late: false, channels: ['inbox', 'email'] },
    });
  });

  it('EscalationRaised, EscalationLevelRaised, EscalationResolved: to the unit concerned and to the monitor who must act; an item-wide one only to the monitor', () => {
    const { log, given } = underWay();
    const up = raised(log, 'esc-pq-1', TOO_LATE, { unitId: 'phu-quoc' });
    expect(newest(given, up, 'phu-quoc')).toMatchObject({
      kind: 'escalation', summary: `Cảnh báo cấp 1 về nhiệm vụ số 1: quá hạn chưa báo cáo hoàn thành; ${MONITOR} cần xử lý.`,
      details: { escalationId: 'esc-pq-1', level: 1, rule: 'deadline_missed', mustAct: MONITOR },
    });
    const level2 = levelRaised(log, 'esc-pq-1', JULY_2, 'phu-quoc');
    expect(newest([...given, up], level2, 'phu-quoc').summary).toBe('Cảnh báo về nhiệm vụ số 1 được nâng lên cấp 2; ban-thuong-vu-tinh-uy cần xử lý.');
    const done = resolved(log, 'esc-pq-1', JULY_10, 'phu-quoc');
    expect(newest([...given, up, level2], done, 'phu-quoc').kind).toBe('escalation');
    expect(newest(given, up, MONITOR)).toMatchObject({ kind: 'escalation', details: { escalationId: 'esc-pq-1', mustAct: MONITOR } });
    const itemWide = raised(log, 'esc-item', JULY_2, { rule: 'unresolved' });
    const after = spec.given(given).when(itemWide).docs;
    expect(after.get<InboxDoc>(inboxKey(MONITOR))!.entries[0]).toMatchObject({ details: { escalationId: 'esc-item' } });
    expect(after.get(inboxKey('phu-quoc'))).toEqual(inboxOf(given, 'phu-quoc'));
    expect(after.get(inboxKey('rach-gia'))).toEqual(inboxOf(given, 'rach-gia'));
  });

  it('StatusReportIssued: the directive’s status report, to each of its recipients, linked for reading', () => {
    const { log, given } = underWay();
    const issued = log.record('report-' + DIRECTIVE_ID, 'StatusReportIssued', {
      directiveId: DIRECTIVE_ID, issue: 3, asOf: '2021-05-14T09:00:00.000Z', recipients: [MONITOR, 'van-phong-tinh-uy'], occasion: 'weekly', late: true, issuedAt: '2021-05-14T09:20:00.000Z',
    }, '2021-05-14T09:20:00.000Z');
    const entry = newest(given, issued, 'van-phong-tinh-uy');
    expect(entry).toEqual({
      id: `report-${DIRECTIVE_ID}@${issued.revision}`, type: 'StatusReportIssued', kind: 'report', directiveId: DIRECTIVE_ID, at: '2021-05-14T09:20:00.000Z',
      summary: 'Báo cáo kết quả thực hiện số 3, tình hình đến 16:00 ngày 14/5/2021 (phát hành muộn).',
      details: { issue: 3, asOf: '2021-05-14T09:00:00.000Z', late: true, report: `/reports/directives/${DIRECTIVE_ID}/issues/3` },
    });
    expect(newest(given, issued, MONITOR)).toEqual(entry);
    spec.given(given).when(issued).thenAppliedTwiceChangesNothing();
  });

  it('ExtensionApproved and ExtensionRejected: decisions on the unit’s request', () => {
    const { log, given } = underWay();
    const [request, approved] = log.extension('phu-quoc', '2021-07-31', JUNE_25);
    expect(newest([...given, request!], approved!, 'phu-quoc')).toMatchObject({
      kind: 'decision', summary: 'Đồng ý gia hạn nhiệm vụ số 1 đến ngày 31/7/2021.',
      details: { requestId: 'ext-phu-quoc', newDeadline: '2021-07-31', previousDeadline: '2021-06-30', originalDeadline: '2021-06-30' },
    });
    const rejected = log.item('ExtensionRejected', { unitId: 'rach-gia', requestId: 'ext-rg', reason: 'Không có căn cứ', decidedAt: JUNE_25 }, JUNE_25);
    expect(newest(given, rejected, 'rach-gia').summary).toBe('Không đồng ý gia hạn nhiệm vụ số 1: Không có căn cứ');
  });

  it('CompletionAccepted and CompletionRejected: decisions on the unit’s completion report', () => {
    const { log, given } = underWay();
    const history = [...given, log.completionReported('rach-gia', true, JUNE_25)];
    expect(newest(history, log.completionAccepted('rach-gia', JULY_2), 'rach-gia').summary).toBe('Kết quả hoàn thành nhiệm vụ số 1 được công nhận.');
    const rejected = log.item('CompletionRejected', { unitId: 'phu-quoc', reason: 'Chưa đạt chỉ tiêu', reviewedAt: JULY_2 }, JULY_2);
    expect(newest(given, rejected, 'phu-quoc')).toMatchObject({ kind: 'decision', details: { reason: 'Chưa đạt chỉ tiêu' } });
  });

  it('CommendationProposed: to the nominee’s unit', () => {
    const { log, given } = underWay();
    const nominee = { kind: 'collective' as const, name: 'Thành ủy Rạch Giá', unitId: 'rach-gia' };
    const proposed = log.item('CommendationProposed', { commendationId: 'kt-01', nominee, reason: 'Vượt chỉ tiêu cấp thẻ', proposedAt: JULY_2 }, JULY_2);
    expect(newest(given, proposed, 'rach-gia')).toMatchObject({
      kind: 'decision', summary: 'Đề nghị biểu dương, khen thưởng Thành ủy Rạch Giá (nhiệm vụ số 1): Vượt chỉ tiêu cấp thẻ',
      details: { commendationId: 'kt-01', nominee: 'Thành ủy Rạch Giá', nomineeKind: 'collective' },
    });
  });

  it('ItemClosed: a notice to every unit assigned to the item', () => {
    const { log, given } = underWay();
    const closed = log.closed('cancelled', JULY_10);
    for (const unitId of ['rach-gia', 'phu-quoc', 'dang-uy-cong-an-tinh']) {
      expect(newest(given, closed, unitId)).toEqual({
        ...base(closed), kind: 'notice', summary: 'Nhiệm vụ số 1 đã bị hủy bỏ: Thu hồi nhiệm vụ', details: { outcome: 'cancelled', note: 'Thu hồi nhiệm vụ' },
      });
    }
  });

  it(`keeps the newest ${INBOX_CAP} entries and counts them all`, () => {
    const { log, given } = underWay();
    const reminders = Array.from({ length: INBOX_CAP + 5 }, (_, i) =>
      log.item('ReminderSent', { unitId: 'kien-hai', rule: 'weekly-report', dueAt: `${MAY_15}#${i}`, sentAt: MAY_15, late: false, channels: ['inbox'] }, MAY_15));
    const doc = inboxOf([...given, ...reminders], 'kien-hai')!;
    expect([doc.entries.length, doc.total]).toEqual([INBOX_CAP, INBOX_CAP + 5]);
    expect(doc.entries[0]!.id).toBe(`${STREAM}@${reminders.at(-1)!.revision}`);
    expect(doc.entries.at(-1)!.id).toBe(`${STREAM}@${reminders[5]!.revision}`);
  });
});

describe('unit-inbox idempotency and order', () => {
  const { log, given } = underWay();
  const history = [
    ...given,
    log.item('ReminderSent', { unitId: 'phu-quoc', rule: 'weekly-report', dueAt: MAY_15, sentAt: MAY_15, late: true, channels: ['inbox'] }, MAY_15),
    ...log.extension('phu-quoc', '2021-07-31', JUNE_25),
    raised(log, 'esc-rg-1', TOO_LATE, { unitId: 'rach-gia' }),
    resolved(log, 'esc-rg-1', JULY_2, 'rach-gia'),
    log.closed('cancelled', JULY_10),
  ];

  it.each(history.map((e, i) => [`${e.type} #${i}`, i] as const))('applying %s twice changes nothing', (_name, i) => {
    spec.given(history.slice(0, i)).when(history[i]!).thenAppliedTwiceChangesNothing();
  });

  it.each(history.map((e, i) => [`${e.type} #${i}`, i] as const))('%s delivered again after later events changes nothing', (_name, i) => {
    expect(spec.given(history).when(history[i]!).docs.docs).toEqual(spec.replay(history));
  });

  it('a replay of the same events twice gives the same documents; newest first', () => {
    expect(spec.replay(history)).toEqual(spec.replay(history));
    expect(spec.replay(history.flatMap((e) => [e, e]))).toEqual(spec.replay(history));
    expect(inboxOf(history, 'phu-quoc')!.entries.map((e) => e.type)).toEqual(['ItemClosed', 'ExtensionApproved', 'ReminderSent', 'UnitAssigned']);
  });

  it('needs no directive registration: the same documents whether it comes first, last or not at all', () => {
    const [registration, ...items] = history;
    expect(spec.replay(items)).toEqual(spec.replay(history));
    expect(spec.replay([...items, registration!])).toEqual(spec.replay(history));
  });

  it('keysOf names every document an event changes, but the inboxes an item closing reaches through the item’s index', () => {
    expect(undeclaredKeys(unitInboxProjection, history)).toEqual(['ItemClosed inbox:rach-gia', 'ItemClosed inbox:phu-quoc', 'ItemClosed inbox:dang-uy-cong-an-tinh']);
  });
});
