import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { projectionSpec } from '#testing';
import { unitScoreboardProjection } from './unit-scoreboard.projection.js';
import { lastReportKey, scoreItemIndexKey, unitKey, type UnitAssignmentDoc, type UnitScoreDoc } from './unit-scoreboard.document.js';
import {
  ASSIGNED_AT,
  CampaignLog,
  CATALOGUE,
  CV_126,
  deadline,
  DEADLINE,
  DIRECTIVE_ID,
  ITEM_1,
  ITEM_3,
  itemStream,
  JULY_2,
  JUNE_25,
  MAY_15,
  TOO_LATE,
  undeclaredKeys,
} from '../directive-overview/campaign.fixtures.js';

const spec = projectionSpec(unitScoreboardProjection);
const TITLE = CV_126.items[0]!.title;

function underWay(log = new CampaignLog()) {
  const given = [
    log.unit('rach-gia'), log.unit('phu-quoc'), log.unit('dang-uy-cong-an-tinh'),
    log.issued(), log.assigned('rach-gia', 'lead'), log.assigned('phu-quoc', 'lead'), log.assigned('dang-uy-cong-an-tinh', 'cooperating'),
  ];
  return { log, given };
}

const unitOf = (events: RecordedEvent[], unitId: string) => spec.replay(events).get(unitKey(unitId)) as UnitScoreDoc;

/** `unitId`'s document after `event`, its item 1 assignment changed. */
function after(events: RecordedEvent[], unitId: string, event: RecordedEvent, change: Partial<UnitAssignmentDoc>) {
  const before = unitOf(events, unitId);
  const assignments = { ...before.assignments, [ITEM_1]: { ...before.assignments[ITEM_1]!, ...change } };
  return { ...before, assignments, seen: { ...before.seen, [event.streamId]: event.revision } };
}

describe('unit-scoreboard projection', () => {
  it('UnitRegistered: name, kind and tags from the catalogue', () => {
    const log = new CampaignLog();
    spec.given([log.unit('rach-gia')]).when(log.unit('kien-hai')).then({
      [unitKey('kien-hai')]: { unitId: 'kien-hai', name: 'Huyện ủy Kiên Hải', kind: 'district_party_committee', tags: ['island'], assignments: {}, seen: { [CATALOGUE]: 1 } },
    });
  });

  it('ItemIssued and UnitAssigned: the assignment with its directive and item, through the item’s index', () => {
    const log = new CampaignLog();
    const given = [log.unit('kien-hai'), log.issued()];
    const assigned = log.assigned('kien-hai', 'lead', { due: deadline('2021-06-15') });
    spec.given(given).when(assigned).then({
      [scoreItemIndexKey(ITEM_1)]: { itemId: ITEM_1, directiveId: DIRECTIVE_ID, number: 1, title: TITLE, deadline: DEADLINE, unitIds: ['kien-hai'], seen: { [itemStream(ITEM_1)]: 1 } },
      [unitKey('kien-hai')]: {
        ...unitOf(given, 'kien-hai'),
        assignments: {
          [ITEM_1]: {
            itemId: ITEM_1, directiveId: DIRECTIVE_ID, itemNumber: 1, itemTitle: TITLE, role: 'lead', assignedAt: ASSIGNED_AT,
            originalDeadline: deadline('2021-06-15'), deadline: deadline('2021-06-15'), completion: { status: 'none' }, itemDeadline: DEADLINE,
          },
        },
        seen: { [CATALOGUE]: 0, [itemStream(ITEM_1)]: 1 },
      },
    });
  });

  it('ProgressReported: the last report, asOf and reportedAt, in a document of its own (the unit’s is left as it is)', () => {
    const { log, given } = underWay();
    const report = log.reported('rach-gia', 'rg-01', '2021-05-15', 230_000, MAY_15);
    const lastReport = { itemId: ITEM_1, reportId: 'rg-01', asOf: '2021-05-15', reportedAt: MAY_15 };
    spec.given(given).when(report).then({
      [lastReportKey('rach-gia')]: { unitId: 'rach-gia', lastReport, seen: { [itemStream(ITEM_1)]: report.revision } },
      [unitKey('rach-gia')]: unitOf(given, 'rach-gia'),
    });
    // A report recorded earlier than the last one (on another item) does not replace it.
    const history = [...given, log.issued(ITEM_3), log.assigned('rach-gia', 'lead', { itemId: ITEM_3 }), report];
    const older = log.reported('rach-gia', 'rg-3-01', '2021-05-14', 10, '2021-05-14T10:00:00.000Z', ITEM_3);
    spec.given(history).when(older).then({
      [lastReportKey('rach-gia')]: { unitId: 'rach-gia', lastReport, seen: { [itemStream(ITEM_1)]: report.revision, [itemStream(ITEM_3)]: older.revision } },
    });
  });

  it('ExtensionApproved: the current deadline', () => {
    const { log, given } = underWay();
    const [request, approved] = log.extension('phu-quoc', '2021-07-31', JUNE_25);
    const history = [...given, request!];
    spec.given(history).when(approved!).then({ [unitKey('phu-quoc')]: after(history, 'phu-quoc', approved!, { deadline: deadline('2021-07-31') }) });
  });

  it('CompletionReported, CompletionAccepted, CompletionRejected', () => {
    const { log, given } = underWay();
    const reported = log.completionReported('rach-gia', true, JUNE_25);
    spec.given(given).when(reported).then({
      [unitKey('rach-gia')]: after(given, 'rach-gia', reported, { completion: { status: 'reported', onTime: true, reportedAt: JUNE_25 } }),
    });
    const accepted = log.completionAccepted('rach-gia', JULY_2);
    spec.given([...given, reported]).when(accepted).then({
      [unitKey('rach-gia')]: after([...given, reported], 'rach-gia', accepted, { completion: { status: 'accepted', onTime: true, reportedAt: JUNE_25, reviewedAt: JULY_2 } }),
    });
    const late = [...given, log.completionReported('phu-quoc', false, TOO_LATE)];
    const rejected = log.item('CompletionRejected', { unitId: 'phu-quoc', reason: 'Chưa đạt', reviewedAt: JULY_2 }, JULY_2);
    spec.given(late).when(rejected).then({ [unitKey('phu-quoc')]: after(late, 'phu-quoc', rejected, { completion: { status: 'rejected', reviewedAt: JULY_2 } }) });
  });

  it('ItemCompleted and ItemClosed reach every unit assigned to the item', () => {
    const { log, given } = underWay();
    const completed = log.completed(true, JULY_2);
    const itemCompletion = { itemCompletion: { onTime: true, completedAt: JULY_2 } };
    spec.given(given).when(completed).then({
      [unitKey('rach-gia')]: after(given, 'rach-gia', completed, itemCompletion),
      [unitKey('dang-uy-cong-an-tinh')]: after(given, 'dang-uy-cong-an-tinh', completed, itemCompletion),
    });
    const closed = log.closed('cancelled', JULY_2);
    spec.given(given).when(closed).then({
      [unitKey('phu-quoc')]: after(given, 'phu-quoc', closed, { itemClosure: { outcome: 'cancelled', closedAt: JULY_2 } }),
    });
  });
});

describe('unit-scoreboard idempotency and order', () => {
  const { log, given } = underWay();
  const history = [
    ...given,
    log.reported('rach-gia', 'rg-01', '2021-05-15', 230_000, MAY_15),
    ...log.extension('phu-quoc', '2021-07-31', JUNE_25),
    log.completionReported('rach-gia', true, JUNE_25),
    log.completionAccepted('rach-gia', JULY_2),
    log.completed(false, JULY_2),
    log.closed('completed', JULY_2),
  ];

  it.each(history.map((e, i) => [`${e.type} #${i}`, i] as const))('applying %s twice changes nothing', (_name, i) => {
    spec.given(history.slice(0, i)).when(history[i]!).thenAppliedTwiceChangesNothing();
  });

  it.each(history.map((e, i) => [`${e.type} #${i}`, i] as const))('%s delivered again after later events changes nothing', (_name, i) => {
    expect(spec.given(history).when(history[i]!).docs.docs).toEqual(spec.replay(history));
  });

  it('a replay of the same events twice gives the same documents', () => {
    expect(spec.replay(history)).toEqual(spec.replay(history));
    expect(spec.replay(history.flatMap((e) => [e, e]))).toEqual(spec.replay(history));
  });

  it('the catalogue may come after the assignments, and no directive registration is needed: the same documents', () => {
    const catalogue = history.filter((e) => e.type === 'UnitRegistered');
    const items = history.filter((e) => e.type !== 'UnitRegistered');
    const early = spec.replay(items).get(unitKey('rach-gia')) as UnitScoreDoc;
    expect(early.name).toBeUndefined();
    expect(early.assignments[ITEM_1]!.completion.status).toBe('accepted');
    expect(spec.replay([...items, ...catalogue])).toEqual(spec.replay(history));
  });

  it('keysOf names every document an event changes, but the units an item-wide event reaches through the item’s index', () => {
    expect(undeclaredKeys(unitScoreboardProjection, history)).toEqual([
      'ItemCompleted unit:rach-gia', 'ItemCompleted unit:phu-quoc', 'ItemCompleted unit:dang-uy-cong-an-tinh',
      'ItemClosed unit:rach-gia', 'ItemClosed unit:phu-quoc', 'ItemClosed unit:dang-uy-cong-an-tinh',
    ]);
  });
});
