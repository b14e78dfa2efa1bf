import { describe, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import { RoleNotAllowedError, UnitIdentityMissingError } from '../shared/domain-error.js';
import type { MetricValues } from './item.events.js';
import { itemDecider } from './item.decide.js';
import {
  InvalidDateError,
  MetricDecreasedError,
  NotAcknowledgedError,
  NotAssignedError,
  NotOwnReportError,
  ReportExistsError,
  ReportNotFoundError,
  ReportOutOfOrderError,
} from './item.errors.js';
import type { Actor } from '../shared/actor.js';
import { assigned, cmd, DISTRICTS_GROUP, ev, issued, kienHai, MAY_1, MAY_10, monitor, phuQuoc, rachGia, reported, secretariat, underWay, unitWithoutId } from './item.fixtures.js';

const spec = deciderSpec(itemDecider);

const report = (actor: Actor, reportId: string, asOf: string, metrics: MetricValues, now: string) =>
  cmd('ReportProgress', actor, { reportId, asOf, metrics, narrative: 'Tổ chức cấp thẻ lưu động tại các phường' }, now);
const progress = (unitId: string, reportId: string, asOf: string, metrics: MetricValues, at: string) =>
  ev('ProgressReported', { unitId, reportId, asOf, metrics, narrative: 'Tổ chức cấp thẻ lưu động tại các phường', reportedAt: at });
const cards = (n: number) => ({ cards_issued: n });

/** Rạch Giá stood at 150,000 cards on 1 May. */
const firstReport = [...underWay, reported('rach-gia', 'rg-01', '2021-05-01', 150_000, MAY_1)];

describe('Reporting progress', () => {
  it('records the unit’s cumulative figures as of a date in +07, with its narrative', () => {
    const metrics = { cards_issued: 150_000, applications_taken: 182_500 };
    spec.given(underWay).when(report(rachGia, 'rg-01', '2021-05-01', metrics, MAY_1)).then([progress('rach-gia', 'rg-01', '2021-05-01', metrics, MAY_1)]);
  });

  it('refuses a report before the assignment is acknowledged', () => {
    spec
      .given([issued, assigned('rach-gia', 'lead', DISTRICTS_GROUP)])
      .when(report(rachGia, 'rg-01', '2021-05-01', cards(1), MAY_1))
      .thenThrows(NotAcknowledgedError, { code: 'ASSIGNMENT.NOT_ACKNOWLEDGED', details: { unitId: 'rach-gia' } });
  });

  it('refuses a unit that is not assigned to the item', () => {
    spec
      .given(underWay)
      .when(report(kienHai, 'kh-01', '2021-05-01', cards(1), MAY_1))
      .thenThrows(NotAssignedError, { code: 'ASSIGNMENT.NOT_ASSIGNED', details: { unitId: 'kien-hai' } });
  });

  it.each([
    ['the secretariat', secretariat],
    ['a monitor', monitor],
  ])('is reserved to units: %s cannot report in a unit’s name', (_who, actor) => {
    spec.given(underWay).when(report(actor, 'x-01', '2021-05-01', cards(1), MAY_1)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('refuses a unit token that does not name its unit', () => {
    spec
      .given(underWay)
      .when(report(unitWithoutId, 'x-01', '2021-05-01', cards(1), MAY_1))
      .thenThrows(UnitIdentityMissingError, { code: 'AUTH.UNIT_IDENTITY_MISSING' });
  });

  it('refuses a cumulative figure below the last one reported, naming the metric', () => {
    spec
      .given(firstReport)
      .when(report(rachGia, 'rg-02', '2021-05-10', cards(149_999), MAY_10))
      .thenThrows(MetricDecreasedError, {
        code: 'PROGRESS.METRIC_DECREASED',
        field: 'metrics.cards_issued',
        details: { metric: 'cards_issued', previous: 150_000, reported: 149_999 },
      });
  });

  it('accepts an unchanged figure and a metric reported for the first time', () => {
    const metrics = { cards_issued: 150_000, applications_taken: 10 };
    spec.given(firstReport).when(report(rachGia, 'rg-02', '2021-05-10', metrics, MAY_10)).then([progress('rach-gia', 'rg-02', '2021-05-10', metrics, MAY_10)]);
  });

  it('compares each unit with its own figures only', () => {
    spec
      .given(firstReport)
      .when(report(phuQuoc, 'pq-01', '2021-05-10', cards(20_000), MAY_10))
      .then([progress('phu-quoc', 'pq-01', '2021-05-10', cards(20_000), MAY_10)]);
  });

  it('takes "today" in +07: at 16:59Z on 1 May a report as of 2 May is in the future, at 17:00Z it is today', () => {
    spec
      .given(underWay)
      .when(report(rachGia, 'rg-01', '2021-05-02', cards(1), '2021-05-01T16:59:59.999Z'))
      .thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'asOf' });
    spec
      .given(underWay)
      .when(report(rachGia, 'rg-01', '2021-05-02', cards(1), '2021-05-01T17:00:00.000Z'))
      .then([progress('rach-gia', 'rg-01', '2021-05-02', cards(1), '2021-05-01T17:00:00.000Z')]);
  });

  it('refuses an asOf that is not a calendar date', () => {
    spec.given(underWay).when(report(rachGia, 'rg-01', '2021-04-31', cards(1), MAY_1)).thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'asOf' });
  });

  it('refuses figures as of a day before the item was issued, and accepts the day of issue', () => {
    spec.given(underWay).when(report(rachGia, 'rg-01', '2021-04-13', cards(1), MAY_1)).thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'asOf' });
    spec.given(underWay).when(report(rachGia, 'rg-01', '2021-04-14', cards(1), MAY_1)).then([progress('rach-gia', 'rg-01', '2021-04-14', cards(1), MAY_1)]);
  });

  it('refuses figures as of a day before the unit’s last report, and accepts the same day', () => {
    spec
      .given(firstReport)
      .when(report(rachGia, 'rg-02', '2021-04-30', cards(160_000), MAY_10))
      .thenThrows(ReportOutOfOrderError, { code: 'PROGRESS.AS_OF_BEFORE_LAST_REPORT', field: 'asOf', details: { asOf: '2021-04-30', lastAsOf: '2021-05-01' } });
    spec
      .given(firstReport)
      .when(report(rachGia, 'rg-02', '2021-05-01', cards(160_000), MAY_10))
      .then([progress('rach-gia', 'rg-02', '2021-05-01', cards(160_000), MAY_10)]);
  });

  it('refuses a report id already used on the item, by the same unit or another', () => {
    for (const actor of [rachGia, phuQuoc]) {
      spec
        .given(firstReport)
        .when(report(actor, 'rg-01', '2021-05-10', cards(200_000), MAY_10))
        .thenThrows(ReportExistsError, { code: 'PROGRESS.REPORT_ID_TAKEN', field: 'reportId', details: { reportId: 'rg-01' } });
    }
  });
});

describe('Correcting a progress report', () => {
  const correct = (actor: Actor, reportId: string, correctsReportId: string, n: number, now = MAY_10, narrative?: string) =>
    cmd('CorrectProgressReport', actor, { reportId, correctsReportId, metrics: cards(n), reason: 'Nhầm số hồ sơ thu nhận với số thẻ đã cấp', ...(narrative ? { narrative } : {}) }, now);
  const corrected = (reportId: string, correctsReportId: string, n: number, at = MAY_10) =>
    ev('ProgressReportCorrected', { unitId: 'rach-gia', reportId, correctsReportId, asOf: '2021-05-01', metrics: cards(n), reason: 'Nhầm số hồ sơ thu nhận với số thẻ đã cấp', correctedAt: at });

  it('records a lower figure for the corrected report, keeping that report’s date', () => {
    spec.given(firstReport).when(correct(rachGia, 'rg-01-c1', 'rg-01', 105_000)).then([corrected('rg-01-c1', 'rg-01', 105_000)]);
  });

  it('records the corrected narrative when one is given', () => {
    const narrative = 'Số thẻ đã cấp theo số liệu của Công an thành phố';
    spec
      .given(firstReport)
      .when(correct(rachGia, 'rg-01-c1', 'rg-01', 105_000, MAY_10, narrative))
      .then([{ ...corrected('rg-01-c1', 'rg-01', 105_000), data: { ...corrected('rg-01-c1', 'rg-01', 105_000).data, narrative } }]);
  });

  it('compares later reports with the corrected figure', () => {
    const given = [...firstReport, corrected('rg-01-c1', 'rg-01', 105_000)];
    spec.given(given).when(report(rachGia, 'rg-02', '2021-05-10', cards(120_000), MAY_10)).then([progress('rach-gia', 'rg-02', '2021-05-10', cards(120_000), MAY_10)]);
    spec
      .given(given)
      .when(report(rachGia, 'rg-02', '2021-05-10', cards(100_000), MAY_10))
      .thenThrows(MetricDecreasedError, { code: 'PROGRESS.METRIC_DECREASED', details: { previous: 105_000, reported: 100_000 } });
  });

  it('compares later reports with the latest correction of a corrected report', () => {
    const given = [...firstReport, corrected('rg-01-c1', 'rg-01', 105_000), corrected('rg-01-c2', 'rg-01-c1', 110_000)];
    spec
      .given(given)
      .when(report(rachGia, 'rg-02', '2021-05-10', cards(108_000), MAY_10))
      .thenThrows(MetricDecreasedError, { code: 'PROGRESS.METRIC_DECREASED', details: { previous: 110_000 } });
  });

  it('does not lower the figure of a later report when correcting an earlier one, even of the same day', () => {
    for (const asOf of ['2021-05-05', '2021-05-01']) {
      const given = [...firstReport, reported('rach-gia', 'rg-02', asOf, 200_000, MAY_10), corrected('rg-01-c1', 'rg-01', 140_000)];
      spec
        .given(given)
        .when(report(rachGia, 'rg-03', '2021-05-10', cards(190_000), MAY_10))
        .thenThrows(MetricDecreasedError, { code: 'PROGRESS.METRIC_DECREASED', details: { previous: 200_000, reported: 190_000 } });
    }
  });

  it('refuses the correction of another unit’s report', () => {
    spec
      .given([...firstReport, reported('phu-quoc', 'pq-01', '2021-05-01', 30_000, MAY_1)])
      .when(correct(rachGia, 'rg-01-c1', 'pq-01', 3_000))
      .thenThrows(NotOwnReportError, { code: 'PROGRESS.NOT_OWN_REPORT', field: 'reportId', details: { reportId: 'pq-01' } });
  });

  it('refuses the correction of a report that does not exist', () => {
    spec
      .given(firstReport)
      .when(correct(rachGia, 'rg-09-c1', 'rg-09', 1))
      .thenThrows(ReportNotFoundError, { code: 'PROGRESS.REPORT_NOT_FOUND', field: 'reportId', details: { reportId: 'rg-09' } });
  });

  it('refuses a unit that is not assigned, and anyone who is not a unit', () => {
    spec.given(firstReport).when(correct(kienHai, 'kh-c1', 'rg-01', 1)).thenThrows(NotAssignedError, { code: 'ASSIGNMENT.NOT_ASSIGNED' });
    for (const actor of [secretariat, monitor]) {
      spec.given(firstReport).when(correct(actor, 'x-c1', 'rg-01', 1)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    }
    spec.given(firstReport).when(correct(unitWithoutId, 'x-c1', 'rg-01', 1)).thenThrows(UnitIdentityMissingError, { code: 'AUTH.UNIT_IDENTITY_MISSING' });
  });

  it('refuses a correction id already used on the item', () => {
    spec
      .given([...firstReport, reported('dang-uy-cong-an-tinh', 'ca-01', '2021-05-01', 5, MAY_1)])
      .when(correct(rachGia, 'ca-01', 'rg-01', 105_000))
      .thenThrows(ReportExistsError, { code: 'PROGRESS.REPORT_ID_TAKEN', details: { reportId: 'ca-01' } });
  });
});
