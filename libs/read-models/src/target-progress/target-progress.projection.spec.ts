import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { projectionSpec } from '#testing';
import { targetProgressProjection } from './target-progress.projection.js';
import { targetItemKey, type TargetItemDoc, type TargetUnitDoc } from './target-progress.document.js';
import { CampaignLog, CV_126, DEADLINE, DIRECTIVE_ID, ITEM_1, itemStream, JULY_2, JUNE_25, MAY_15, TARGET, undeclaredKeys } from '../directive-overview/campaign.fixtures.js';

const spec = projectionSpec(targetProgressProjection);
const KEY = targetItemKey(ITEM_1);
const MAY_8 = '2021-05-08T10:00:00.000Z';

function underWay(log = new CampaignLog()) {
  const given = [log.directive(), log.issued(), log.assigned('rach-gia', 'lead'), log.assigned('phu-quoc', 'lead'), log.assigned('dang-uy-cong-an-tinh', 'cooperating')];
  return { log, given };
}

const docOf = (events: RecordedEvent[]) => spec.replay(events).get(KEY) as TargetItemDoc;

function after(before: TargetItemDoc, event: RecordedEvent, change: Partial<TargetItemDoc>): TargetItemDoc {
  return { ...before, ...change, seen: { ...before.seen, [event.streamId]: event.revision } };
}

const withUnit = (doc: TargetItemDoc, unit: TargetUnitDoc) => ({ units: { ...doc.units, [unit.unitId]: unit } });

describe('target-progress projection', () => {
  it('ItemIssued: the item’s own deadline and targets', () => {
    const log = new CampaignLog();
    const issued = log.issued();
    spec.given([log.directive()]).when(issued).then({
      [KEY]: {
        itemId: ITEM_1, directiveId: DIRECTIVE_ID, number: 1, title: CV_126.items[0]!.title, deadline: DEADLINE, targets: [TARGET],
        lifecycle: 'open', units: {}, corrections: {}, seen: { [itemStream(ITEM_1)]: 0 },
      },
    });
  });

  it('UnitAssigned: lead and cooperating units, no report yet', () => {
    const log = new CampaignLog();
    const given = [log.issued()];
    const police = log.assigned('dang-uy-cong-an-tinh', 'cooperating');
    spec.given(given).when(police).then({
      [KEY]: after(docOf(given), police, { units: { 'dang-uy-cong-an-tinh': { unitId: 'dang-uy-cong-an-tinh', role: 'cooperating', reports: [] } } }),
    });
  });

  it('ProgressReported: every report is kept, in the order reported', () => {
    const { log, given } = underWay();
    const first = [...given, log.reported('rach-gia', 'rg-01', '2021-05-08', 180_000, MAY_8)];
    const second = log.reported('rach-gia', 'rg-02', '2021-05-15', 230_000, MAY_15);
    const before = docOf(first);
    spec.given(first).when(second).then({
      [KEY]: after(before, second, withUnit(before, {
        unitId: 'rach-gia',
        role: 'lead',
        reports: [
          { reportId: 'rg-01', asOf: '2021-05-08', reportedAt: MAY_8, metrics: { cards_issued: 180_000 } },
          { reportId: 'rg-02', asOf: '2021-05-15', reportedAt: MAY_15, metrics: { cards_issued: 230_000 } },
        ],
      })),
    });
  });

  it('ProgressReportCorrected: a chain of corrections replaces the figures of the report it started from', () => {
    const { log, given } = underWay();
    const history = [
      ...given,
      log.reported('phu-quoc', 'pq-01', '2021-05-08', 120_000, MAY_8),
      log.reported('phu-quoc', 'pq-02', '2021-05-15', 170_000, MAY_15),
      log.corrected('phu-quoc', 'pq-01-c', 'pq-01', '2021-05-08', 110_000, JUNE_25),
    ];
    const again = log.corrected('phu-quoc', 'pq-01-c2', 'pq-01-c', '2021-05-08', 115_000, JUNE_25);
    const before = docOf(history);
    spec.given(history).when(again).then({
      [KEY]: after(before, again, {
        ...withUnit(before, {
          unitId: 'phu-quoc',
          role: 'lead',
          reports: [
            { reportId: 'pq-01', asOf: '2021-05-08', reportedAt: MAY_8, metrics: { cards_issued: 115_000 }, correctedBy: ['pq-01-c', 'pq-01-c2'] },
            { reportId: 'pq-02', asOf: '2021-05-15', reportedAt: MAY_15, metrics: { cards_issued: 170_000 } },
          ],
        }),
        corrections: { 'pq-01-c': 'pq-01', 'pq-01-c2': 'pq-01-c' },
      }),
    });
  });

  it('ItemCompleted and ItemClosed: the lifecycle, which ends any risk', () => {
    const { log, given } = underWay();
    const completed = log.completed(true, JULY_2);
    spec.given(given).when(completed).then({ [KEY]: after(docOf(given), completed, { lifecycle: 'completed' }) });
    const closed = log.closed('completed', JULY_2);
    spec.given([...given, completed]).when(closed).then({ [KEY]: after(docOf([...given, completed]), closed, { lifecycle: 'closed', outcome: 'completed' }) });
  });

  it('ignores the events of an item never issued, and needs no directive registration', () => {
    const log = new CampaignLog();
    expect(spec.replay([log.assigned('rach-gia', 'lead')]).size).toBe(0);
    const items = underWay().given.slice(1);
    expect(spec.replay(items).get(KEY)).toEqual(docOf(underWay().given));
  });
});

describe('target-progress idempotency', () => {
  const { log, given } = underWay();
  const history = [
    ...given,
    log.reported('rach-gia', 'rg-01', '2021-05-08', 180_000, MAY_8),
    log.reported('phu-quoc', 'pq-01', '2021-05-08', 120_000, MAY_8),
    log.corrected('phu-quoc', 'pq-01-c', 'pq-01', '2021-05-08', 110_000, JUNE_25),
    log.completed(true, JULY_2),
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

  it('keysOf names every document an event changes', () => {
    expect(undeclaredKeys(targetProgressProjection, history)).toEqual([]);
  });
});
