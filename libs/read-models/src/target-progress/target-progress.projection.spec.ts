import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { projectionSpec } from '#testing';
import { targetProgressProjection } from './target-progress.projection.js';
import { targetItemKey, targetSeriesKey, type TargetItemDoc, type TargetSeriesDoc } from './target-progress.document.js';
import { CampaignLog, CV_126, DEADLINE, DIRECTIVE_ID, ITEM_1, itemStream, JULY_2, JUNE_25, MAY_15, TARGET, undeclaredKeys } from '../directive-overview/campaign.fixtures.js';

const spec = projectionSpec(targetProgressProjection);
const KEY = targetItemKey(ITEM_1);
const series = (unitId: string, asOf: string) => targetSeriesKey(ITEM_1, unitId, asOf);
const MAY_8 = '2021-05-08T10:00:00.000Z';

function underWay(log = new CampaignLog()) {
  const given = [log.directive(), log.issued(), log.assigned('rach-gia', 'lead'), log.assigned('phu-quoc', 'lead'), log.assigned('dang-uy-cong-an-tinh', 'cooperating')];
  return { log, given };
}

const docOf = (events: RecordedEvent[]) => spec.replay(events).get(KEY) as TargetItemDoc;

/** The item's document after `event`: `before` changed, and the event recorded in `seen`. */
function after(before: TargetItemDoc, event: RecordedEvent, change: Partial<TargetItemDoc> = {}): TargetItemDoc {
  return { ...before, ...change, seen: { ...before.seen, [event.streamId]: event.revision } };
}

describe('target-progress projection', () => {
  it('ItemIssued: the item’s own deadline and targets', () => {
    const log = new CampaignLog();
    const issued = log.issued();
    spec.given([log.directive()]).when(issued).then({
      [KEY]: { itemId: ITEM_1, directiveId: DIRECTIVE_ID, number: 1, title: CV_126.items[0]!.title, deadline: DEADLINE, targets: [TARGET], lifecycle: 'open', units: {}, seen: { [itemStream(ITEM_1)]: 0 } },
    });
  });

  it('UnitAssigned: lead and cooperating units, no report yet', () => {
    const log = new CampaignLog();
    const given = [log.issued(), log.assigned('rach-gia', 'lead')];
    const police = log.assigned('dang-uy-cong-an-tinh', 'cooperating');
    spec.given(given).when(police).then({ [KEY]: after(docOf(given), police, { units: { 'rach-gia': 'lead', 'dang-uy-cong-an-tinh': 'cooperating' } }) });
  });

  it('ProgressReported: every report is kept, one document per unit and ten days of report dates, each day in the order reported', () => {
    const { log, given } = underWay();
    const first = [...given, log.reported('rach-gia', 'rg-01', '2021-05-08', 180_000, MAY_8)];
    const second = log.reported('rach-gia', 'rg-02', '2021-05-10', 230_000, MAY_15);
    spec.given(first).when(second).then({
      [KEY]: after(docOf(first), second),
      [series('rach-gia', '2021-05-08')]: {
        unitId: 'rach-gia',
        period: '2021-05-01',
        days: { '2021-05-08': [{ reportId: 'rg-01', metrics: { cards_issued: 180_000 } }], '2021-05-10': [{ reportId: 'rg-02', metrics: { cards_issued: 230_000 } }] },
      },
    });
    expect(series('rach-gia', '2021-05-10')).toBe(series('rach-gia', '2021-05-01'));
    const again = log.reported('rach-gia', 'rg-03', '2021-05-10', 235_000, JUNE_25);
    spec.given([...first, second]).when(again).then({
      [series('rach-gia', '2021-05-10')]: {
        unitId: 'rach-gia',
        period: '2021-05-01',
        days: {
          '2021-05-08': [{ reportId: 'rg-01', metrics: { cards_issued: 180_000 } }],
          '2021-05-10': [{ reportId: 'rg-02', metrics: { cards_issued: 230_000 } }, { reportId: 'rg-03', metrics: { cards_issued: 235_000 } }],
        },
      },
    });
    // Periods: days 1–10, 11–20, 21 to the end of the month.
    expect(['2021-05-11', '2021-05-20', '2021-05-21', '2021-05-31', '2021-06-01'].map((d) => series('rach-gia', d).slice(-10))).toEqual(['2021-05-11', '2021-05-11', '2021-05-21', '2021-05-21', '2021-06-01']);
    const later = log.reported('rach-gia', 'rg-04', '2021-05-15', 300_000, JUNE_25);
    const backdated = log.reported('rach-gia', 'rg-05', '2021-05-09', 290_000, JUNE_25);
    const docs = spec.given([...first, second, again, later]).when(backdated).docs;
    expect(docs.get(series('rach-gia', '2021-05-15'))).toEqual({ unitId: 'rach-gia', period: '2021-05-11', days: { '2021-05-15': [{ reportId: 'rg-04', metrics: { cards_issued: 300_000 } }] } });
    expect(Object.keys(docs.get<TargetSeriesDoc>(series('rach-gia', '2021-05-01'))!.days)).toEqual(['2021-05-08', '2021-05-10', '2021-05-09']);
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
    const before = spec.replay(history);
    spec.given(history).when(again).then({
      [KEY]: after(docOf(history), again),
      [series('phu-quoc', '2021-05-08')]: {
        unitId: 'phu-quoc',
        period: '2021-05-01',
        days: { '2021-05-08': [{ reportId: 'pq-01', metrics: { cards_issued: 115_000 }, correctedBy: ['pq-01-c', 'pq-01-c2'] }] },
      },
      [series('phu-quoc', '2021-05-15')]: before.get(series('phu-quoc', '2021-05-15')),
    });
  });

  it('ProgressReportCorrected: a metric the correction does not name keeps its value', () => {
    const { log, given } = underWay();
    const report = log.item('ProgressReported', { unitId: 'rach-gia', reportId: 'rg-01', asOf: '2021-05-08', metrics: { cards_issued: 180_000, records_received: 200_000 }, narrative: '…', reportedAt: MAY_8 }, MAY_8);
    const correction = log.corrected('rach-gia', 'rg-01-c', 'rg-01', '2021-05-08', 170_000, JUNE_25);
    const doc = spec.given([...given, report]).when(correction).docs.get<TargetSeriesDoc>(series('rach-gia', '2021-05-08'))!;
    expect(doc.days['2021-05-08']![0]!.metrics).toEqual({ cards_issued: 170_000, records_received: 200_000 });
    expect((report.data as { metrics: object }).metrics).toEqual({ cards_issued: 180_000, records_received: 200_000 });
  });

  it('ItemCompleted and ItemClosed: the lifecycle, which ends any risk', () => {
    const { log, given } = underWay();
    const completed = log.completed(true, JULY_2);
    spec.given(given).when(completed).then({ [KEY]: after(docOf(given), completed, { lifecycle: 'completed' }) });
    const closed = log.closed('completed', JULY_2);
    spec.given([...given, completed]).when(closed).then({ [KEY]: after(docOf([...given, completed]), closed, { lifecycle: 'closed', outcome: 'completed' }) });
  });

  it('ignores the events of an item never issued and the reports of units not assigned, and needs no directive registration', () => {
    const log = new CampaignLog();
    expect(spec.replay([log.assigned('rach-gia', 'lead'), log.reported('rach-gia', 'rg-01', '2021-05-08', 1, MAY_8)]).size).toBe(0);
    const { log: other, given } = underWay();
    const stray = other.reported('kien-hai', 'kh-01', '2021-05-08', 1, MAY_8);
    expect([...spec.given(given).when(stray).docs.docs.keys()]).toEqual([KEY]);
    expect(spec.replay(underWay().given.slice(1)).get(KEY)).toEqual(docOf(underWay().given));
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
