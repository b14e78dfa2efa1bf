import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { projectionSpec } from '#testing';
import { directiveOverviewProjection } from './directive-overview.projection.js';
import type { DirectiveOverviewDocs } from './directive-overview.document.js';
import { directiveOverviewView } from './directive-overview.view.js';
import { CampaignLog, overviewDocs, deadline, DEADLINE, DIRECTIVE_ID, ITEM_1, ITEM_3, ITEM_4, JULY_10, JULY_2, JUNE_25, LAST_MOMENT, MAY_15, TOO_LATE } from './campaign.fixtures.js';

const ITEM_2 = `${DIRECTIVE_ID}.2`;
const ITEM_5 = `${DIRECTIVE_ID}.5`;

/**
 * 126-CV/TU with its items in every state: item 1 in progress (Rạch Giá and Phú Quốc lead, the
 * police cooperate), item 2 cancelled, item 3 completed on time by the police, item 4 completed
 * late by Kiên Hải, item 5 registered but not issued. Figures illustrative.
 */
function campaign(extra: (log: CampaignLog) => RecordedEvent[] = () => []) {
  const log = new CampaignLog();
  const events = [
    log.directive(),
    log.issued(ITEM_1),
    log.assigned('rach-gia', 'lead'),
    log.assigned('phu-quoc', 'lead'),
    log.assigned('dang-uy-cong-an-tinh', 'cooperating'),
    log.reported('rach-gia', 'rg-01', '2021-05-15', 230_000, MAY_15),
    log.reported('phu-quoc', 'pq-01', '2021-05-15', 170_000, MAY_15),
    log.reported('dang-uy-cong-an-tinh', 'ca-01', '2021-05-15', 395_000, MAY_15),
    log.issued(ITEM_2),
    log.assigned('dang-uy-cong-an-tinh', 'lead', { itemId: ITEM_2 }),
    log.closed('cancelled', JUNE_25, ITEM_2),
    log.issued(ITEM_3),
    log.assigned('dang-uy-cong-an-tinh', 'lead', { itemId: ITEM_3 }),
    log.completionReported('dang-uy-cong-an-tinh', true, JUNE_25, ITEM_3),
    log.completionAccepted('dang-uy-cong-an-tinh', JULY_2, ITEM_3),
    log.completed(true, JULY_2, ITEM_3),
    log.issued(ITEM_4),
    log.assigned('kien-hai', 'lead', { itemId: ITEM_4 }),
    log.completionReported('kien-hai', false, TOO_LATE, ITEM_4),
    log.completionAccepted('kien-hai', JULY_2, ITEM_4),
    log.completed(false, JULY_2, ITEM_4),
    ...extra(log),
  ];
  return overviewDocs(projectionSpec(directiveOverviewProjection).replay(events));
}

const statuses = (doc: DirectiveOverviewDocs, now: string) =>
  Object.fromEntries(directiveOverviewView(doc, now).items.map((i) => [i.itemId, i.status]));

describe('directive overview view', () => {
  it('puts each item in its cell, and item 1 turns overdue at 2021-06-30T17:00:00.000Z, not a millisecond before', () => {
    const doc = campaign();
    expect(statuses(doc, LAST_MOMENT)).toEqual({
      [ITEM_1]: 'in_progress_on_time',
      [ITEM_2]: 'cancelled',
      [ITEM_3]: 'completed_on_time',
      [ITEM_4]: 'completed_late',
      [ITEM_5]: null,
    });
    expect(statuses(doc, TOO_LATE)[ITEM_1]).toBe('in_progress_overdue');
    expect(directiveOverviewView(doc, LAST_MOMENT).counts).toEqual({
      in_progress_on_time: 1, in_progress_overdue: 0, completed_on_time: 1, completed_late: 1, cancelled: 1, atRisk: 0,
    });
    expect(directiveOverviewView(doc, TOO_LATE).counts).toEqual({
      in_progress_on_time: 0, in_progress_overdue: 1, completed_on_time: 1, completed_late: 1, cancelled: 1, atRisk: 0,
    });
  });

  it('shows the header, lead and cooperating units with their cells, and progress of the lead units only', () => {
    const view = directiveOverviewView(campaign(), TOO_LATE);
    expect(view.header?.number).toBe('126-CV/TU');
    const item1 = view.items[0]!;
    expect(item1.leadUnits.map((u) => [u.unitId, u.status])).toEqual([['phu-quoc', 'in_progress_overdue'], ['rach-gia', 'in_progress_overdue']]);
    expect(item1.cooperatingUnits.map((u) => [u.unitId, u.status])).toEqual([['dang-uy-cong-an-tinh', 'in_progress_overdue']]);
    // 230,000 + 170,000 = 400,000 of 1,171,200 = 34.153…% → 34.15; the police's 395,000 are not added.
    expect(item1.progress).toEqual([{ metric: 'cards_issued', label: 'thẻ CCCD đã cấp', target: 1_171_200, reached: 400_000, percent: 34.15 }]);
    expect(view.items.find((i) => i.itemId === ITEM_5)).toMatchObject({ issued: false, status: null, deadline: DEADLINE, leadUnits: [] });
  });

  it('an extension moves a lead unit back on time, and the item with it once the other lead reported on time', () => {
    const doc = campaign((log) => [...log.extension('phu-quoc', '2021-07-31', JUNE_25), log.completionReported('rach-gia', true, JUNE_25)]);
    const item1 = directiveOverviewView(doc, JULY_10).items[0]!;
    expect(item1.status).toBe('in_progress_on_time');
    expect(item1.leadUnits.find((u) => u.unitId === 'phu-quoc')).toMatchObject({
      status: 'in_progress_on_time', deadline: deadline('2021-07-31'), originalDeadline: DEADLINE, extended: true,
    });
    expect(item1.deadline).toEqual(DEADLINE);
    expect(statuses(doc, '2021-07-31T17:00:00.000Z')[ITEM_1]).toBe('in_progress_overdue');
  });

  it('a cooperating unit completes with the item', () => {
    const doc = campaign((log) => [
      log.completionReported('rach-gia', true, JUNE_25), log.completionReported('phu-quoc', true, JUNE_25),
      log.completionAccepted('rach-gia', JULY_2), log.completionAccepted('phu-quoc', JULY_2), log.completed(true, JULY_2),
    ]);
    const item1 = directiveOverviewView(doc, JULY_10).items[0]!;
    expect(item1.status).toBe('completed_on_time');
    expect(item1.cooperatingUnits[0]!.status).toBe('completed_on_time');
  });

  it('takes at-risk from the target forecast, for items in progress only', () => {
    const view = directiveOverviewView(campaign(), LAST_MOMENT, { [ITEM_1]: true, [ITEM_3]: true, [ITEM_2]: true });
    expect(view.items.filter((i) => i.atRisk).map((i) => i.itemId)).toEqual([ITEM_1]);
    expect(view.counts.atRisk).toBe(1);
  });

  it('lists open escalations, highest level first', () => {
    const doc = campaign((log) => [
      log.item('EscalationRaised', { escalationId: 'esc-1', unitId: 'phu-quoc', level: 1, rule: 'deadline_missed', reason: 'Quá hạn', mustAct: 'dang-uy-cong-an-tinh', raisedAt: TOO_LATE }, TOO_LATE),
      log.item('EscalationRaised', { escalationId: 'esc-2', unitId: 'rach-gia', level: 2, rule: 'at_risk', reason: 'Chậm', mustAct: 'ban-thuong-vu-tinh-uy', raisedAt: JULY_2 }, JULY_2),
      log.item('EscalationRaised', { escalationId: 'esc-3', level: 1, rule: 'unresolved', reason: 'Vướng mắc', mustAct: 'dang-uy-cong-an-tinh', raisedAt: JULY_2 }, JULY_2),
      log.item('EscalationResolved', { escalationId: 'esc-3', resolution: 'Đã xử lý', resolvedAt: JULY_10 }, JULY_10),
    ]);
    expect(directiveOverviewView(doc, JULY_10).items[0]!.openEscalations.map((e) => e.escalationId)).toEqual(['esc-2', 'esc-1']);
  });
});
