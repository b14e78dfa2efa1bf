import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { projectionSpec } from '#testing';
import { directiveOverviewProjection } from './directive-overview.projection.js';
import { directiveKey, overviewIndexKey, overviewProgressKey, type DirectiveOverviewDoc, type OverviewItemDoc, type OverviewProgressDoc } from './directive-overview.document.js';
import { ASSIGNED_AT, CampaignLog, CV_126, deadline, DEADLINE, DIRECTIVE_ID, ISSUED_AT, ITEM_1, itemStream } from './campaign.fixtures.js';
import { JULY_2, JUNE_25, MAY_15, REGISTERED_AT, REGISTRY, TARGET, TOO_LATE } from './campaign.fixtures.js';

const spec = projectionSpec(directiveOverviewProjection);
const KEY = directiveKey(DIRECTIVE_ID);
const PROGRESS = overviewProgressKey(ITEM_1);

/** 126-CV/TU registered, item 1 issued to Rạch Giá and Phú Quốc (lead) and the police (cooperating). */
function underWay(log = new CampaignLog()) {
  const given = [
    log.directive(),
    log.issued(),
    log.assigned('rach-gia', 'lead', { via: 'district-party-committees' }),
    log.assigned('phu-quoc', 'lead'),
    log.assigned('dang-uy-cong-an-tinh', 'cooperating'),
  ];
  return { log, given };
}

const docOf = (events: RecordedEvent[]) => spec.replay(events).get(KEY) as DirectiveOverviewDoc;
const progressOf = (events: RecordedEvent[]) => spec.replay(events).get(PROGRESS) as OverviewProgressDoc;

/** Item 1's figures after `event`: `before` changed, and the event recorded in `seen`. */
function figuresAfter(before: OverviewProgressDoc, event: RecordedEvent, change: Partial<OverviewProgressDoc>) {
  return { ...before, ...change, seen: { ...before.seen, [event.streamId]: event.revision } };
}

/** The document after `event`: `before` with item 1 changed and the event recorded in `seen`. */
function after(before: DirectiveOverviewDoc, event: RecordedEvent, change: (item: OverviewItemDoc) => Partial<OverviewItemDoc>) {
  const item = before.items[ITEM_1]!;
  return { ...before, items: { ...before.items, [ITEM_1]: { ...item, ...change(item) } }, seen: { ...before.seen, [event.streamId]: event.revision } };
}

const assignment = (item: OverviewItemDoc, unitId: string, change: object) => ({
  assignments: { ...item.assignments, [unitId]: { ...item.assignments[unitId]!, ...change } },
});

describe('directive-overview projection', () => {
  it('DirectiveRegistered: the header and every item as registered, not yet issued', () => {
    const log = new CampaignLog();
    const docs = spec.given([]).when(log.directive()).docs;
    const doc = docs.get<DirectiveOverviewDoc>(KEY)!;
    expect(doc.header).toEqual(CV_126.header);
    expect(doc.monitoring).toEqual(CV_126.monitoring);
    expect(doc.registeredAt).toBe(REGISTERED_AT);
    expect(doc.seen).toEqual({ [REGISTRY]: 0 });
    expect(Object.keys(doc.items)).toHaveLength(5);
    expect(doc.items[ITEM_1]).toEqual({
      itemId: ITEM_1,
      number: 1,
      title: CV_126.items[0]!.title,
      lifecycle: 'registered',
      deadline: DEADLINE,
      targets: [TARGET],
      assignments: {},
      openEscalations: {},
    });
  });

  it('ItemIssued: the item opens, and its index names its directive', () => {
    const log = new CampaignLog();
    const registered = log.directive();
    const before = docOf([registered]);
    const issued = log.issued();
    spec.given([registered]).when(issued).then({
      [overviewIndexKey(ITEM_1)]: { itemId: ITEM_1, directiveId: DIRECTIVE_ID, seen: { [itemStream(ITEM_1)]: 0 } },
      [KEY]: after(before, issued, () => ({ lifecycle: 'open', issuedAt: ISSUED_AT, deadline: DEADLINE, targets: [TARGET] })),
      [PROGRESS]: { itemId: ITEM_1, units: {}, corrections: {}, seen: { [itemStream(ITEM_1)]: 0 } },
    });
  });

  it('UnitAssigned: lead and cooperating units with their deadline, original and current; no figure yet', () => {
    const { log, given } = underWay();
    const before = docOf(given);
    const kienHai = log.assigned('kien-hai', 'lead', { due: deadline('2021-06-15'), via: 'district-party-committees' });
    spec.given(given).when(kienHai).then({
      [KEY]: after(before, kienHai, (item) => ({
        assignments: {
          ...item.assignments,
          'kien-hai': {
            unitId: 'kien-hai', role: 'lead', viaGroupId: 'district-party-committees', assignedAt: ASSIGNED_AT,
            originalDeadline: deadline('2021-06-15'), deadline: deadline('2021-06-15'), completion: { status: 'none' },
          },
        },
      })),
      [PROGRESS]: figuresAfter(progressOf(given), kienHai, { units: { ...progressOf(given).units, 'kien-hai': {} } }),
    });
    expect(before.items[ITEM_1]!.assignments['dang-uy-cong-an-tinh']!.role).toBe('cooperating');
  });

  it('ProgressReported: the unit’s latest cumulative value, in the item’s figures (the directive’s document is left as it is)', () => {
    const { log, given } = underWay();
    const before = progressOf(given);
    const report = log.reported('rach-gia', 'rg-01', '2021-05-15', 230_000, MAY_15);
    spec.given(given).when(report).then({
      [PROGRESS]: figuresAfter(before, report, { units: { ...before.units, 'rach-gia': { cards_issued: { value: 230_000, asOf: '2021-05-15', reportId: 'rg-01' } } } }),
      [KEY]: docOf(given),
    });
  });

  it('ProgressReportCorrected: replaces the corrected value, but not a later report of the same day', () => {
    const { log, given } = underWay();
    const history = [...given, log.reported('rach-gia', 'rg-01', '2021-05-15', 230_000, MAY_15)];
    const correction = log.corrected('rach-gia', 'rg-01-c', 'rg-01', '2021-05-15', 220_000, JUNE_25);
    const value = { cards_issued: { value: 220_000, asOf: '2021-05-15', reportId: 'rg-01-c' } };
    const before = progressOf(history);
    spec.given(history).when(correction).then({
      [PROGRESS]: figuresAfter(before, correction, { units: { ...before.units, 'rach-gia': value }, corrections: { 'rg-01-c': 'rg-01' } }),
    });

    const sameDay = [...history, log.reported('rach-gia', 'rg-02', '2021-05-15', 240_000, MAY_15)];
    const late = log.corrected('rach-gia', 'rg-01-c2', 'rg-01', '2021-05-15', 225_000, JUNE_25);
    const doc = spec.given(sameDay).when(late).docs.get<OverviewProgressDoc>(PROGRESS)!;
    expect(doc.units['rach-gia']!['cards_issued']!.value).toBe(240_000);
  });

  it('ExtensionApproved: the current deadline moves, the original one stays', () => {
    const { log, given } = underWay();
    const [request, extension] = log.extension('phu-quoc', '2021-07-31', JUNE_25);
    spec.given([...given, request!]).when(extension!).then({
      [KEY]: after(docOf(given), extension!, (item) => assignment(item, 'phu-quoc', { deadline: deadline('2021-07-31'), originalDeadline: DEADLINE })),
    });
  });

  it('CompletionReported, then CompletionAccepted or CompletionRejected', () => {
    const { log, given } = underWay();
    const reported = log.completionReported('rach-gia', true, JUNE_25);
    spec.given(given).when(reported).then({
      [KEY]: after(docOf(given), reported, (item) => assignment(item, 'rach-gia', { completion: { status: 'reported', onTime: true, reportedAt: JUNE_25 } })),
    });
    const accepted = log.completionAccepted('rach-gia', JULY_2);
    const withReport = [...given, reported];
    spec.given(withReport).when(accepted).then({
      [KEY]: after(docOf(withReport), accepted, (item) =>
        assignment(item, 'rach-gia', { completion: { status: 'accepted', onTime: true, reportedAt: JUNE_25, reviewedAt: JULY_2 } })),
    });
    const other = underWay();
    const withLateReport = [...other.given, other.log.completionReported('phu-quoc', false, TOO_LATE)];
    const rejected = other.log.item('CompletionRejected', { unitId: 'phu-quoc', reason: 'Chưa đạt chỉ tiêu', reviewedAt: JULY_2 }, JULY_2);
    spec.given(withLateReport).when(rejected).then({
      [KEY]: after(docOf(withLateReport), rejected, (item) => assignment(item, 'phu-quoc', { completion: { status: 'rejected', reviewedAt: JULY_2 } })),
    });
  });

  it('ItemCompleted and ItemClosed', () => {
    const { log, given } = underWay();
    const completed = log.completed(true, JULY_2);
    spec.given(given).when(completed).then({
      [KEY]: after(docOf(given), completed, () => ({ lifecycle: 'completed', completion: { onTime: true, completedAt: JULY_2 } })),
    });
    const closed = log.closed('cancelled', JULY_2);
    spec.given([...given, completed]).when(closed).then({
      [KEY]: after(docOf([...given, completed]), closed, () => ({ lifecycle: 'closed', closure: { outcome: 'cancelled', closedAt: JULY_2, note: 'Thu hồi nhiệm vụ' } })),
    });
  });

  it('DeadlineMissed: when it was found', () => {
    const { log, given } = underWay();
    const missed = log.item('DeadlineMissed', { unitId: 'phu-quoc', deadline: DEADLINE, detectedAt: TOO_LATE, late: false }, TOO_LATE);
    spec.given(given).when(missed).then({ [KEY]: after(docOf(given), missed, (item) => assignment(item, 'phu-quoc', { deadlineMissedAt: TOO_LATE })) });
  });

  it('EscalationRaised, EscalationLevelRaised, EscalationResolved: open escalations only', () => {
    const { log, given } = underWay();
    const raised = log.item('EscalationRaised', { escalationId: 'esc-1', unitId: 'phu-quoc', level: 1, rule: 'deadline_missed', reason: 'Quá hạn', mustAct: 'dang-uy-cong-an-tinh', raisedAt: TOO_LATE }, TOO_LATE);
    const open = { escalationId: 'esc-1', unitId: 'phu-quoc', level: 1, rule: 'deadline_missed', reason: 'Quá hạn', mustAct: 'dang-uy-cong-an-tinh', raisedAt: TOO_LATE };
    spec.given(given).when(raised).then({ [KEY]: after(docOf(given), raised, () => ({ openEscalations: { 'esc-1': open } })) });

    const up = log.item('EscalationLevelRaised', { escalationId: 'esc-1', unitId: 'phu-quoc', level: 2, mustAct: 'ban-thuong-vu-tinh-uy', reason: 'Chưa xử lý sau 3 ngày', raisedAt: JULY_2 }, JULY_2);
    const level2 = { ...open, level: 2, mustAct: 'ban-thuong-vu-tinh-uy', reason: 'Chưa xử lý sau 3 ngày', levelRaisedAt: JULY_2 };
    spec.given([...given, raised]).when(up).then({ [KEY]: after(docOf([...given, raised]), up, () => ({ openEscalations: { 'esc-1': level2 } })) });

    const resolved = log.item('EscalationResolved', { escalationId: 'esc-1', unitId: 'phu-quoc', resolution: 'Đã gia hạn', resolvedAt: JULY_2 }, JULY_2);
    const history = [...given, raised, up];
    spec.given(history).when(resolved).then({ [KEY]: after(docOf(history), resolved, () => ({ openEscalations: {} })) });
  });

  it('ignores the events of an item never issued', () => {
    const log = new CampaignLog();
    const stray = log.assigned('rach-gia', 'lead');
    expect([...spec.given([]).when(stray).docs.docs.keys()]).toEqual([]);
  });
});
