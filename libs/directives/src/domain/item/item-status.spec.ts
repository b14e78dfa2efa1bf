import { describe, expect, it } from '@jest/globals';
import { assignmentStatus, itemStatus, targetProgress } from './item.status.js';
import {
  acknowledged,
  assigned,
  completed,
  completionAccepted,
  completionReported,
  deadline,
  DEADLINE,
  DISTRICTS_GROUP,
  ev,
  fold,
  issued,
  itemCompleted,
  JULY_10,
  JULY_2,
  JUNE_25,
  LAST_MOMENT,
  MAY_10,
  reported,
  TOO_LATE,
  underWay,
} from './item.fixtures.js';

const extendedRachGia = [
  ev('ExtensionRequested', { unitId: 'rach-gia', requestId: 'ext-rg-01', currentDeadline: DEADLINE, requestedDeadline: deadline('2021-07-31'), reason: 'COVID-19', requestedAt: JUNE_25 }),
  ev('ExtensionApproved', { unitId: 'rach-gia', requestId: 'ext-rg-01', originalDeadline: DEADLINE, previousDeadline: DEADLINE, newDeadline: deadline('2021-07-31'), decidedAt: JUNE_25 }),
];
const closed = (outcome: 'completed' | 'cancelled') => ev('ItemClosed', { outcome, ...(outcome === 'cancelled' ? { note: 'Thu hồi' } : {}), closedAt: JULY_10 });

describe('Item status', () => {
  it('is in progress on time until the end of 30-6-2021 in +07, and overdue from then', () => {
    const state = fold(underWay);
    expect(itemStatus(state, JUNE_25)).toBe('in_progress_on_time');
    expect(itemStatus(state, LAST_MOMENT)).toBe('in_progress_on_time');
    expect(itemStatus(state, TOO_LATE)).toBe('in_progress_overdue');
  });

  it('follows the item’s own deadline while no lead unit is assigned', () => {
    const state = fold([issued, assigned('dang-uy-cong-an-tinh', 'cooperating')]);
    expect(itemStatus(state, LAST_MOMENT)).toBe('in_progress_on_time');
    expect(itemStatus(state, TOO_LATE)).toBe('in_progress_overdue');
  });

  it('is overdue as soon as one lead unit is past its own deadline', () => {
    const state = fold([...underWay, assigned('kien-hai', 'lead', DISTRICTS_GROUP, deadline('2021-06-15'))]);
    expect(itemStatus(state, '2021-06-15T16:59:59.999Z')).toBe('in_progress_on_time');
    expect(itemStatus(state, '2021-06-15T17:00:00.000Z')).toBe('in_progress_overdue');
  });

  it('is on time after the deadline when one lead has an extension and the other reported completion on time', () => {
    const state = fold([...underWay, ...extendedRachGia, completionReported('phu-quoc', true, JUNE_25)]);
    expect(itemStatus(state, JULY_10)).toBe('in_progress_on_time');
    expect(itemStatus(state, '2021-07-31T17:00:00.000Z')).toBe('in_progress_overdue');
  });

  it('is completed on time, and stays so once closed as completed', () => {
    expect(itemStatus(fold(completed), '2022-01-01T00:00:00.000Z')).toBe('completed_on_time');
    expect(itemStatus(fold([...completed, closed('completed')]), '2022-01-01T00:00:00.000Z')).toBe('completed_on_time');
  });

  it('is completed late when the item was completed late', () => {
    const late = [
      ...underWay,
      completionReported('rach-gia', false, TOO_LATE),
      completionReported('phu-quoc', true, JUNE_25),
      completionAccepted('rach-gia', JULY_2),
      completionAccepted('phu-quoc', JULY_2),
      itemCompleted(false, JULY_2),
    ];
    expect(itemStatus(fold(late), JUNE_25)).toBe('completed_late');
  });

  it('is cancelled once closed as cancelled, whatever came before', () => {
    expect(itemStatus(fold([...underWay, closed('cancelled')]), JUNE_25)).toBe('cancelled');
    expect(itemStatus(fold([...completed, closed('cancelled')]), JUNE_25)).toBe('cancelled');
  });
});

describe('Assignment status', () => {
  const at = (events: Parameters<typeof fold>[0], unitId: string, now: string) => assignmentStatus(fold(events).assignments.get(unitId)!, now);

  it('is overdue from the end of the unit’s deadline day in +07', () => {
    expect(at(underWay, 'rach-gia', LAST_MOMENT)).toBe('in_progress_on_time');
    expect(at(underWay, 'rach-gia', TOO_LATE)).toBe('in_progress_overdue');
  });

  it('counts a completion reported on time as on time while it waits for review; a late one as overdue', () => {
    expect(at([...underWay, completionReported('rach-gia', true, JUNE_25)], 'rach-gia', JULY_10)).toBe('in_progress_on_time');
    expect(at([...underWay, completionReported('rach-gia', false, TOO_LATE)], 'rach-gia', JULY_10)).toBe('in_progress_overdue');
  });

  it('goes back to the deadline after a rejection', () => {
    const rejected = [...underWay, completionReported('rach-gia', true, JUNE_25), ev('CompletionRejected', { unitId: 'rach-gia', reason: 'Chưa đủ', reviewedAt: JUNE_25 })];
    expect(at(rejected, 'rach-gia', JUNE_25)).toBe('in_progress_on_time');
    expect(at(rejected, 'rach-gia', JULY_10)).toBe('in_progress_overdue');
  });

  it('is completed on time or late once accepted', () => {
    expect(at(completed, 'rach-gia', JULY_10)).toBe('completed_on_time');
    const lateAccepted = [...underWay, completionReported('rach-gia', false, TOO_LATE), completionAccepted('rach-gia', JULY_2)];
    expect(at(lateAccepted, 'rach-gia', JULY_10)).toBe('completed_late');
  });

  it('follows the extended deadline after an approval, keeping the original on record', () => {
    const state = fold([...underWay, ...extendedRachGia]);
    expect(state.assignments.get('rach-gia')).toMatchObject({ originalDeadline: DEADLINE, deadline: deadline('2021-07-31') });
    expect(state.assignments.get('rach-gia')?.pendingExtensionId).toBeUndefined();
    expect(at([...underWay, ...extendedRachGia], 'rach-gia', JULY_10)).toBe('in_progress_on_time');
  });
});

describe('Target progress', () => {
  const metric = (cards: number) => ({ metric: 'cards_issued', label: 'thẻ CCCD đã cấp', target: 1_171_200, reached: cards, percent: Math.round((cards / 1_171_200) * 10_000) / 100 });

  it('is zero before any report', () => {
    expect(targetProgress(fold(underWay))).toStrictEqual([{ metric: 'cards_issued', label: 'thẻ CCCD đã cấp', target: 1_171_200, reached: 0, percent: 0 }]);
  });

  it('sums the latest cumulative figures of the lead units only', () => {
    const state = fold([
      ...underWay,
      reported('rach-gia', 'rg-01', '2021-05-01', 150_000, MAY_10),
      reported('rach-gia', 'rg-02', '2021-05-10', 200_000, MAY_10),
      reported('phu-quoc', 'pq-01', '2021-05-10', 30_000, MAY_10),
      reported('dang-uy-cong-an-tinh', 'ca-01', '2021-05-10', 500_000, MAY_10),
    ]);
    expect(targetProgress(state)).toStrictEqual([{ metric: 'cards_issued', label: 'thẻ CCCD đã cấp', target: 1_171_200, reached: 230_000, percent: 19.64 }]);
  });

  it('uses the corrected figure of a corrected latest report, not that of an earlier corrected one', () => {
    const base = [...underWay, reported('rach-gia', 'rg-01', '2021-05-10', 150_000, MAY_10), reported('rach-gia', 'rg-02', '2021-05-10', 200_000, MAY_10)];
    const correction = (reportId: string, correctsReportId: string, cards: number) =>
      ev('ProgressReportCorrected', { unitId: 'rach-gia', reportId, correctsReportId, asOf: '2021-05-10', metrics: { cards_issued: cards }, reason: 'Nhập sai', correctedAt: JULY_2 });
    expect(targetProgress(fold([...base, correction('rg-02-c1', 'rg-02', 190_000)]))).toStrictEqual([metric(190_000)]);
    expect(targetProgress(fold([...base, correction('rg-01-c1', 'rg-01', 140_000)]))).toStrictEqual([metric(200_000)]);
  });

  it('leaves the label out when the target has none', () => {
    const unlabelled = { ...issued, data: { ...issued.data, targets: [{ metric: 'applications_taken', value: 1_200_000 }] } };
    const state = fold([unlabelled, assigned('rach-gia', 'lead'), acknowledged('rach-gia'), ev('ProgressReported', {
      unitId: 'rach-gia', reportId: 'rg-01', asOf: '2021-05-10', metrics: { applications_taken: 300_000 }, narrative: 'Thu nhận hồ sơ', reportedAt: MAY_10,
    })]);
    expect(targetProgress(state)).toStrictEqual([{ metric: 'applications_taken', target: 1_200_000, reached: 300_000, percent: 25 }]);
  });
});
