import { describe, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError, UnitIdentityMissingError } from '../shared/domain-error.js';
import { itemDecider } from './item.decide.js';
import {
  CompletionAlreadyReportedError,
  CompletionNotReportedError,
  NotAcknowledgedError,
  NotAssignedError,
  NotLeadUnitError,
  ReasonRequiredError,
} from './item.errors.js';
import {
  acknowledged,
  admin,
  assigned,
  cmd,
  completionAccepted,
  completionReported,
  DISTRICTS_GROUP,
  ev,
  issued,
  itemCompleted,
  JULY_10,
  JULY_2,
  JUNE_25,
  kienHai,
  LAST_MOMENT,
  monitor,
  phuQuoc,
  police,
  rachGia,
  secretariat,
  TOO_LATE,
  underWay,
  unitWithoutId,
} from './item.fixtures.js';

const spec = deciderSpec(itemDecider);
const G = DISTRICTS_GROUP;

const complete = (actor: Actor, now = JUNE_25) => cmd('ReportCompletion', actor, { summary: 'Hoàn thành chỉ tiêu cấp thẻ' }, now);
const review = (actor: Actor, unitId: string, decision: 'accept' | 'reject', note?: string, now = JULY_2) =>
  cmd('ReviewCompletion', actor, { unitId, decision, ...(note ? { note } : {}) }, now);
const REJECTION = 'Số liệu chưa khớp với báo cáo của Công an thành phố';
const completionRejected = (unitId: string) => ev('CompletionRejected', { unitId, reason: REJECTION, reviewedAt: JULY_2 });

const rachGiaDone = [...underWay, completionReported('rach-gia', true, JUNE_25)];
const bothDone = [...rachGiaDone, completionReported('phu-quoc', true, JUNE_25)];

describe('Reporting completion', () => {
  it('records a lead unit’s completion reported before its deadline as on time', () => {
    spec.given(underWay).when(complete(rachGia)).then([completionReported('rach-gia', true, JUNE_25)]);
  });

  it('is on time up to the last millisecond of 30-6-2021 in +07, and late from 17:00Z', () => {
    spec.given(underWay).when(complete(rachGia, LAST_MOMENT)).then([completionReported('rach-gia', true, LAST_MOMENT)]);
    spec.given(underWay).when(complete(rachGia, TOO_LATE)).then([completionReported('rach-gia', false, TOO_LATE)]);
  });

  it('refuses a cooperating unit: only lead units report completion', () => {
    spec.given(underWay).when(complete(police)).thenThrows(NotLeadUnitError, { code: 'COMPLETION.NOT_LEAD_UNIT', details: { unitId: 'dang-uy-cong-an-tinh' } });
  });

  it('refuses a completion before the assignment is acknowledged, or from a unit not assigned', () => {
    spec
      .given([issued, assigned('rach-gia', 'lead', G)])
      .when(complete(rachGia))
      .thenThrows(NotAcknowledgedError, { code: 'ASSIGNMENT.NOT_ACKNOWLEDGED' });
    spec.given(underWay).when(complete(kienHai)).thenThrows(NotAssignedError, { code: 'ASSIGNMENT.NOT_ASSIGNED', details: { unitId: 'kien-hai' } });
  });

  it('is reserved to units, and to unit tokens that name their unit', () => {
    for (const actor of [secretariat, monitor]) {
      spec.given(underWay).when(complete(actor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    }
    spec.given(underWay).when(complete(unitWithoutId)).thenThrows(UnitIdentityMissingError, { code: 'AUTH.UNIT_IDENTITY_MISSING' });
  });

  it('refuses a completion already waiting for review', () => {
    spec
      .given(rachGiaDone)
      .when(complete(rachGia, JULY_2))
      .thenThrows(CompletionAlreadyReportedError, { code: 'COMPLETION.ALREADY_REPORTED', details: { unitId: 'rach-gia', status: 'reported' } });
  });

  it('refuses a completion already accepted while other leads are still at work', () => {
    spec
      .given([...rachGiaDone, completionAccepted('rach-gia', JULY_2)])
      .when(complete(rachGia, JULY_10))
      .thenThrows(CompletionAlreadyReportedError, { code: 'COMPLETION.ALREADY_REPORTED', details: { status: 'accepted' } });
  });

  it('accepts a new completion report after a rejection, judged at the time it is made', () => {
    spec.given([...rachGiaDone, completionRejected('rach-gia')]).when(complete(rachGia, JULY_10)).then([completionReported('rach-gia', false, JULY_10)]);
  });
});

describe('Reviewing completion', () => {
  it('accepting one of several lead units records only that acceptance', () => {
    spec.given(bothDone).when(review(monitor, 'rach-gia', 'accept')).then([completionAccepted('rach-gia', JULY_2)]);
  });

  it('accepting the last lead unit completes the item on time when every lead reported on time', () => {
    spec
      .given([...bothDone, completionAccepted('rach-gia', JULY_2)])
      .when(review(monitor, 'phu-quoc', 'accept', undefined, JULY_10))
      .then([completionAccepted('phu-quoc', JULY_10), itemCompleted(true, JULY_10)]);
  });

  it('completes the item late when any lead unit reported late', () => {
    const oneLate = [...underWay, completionReported('rach-gia', false, TOO_LATE), completionReported('phu-quoc', true, JUNE_25)];
    spec
      .given([...oneLate, completionAccepted('rach-gia', JULY_2)])
      .when(review(monitor, 'phu-quoc', 'accept', undefined, JULY_10))
      .then([completionAccepted('phu-quoc', JULY_10), itemCompleted(false, JULY_10)]);
    spec
      .given([...oneLate, completionAccepted('phu-quoc', JULY_2)])
      .when(review(monitor, 'rach-gia', 'accept', undefined, JULY_10))
      .then([completionAccepted('rach-gia', JULY_10), itemCompleted(false, JULY_10)]);
  });

  it('does not wait for cooperating units', () => {
    const oneLead = [issued, assigned('rach-gia', 'lead', G), assigned('dang-uy-cong-an-tinh', 'cooperating'), acknowledged('rach-gia')];
    spec
      .given([...oneLead, completionReported('rach-gia', true, JUNE_25)])
      .when(review(monitor, 'rach-gia', 'accept'))
      .then([completionAccepted('rach-gia', JULY_2), itemCompleted(true, JULY_2)]);
  });

  it('records the note of an acceptance', () => {
    spec
      .given(bothDone)
      .when(review(monitor, 'rach-gia', 'accept', 'Đạt 101% chỉ tiêu'))
      .then([ev('CompletionAccepted', { unitId: 'rach-gia', note: 'Đạt 101% chỉ tiêu', reviewedAt: JULY_2 })]);
  });

  it('rejects with the reason given, sending the unit back to work', () => {
    spec.given(bothDone).when(review(monitor, 'rach-gia', 'reject', REJECTION)).then([completionRejected('rach-gia')]);
    spec
      .given([...bothDone, completionRejected('rach-gia')])
      .when(review(monitor, 'rach-gia', 'accept', undefined, JULY_10))
      .thenThrows(CompletionNotReportedError, { code: 'COMPLETION.NOT_REPORTED' });
  });

  it('refuses a rejection without a reason', () => {
    spec.given(bothDone).when(review(monitor, 'rach-gia', 'reject')).thenThrows(ReasonRequiredError, { code: 'ITEM.REASON_REQUIRED', field: 'note' });
  });

  it('refuses to review a unit that reported no completion, lead or cooperating', () => {
    for (const unitId of ['phu-quoc', 'dang-uy-cong-an-tinh']) {
      spec
        .given(rachGiaDone)
        .when(review(monitor, unitId, 'accept'))
        .thenThrows(CompletionNotReportedError, { code: 'COMPLETION.NOT_REPORTED', field: 'unitId', details: { unitId } });
    }
  });

  it('refuses to review a unit not assigned to the item', () => {
    spec.given(bothDone).when(review(monitor, 'kien-hai', 'accept')).thenThrows(NotAssignedError, { code: 'ASSIGNMENT.NOT_ASSIGNED', details: { unitId: 'kien-hai' } });
  });

  it.each([
    ['the secretariat', secretariat],
    ['the lead unit itself', rachGia],
    ['another unit', phuQuoc],
    ['an administrator', admin],
  ])('is reserved to monitors: %s is refused', (_who, actor) => {
    spec.given(bothDone).when(review(actor, 'rach-gia', 'accept')).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });
});
