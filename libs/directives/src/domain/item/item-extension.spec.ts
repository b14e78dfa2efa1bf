import { describe, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError, UnitIdentityMissingError } from '../shared/domain-error.js';
import type { Deadline } from './item.events.js';
import { itemDecider } from './item.decide.js';
import {
  CompletionAlreadyReportedError,
  ExtensionAlreadyDecidedError,
  ExtensionExistsError,
  ExtensionNotFoundError,
  ExtensionNotLaterError,
  ExtensionPendingError,
  InvalidDateError,
  NotAcknowledgedError,
  NotAssignedError,
  ReasonRequiredError,
} from './item.errors.js';
import {
  assigned,
  cmd,
  completionReported,
  DEADLINE,
  deadline,
  DISTRICTS_GROUP,
  ev,
  issued,
  JULY_10,
  JULY_2,
  JUNE_25,
  kienHai,
  monitor,
  phuQuoc,
  rachGia,
  secretariat,
  underWay,
  unitWithoutId,
} from './item.fixtures.js';

const spec = deciderSpec(itemDecider);
const REASON = 'Dịch COVID-19: tạm dừng cấp thẻ tập trung từ 20-6';

const request = (actor: Actor, requestId: string, requestedDeadline: string, now = JUNE_25) =>
  cmd('RequestExtension', actor, { requestId, requestedDeadline, reason: REASON }, now);
const requested = (unitId: string, requestId: string, date: string, current: Deadline = DEADLINE, at = JUNE_25) =>
  ev('ExtensionRequested', { unitId, requestId, currentDeadline: current, requestedDeadline: deadline(date), reason: REASON, requestedAt: at });
const decide = (actor: Actor, requestId: string, decision: 'approve' | 'reject', extra: { grantedDeadline?: string; note?: string } = {}, now = JULY_2) =>
  cmd('DecideExtension', actor, { requestId, decision, ...extra }, now);
const approved = (requestId: string, previous: Deadline, next: string, original: Deadline = DEADLINE, at = JULY_2) =>
  ev('ExtensionApproved', { unitId: 'rach-gia', requestId, originalDeadline: original, previousDeadline: previous, newDeadline: deadline(next), decidedAt: at });
const rejected = (requestId: string) => ev('ExtensionRejected', { unitId: 'rach-gia', requestId, reason: 'Các đơn vị khác vẫn bảo đảm tiến độ', decidedAt: JULY_2 });

const pending = [...underWay, requested('rach-gia', 'ext-rg-01', '2021-07-31')];
const extended = [...pending, approved('ext-rg-01', DEADLINE, '2021-07-31')];

describe('Requesting a deadline extension', () => {
  it('records the requested deadline beside the current one', () => {
    spec.given(underWay).when(request(rachGia, 'ext-rg-01', '2021-07-31')).then([requested('rach-gia', 'ext-rg-01', '2021-07-31')]);
  });

  it('refuses a request once the unit has reported completion', () => {
    spec
      .given([...underWay, completionReported('rach-gia', true, JUNE_25)])
      .when(request(rachGia, 'ext-rg-01', '2021-07-31'))
      .thenThrows(CompletionAlreadyReportedError, { code: 'COMPLETION.ALREADY_REPORTED', details: { unitId: 'rach-gia', status: 'reported' } });
  });

  it('refuses a request before the assignment is acknowledged, or from a unit not assigned', () => {
    spec
      .given([issued, assigned('rach-gia', 'lead', DISTRICTS_GROUP)])
      .when(request(rachGia, 'ext-rg-01', '2021-07-31'))
      .thenThrows(NotAcknowledgedError, { code: 'ASSIGNMENT.NOT_ACKNOWLEDGED' });
    spec.given(underWay).when(request(kienHai, 'ext-kh-01', '2021-07-31')).thenThrows(NotAssignedError, { code: 'ASSIGNMENT.NOT_ASSIGNED', details: { unitId: 'kien-hai' } });
  });

  it('is reserved to units, and to unit tokens that name their unit', () => {
    for (const actor of [secretariat, monitor]) {
      spec.given(underWay).when(request(actor, 'ext-01', '2021-07-31')).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    }
    spec.given(underWay).when(request(unitWithoutId, 'ext-01', '2021-07-31')).thenThrows(UnitIdentityMissingError, { code: 'AUTH.UNIT_IDENTITY_MISSING' });
  });

  it.each(['2021-06-30', '2021-06-29'])('refuses %s, which is not later than the current deadline', (date) => {
    spec
      .given(underWay)
      .when(request(rachGia, 'ext-rg-01', date))
      .thenThrows(ExtensionNotLaterError, { code: 'EXTENSION.NOT_LATER', field: 'requestedDeadline', details: { requested: date, current: '2021-06-30' } });
  });

  it('refuses a requested deadline that is not a calendar date or is already over', () => {
    spec.given(underWay).when(request(rachGia, 'ext-rg-01', '2021-07-32')).thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'requestedDeadline' });
    spec.given(underWay).when(request(rachGia, 'ext-rg-01', '2021-07-05', JULY_10)).thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'requestedDeadline' });
  });

  it('allows one pending request per unit at a time', () => {
    spec
      .given(pending)
      .when(request(rachGia, 'ext-rg-02', '2021-08-31'))
      .thenThrows(ExtensionPendingError, { code: 'EXTENSION.ALREADY_PENDING', details: { requestId: 'ext-rg-01' } });
    spec.given(pending).when(request(phuQuoc, 'ext-pq-01', '2021-07-15')).then([requested('phu-quoc', 'ext-pq-01', '2021-07-15')]);
  });

  it('accepts a new request once the previous one was rejected', () => {
    spec.given([...pending, rejected('ext-rg-01')]).when(request(rachGia, 'ext-rg-02', '2021-07-15')).then([requested('rach-gia', 'ext-rg-02', '2021-07-15')]);
  });

  it('after an approval, measures a new request against the extended deadline', () => {
    spec
      .given(extended)
      .when(request(rachGia, 'ext-rg-02', '2021-07-31', JULY_10))
      .thenThrows(ExtensionNotLaterError, { code: 'EXTENSION.NOT_LATER', details: { current: '2021-07-31' } });
    spec
      .given(extended)
      .when(request(rachGia, 'ext-rg-02', '2021-08-15', JULY_10))
      .then([requested('rach-gia', 'ext-rg-02', '2021-08-15', deadline('2021-07-31'), JULY_10)]);
  });

  it('refuses a request id already used on the item', () => {
    spec
      .given([...pending, rejected('ext-rg-01')])
      .when(request(rachGia, 'ext-rg-01', '2021-07-15'))
      .thenThrows(ExtensionExistsError, { code: 'EXTENSION.ALREADY_REQUESTED', field: 'requestId', details: { requestId: 'ext-rg-01' } });
  });
});

describe('Deciding an extension request', () => {
  it('approves the requested deadline, keeping the original deadline on record', () => {
    spec.given(pending).when(decide(secretariat, 'ext-rg-01', 'approve')).then([approved('ext-rg-01', DEADLINE, '2021-07-31')]);
  });

  it('records the note of an approval', () => {
    const note = 'Đồng ý theo ý kiến Thường trực Tỉnh ủy';
    const expected = approved('ext-rg-01', DEADLINE, '2021-07-31');
    spec.given(pending).when(decide(secretariat, 'ext-rg-01', 'approve', { note })).then([{ ...expected, data: { ...expected.data, note } }]);
  });

  it('may grant a deadline other than the one requested', () => {
    spec.given(pending).when(decide(secretariat, 'ext-rg-01', 'approve', { grantedDeadline: '2021-07-15' })).then([approved('ext-rg-01', DEADLINE, '2021-07-15')]);
  });

  it('keeps the first deadline as the original one through a second extension', () => {
    spec
      .given([...extended, requested('rach-gia', 'ext-rg-02', '2021-08-31', deadline('2021-07-31'), JULY_2)])
      .when(decide(secretariat, 'ext-rg-02', 'approve', {}, JULY_10))
      .then([approved('ext-rg-02', deadline('2021-07-31'), '2021-08-31', DEADLINE, JULY_10)]);
  });

  it('refuses a granted deadline that is not later than the current one, not a date, or already over', () => {
    spec
      .given(pending)
      .when(decide(secretariat, 'ext-rg-01', 'approve', { grantedDeadline: '2021-06-30' }, JUNE_25))
      .thenThrows(ExtensionNotLaterError, { code: 'EXTENSION.NOT_LATER', field: 'grantedDeadline' });
    spec
      .given(pending)
      .when(decide(secretariat, 'ext-rg-01', 'approve', { grantedDeadline: '2021-07-1' }))
      .thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'grantedDeadline' });
    spec
      .given(pending)
      .when(decide(secretariat, 'ext-rg-01', 'approve', { grantedDeadline: '2021-07-05' }, JULY_10))
      .thenThrows(InvalidDateError, { code: 'ITEM.INVALID_DATE', field: 'grantedDeadline' });
  });

  it('rejects with the reason given', () => {
    spec.given(pending).when(decide(secretariat, 'ext-rg-01', 'reject', { note: 'Các đơn vị khác vẫn bảo đảm tiến độ' })).then([rejected('ext-rg-01')]);
  });

  it('refuses a rejection without a reason', () => {
    spec.given(pending).when(decide(secretariat, 'ext-rg-01', 'reject')).thenThrows(ReasonRequiredError, { code: 'ITEM.REASON_REQUIRED', field: 'note' });
  });

  it('refuses a decision on an unknown request', () => {
    spec.given(pending).when(decide(secretariat, 'ext-rg-09', 'approve')).thenThrows(ExtensionNotFoundError, { code: 'EXTENSION.NOT_FOUND', details: { requestId: 'ext-rg-09' } });
  });

  it.each([
    ['approved', extended],
    ['rejected', [...pending, rejected('ext-rg-01')]],
  ])('refuses a second decision on a request already %s', (status, given) => {
    spec
      .given(given)
      .when(decide(secretariat, 'ext-rg-01', 'approve', { grantedDeadline: '2021-09-30' }, JULY_10))
      .thenThrows(ExtensionAlreadyDecidedError, { code: 'EXTENSION.ALREADY_DECIDED', details: { requestId: 'ext-rg-01', status } });
  });

  it.each([
    ['a monitor', monitor],
    ['the requesting unit', rachGia],
  ])('is reserved to the secretariat: %s is refused', (_who, actor) => {
    spec.given(pending).when(decide(actor, 'ext-rg-01', 'approve')).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('judges a later completion against the extended deadline, and against the old one after a rejection', () => {
    const complete = (now: string) => cmd('ReportCompletion', rachGia, { summary: 'Hoàn thành chỉ tiêu cấp thẻ' }, now);
    spec.given(extended).when(complete(JULY_10)).then([completionReported('rach-gia', true, JULY_10)]);
    spec.given(extended).when(complete('2021-07-31T17:00:00.000Z')).then([completionReported('rach-gia', false, '2021-07-31T17:00:00.000Z')]);
    spec.given([...pending, rejected('ext-rg-01')]).when(complete(JULY_10)).then([completionReported('rach-gia', false, JULY_10)]);
  });
});
