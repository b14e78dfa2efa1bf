import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#event-store';
import { projectionSpec } from '#testing';
import { unitScoreboardProjection } from './unit-scoreboard.projection.js';
import { LAST_REPORT_KEY_PREFIX, UNIT_KEY_PREFIX, type UnitLastReportDoc, type UnitScoreDoc, type UnitScoreDocs } from './unit-scoreboard.document.js';
import { unitScoreboardView, unitScoreDocs, unitScoreView } from './unit-scoreboard.view.js';
import { CampaignLog, CATALOGUE, deadline, DIRECTIVE_ID, ITEM_1, ITEM_3, ITEM_4, JULY_2, JUNE_25, LAST_MOMENT, TOO_LATE } from '../directive-overview/campaign.fixtures.js';

const ITEM_2 = `${DIRECTIVE_ID}.2`;

/**
 * Item 1: Rạch Giá and Phú Quốc lead, the police cooperate. Item 2: the police lead, cancelled.
 * Item 3: the police lead, completed on time. Item 4: Rạch Giá and Kiên Hải lead. Giang Thành is
 * registered with no assignment. Last reports: Rạch Giá 2021-06-29, Phú Quốc 2021-06-28, Kiên Hải
 * 2021-06-20 (dates in +07); the police never reported.
 */
function campaign(extra: (log: CampaignLog) => RecordedEvent[] = () => []): UnitScoreDocs[] {
  const log = new CampaignLog();
  const events = [
    log.unit('rach-gia'), log.unit('phu-quoc'), log.unit('kien-hai'), log.unit('dang-uy-cong-an-tinh'),
    log.record(CATALOGUE, 'UnitRegistered', { unitId: 'giang-thanh', name: 'Huyện ủy Giang Thành', kind: 'district_party_committee', tags: ['border'], registeredAt: JUNE_25 }, JUNE_25),
    log.issued(ITEM_1), log.assigned('rach-gia', 'lead'), log.assigned('phu-quoc', 'lead'), log.assigned('dang-uy-cong-an-tinh', 'cooperating'),
    log.issued(ITEM_2), log.assigned('dang-uy-cong-an-tinh', 'lead', { itemId: ITEM_2 }), log.closed('cancelled', JUNE_25, ITEM_2),
    log.issued(ITEM_3), log.assigned('dang-uy-cong-an-tinh', 'lead', { itemId: ITEM_3 }),
    log.completionReported('dang-uy-cong-an-tinh', true, JUNE_25, ITEM_3), log.completionAccepted('dang-uy-cong-an-tinh', JULY_2, ITEM_3), log.completed(true, JULY_2, ITEM_3),
    log.issued(ITEM_4), log.assigned('rach-gia', 'lead', { itemId: ITEM_4 }), log.assigned('kien-hai', 'lead', { itemId: ITEM_4 }),
    log.reported('kien-hai', 'kh-01', '2021-06-20', 9_000, '2021-06-20T03:00:00.000Z', ITEM_4),
    log.reported('phu-quoc', 'pq-01', '2021-06-28', 170_000, '2021-06-28T03:00:00.000Z'),
    log.reported('rach-gia', 'rg-01', '2021-06-29', 230_000, '2021-06-29T03:00:00.000Z'),
    ...extra(log),
  ];
  const docs = projectionSpec(unitScoreboardProjection).replay(events);
  const listed = <T>(prefix: string) => [...docs].filter(([key]) => key.startsWith(prefix)).map(([, doc]) => doc as T);
  return unitScoreDocs(listed<UnitScoreDoc>(UNIT_KEY_PREFIX), listed<UnitLastReportDoc>(LAST_REPORT_KEY_PREFIX));
}

const unit = (docs: UnitScoreDocs[], unitId: string) => docs.find((d) => d.unit.unitId === unitId)!;

describe('unit scoreboard view', () => {
  it('counts a unit’s assignments in the four cells, overdue from 2021-06-30T17:00:00.000Z', () => {
    const rachGia = unit(campaign(), 'rach-gia');
    expect(unitScoreView(rachGia, LAST_MOMENT).cells).toEqual({ in_progress_on_time: 2, in_progress_overdue: 0, completed_on_time: 0, completed_late: 0 });
    expect(unitScoreView(rachGia, TOO_LATE)).toMatchObject({
      name: 'Thành ủy Rạch Giá', kind: 'city_party_committee', rank: null, overdueCount: 2,
      cells: { in_progress_on_time: 0, in_progress_overdue: 2, completed_on_time: 0, completed_late: 0 },
    });
  });

  it('completed on time and completed late, as accepted', () => {
    const docs = campaign((log) => [
      log.completionReported('kien-hai', false, TOO_LATE, ITEM_4), log.completionAccepted('kien-hai', JULY_2, ITEM_4),
    ]);
    expect(unitScoreView(unit(docs, 'kien-hai'), JULY_2).cells).toMatchObject({ completed_late: 1, in_progress_overdue: 0 });
    expect(unitScoreView(unit(docs, 'dang-uy-cong-an-tinh'), JULY_2).cells).toMatchObject({ completed_on_time: 1 });
  });

  it('an extension moves a unit back on time', () => {
    const docs = campaign((log) => log.extension('phu-quoc', '2021-07-31', JUNE_25));
    const score = unitScoreView(unit(docs, 'phu-quoc'), TOO_LATE);
    expect([score.overdueCount, score.cells.in_progress_on_time]).toEqual([0, 1]);
    expect(score.assignments[0]).toMatchObject({ itemId: ITEM_1, deadline: deadline('2021-07-31'), originalDeadline: deadline('2021-06-30'), status: 'in_progress_on_time' });
  });

  it('a cancelled item drops out of the cells; a cooperating assignment is overdue with its own deadline', () => {
    const police = unitScoreView(unit(campaign(), 'dang-uy-cong-an-tinh'), TOO_LATE);
    expect(police.cancelled).toBe(1);
    expect(police.cells).toEqual({ in_progress_on_time: 0, in_progress_overdue: 1, completed_on_time: 1, completed_late: 0 });
    expect(police.assignments.map((a) => [a.itemId, a.role, a.status])).toEqual([
      [ITEM_1, 'cooperating', 'in_progress_overdue'],
      [ITEM_2, 'lead', 'cancelled'],
      [ITEM_3, 'lead', 'completed_on_time'],
    ]);
  });

  it('ranks by overdue count, then the longest silence (never reported first), then unit id; units with nothing in the cells last', () => {
    // 2021-07-01 in +07: Rạch Giá 2 overdue; then 1 each: police (never), Kiên Hải (11 days), Phú Quốc (3 days).
    const board = unitScoreboardView(campaign(), TOO_LATE);
    expect(board.units.map((u) => [u.unitId, u.rank, u.overdueCount, u.daysSinceLastReport])).toEqual([
      ['rach-gia', 1, 2, 2],
      ['dang-uy-cong-an-tinh', 2, 1, null],
      ['kien-hai', 3, 1, 11],
      ['phu-quoc', 4, 1, 3],
      ['giang-thanh', null, 0, null],
    ]);
  });

  it('breaks a full tie by unit id', () => {
    const docs = campaign((log) => [log.reported('kien-hai', 'kh-02', '2021-06-28', 9_500, '2021-06-28T05:00:00.000Z', ITEM_4)]);
    // Both 1 overdue and silent 3 days; the documents are given in reverse order of id.
    const order = unitScoreboardView([...docs].reverse(), TOO_LATE).units.map((u) => u.unitId);
    expect(order.slice(2, 4)).toEqual(['kien-hai', 'phu-quoc']);
  });

  it('lists a unit that reported with no document of its own yet, unranked', () => {
    const report: UnitLastReportDoc = { unitId: 'kien-luong', lastReport: { itemId: ITEM_1, reportId: 'kl-01', asOf: '2021-06-28', reportedAt: JUNE_25 }, seen: {} };
    const board = unitScoreboardView(unitScoreDocs([], [report]), TOO_LATE);
    expect(board.units).toEqual([expect.objectContaining({ unitId: 'kien-luong', rank: null, lastReport: report.lastReport, daysSinceLastReport: 6, assignments: [] })]);
  });

  it('counts days since the last report in +07 calendar days, across the 17:00Z day boundary', () => {
    const at = (reportedAt: string) => campaign((log) => [log.reported('kien-hai', 'kh-02', '2021-06-28', 9_500, reportedAt, ITEM_4)]);
    // 2021-06-28T16:59:59.999Z is still 28 June in +07; 17:00:00.000Z is 29 June.
    const before = unit(at('2021-06-28T16:59:59.999Z'), 'kien-hai');
    const after = unit(at('2021-06-28T17:00:00.000Z'), 'kien-hai');
    expect(unitScoreView(before, '2021-06-30T03:00:00.000Z').daysSinceLastReport).toBe(2);
    expect(unitScoreView(after, '2021-06-30T03:00:00.000Z').daysSinceLastReport).toBe(1);
    expect(unitScoreView(after, '2021-06-29T16:59:59.999Z').daysSinceLastReport).toBe(0);
    expect(unitScoreView(after, '2021-06-29T17:00:00.000Z').daysSinceLastReport).toBe(1);
    expect(unitScoreView(after, JULY_2).lastReport).toEqual({ itemId: ITEM_4, reportId: 'kh-02', asOf: '2021-06-28', reportedAt: '2021-06-28T17:00:00.000Z' });
  });
});
