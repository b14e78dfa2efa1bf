import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '#testing';
import type { Actor } from '../shared/actor.js';
import { RoleNotAllowedError } from '../shared/domain-error.js';
import { itemDecider } from './item.decide.js';
import {
  CompletionAlreadyReportedError,
  DeadlineNotPassedError,
  EscalationExistsError,
  ItemAlreadyCompletedError,
  ItemClosedError,
  NotAssignedError,
  NotLeadDeadlineError,
} from './item.errors.js';
import type { Deadline } from './item.events.js';
import {
  cmd,
  completed,
  completionReported,
  DEADLINE,
  deadline,
  engine,
  ev,
  fold,
  JULY_2,
  JUNE_25,
  LAST_MOMENT,
  monitor,
  rachGia,
  secretariat,
  TOO_LATE,
  underWay,
} from './item.fixtures.js';

const spec = deciderSpec(itemDecider);

/** D-1 of "by 30-6-2021": 2021-06-29 08:00 +07. */
const D_MINUS_1 = '2021-06-29T01:00:00.000Z';
const SENT_AT = '2021-06-29T01:00:04.000Z';
const CHANNELS = ['inbox', 'email'];
const MUST_ACT = 'dang-uy-cong-an-tinh';
const JULY_31 = deadline('2021-07-31');
const AUGUST_1 = '2021-07-31T17:00:00.000Z';

const remind = (unitId: string, dueAt = D_MINUS_1, now = SENT_AT, actor: Actor = engine) =>
  cmd('SendReminder', actor, { unitId, rule: 'deadline-minus-1d', dueAt, late: false, channels: CHANNELS }, now);
const reminded = (unitId: string, dueAt = D_MINUS_1, at = SENT_AT) =>
  ev('ReminderSent', { unitId, rule: 'deadline-minus-1d', dueAt, sentAt: at, late: false, channels: CHANNELS });

const recordMiss = (unitId: string, escalationId: string, now = TOO_LATE, actor: Actor = engine, late = false) =>
  cmd('RecordDeadlineMissed', actor, { unitId, escalationId, mustAct: MUST_ACT, late }, now);
const missed = (unitId: string, escalationId: string, due: Deadline = DEADLINE, at = TOO_LATE, late = false) => [
  ev('DeadlineMissed', { unitId, deadline: due, detectedAt: at, late }),
  ev('EscalationRaised', {
    escalationId,
    unitId,
    level: 1,
    rule: 'deadline_missed',
    reason: `Deadline ${due.date} passed without a completion report`,
    mustAct: MUST_ACT,
    raisedAt: at,
  }),
];

const closed = [...underWay, ev('ItemClosed', { outcome: 'cancelled', note: 'Thu hồi nhiệm vụ', closedAt: JUNE_25 })];
const extension = (at: string) => [
  ev('ExtensionRequested', { unitId: 'rach-gia', requestId: 'ext-rg-01', currentDeadline: DEADLINE, requestedDeadline: JULY_31, reason: 'COVID-19', requestedAt: at }),
  ev('ExtensionApproved', { unitId: 'rach-gia', requestId: 'ext-rg-01', originalDeadline: DEADLINE, previousDeadline: DEADLINE, newDeadline: JULY_31, decidedAt: at }),
];
const extended = [...underWay, ...extension(JUNE_25)];
/** Rạch Giá missed 30-6, then was granted 31-7. */
const extendedAfterMiss = [...underWay, ...missed('rach-gia', 'esc-rg-1'), ...extension(JULY_2)];

describe('Sending a reminder', () => {
  it('records who was reminded, under which rule, when it was due and when it went out', () => {
    spec.given(underWay).when(remind('rach-gia')).then([reminded('rach-gia')]);
  });

  it('records nothing when the same reminder was already sent, even once the item is closed', () => {
    spec.given([...underWay, reminded('rach-gia')]).when(remind('rach-gia', D_MINUS_1, '2021-06-29T01:05:00.000Z')).then([]);
    spec.given([...closed, reminded('rach-gia')]).when(remind('rach-gia')).then([]);
  });

  it('reminds again of the same rule when it is due at another time (a new deadline)', () => {
    const laterDue = '2021-07-30T01:00:00.000Z';
    spec.given([...extended, reminded('rach-gia')]).when(remind('rach-gia', laterDue, laterDue)).then([reminded('rach-gia', laterDue, laterDue)]);
  });

  it('refuses a unit not assigned to the item, and a closed item', () => {
    spec.given(underWay).when(remind('kien-hai')).thenThrows(NotAssignedError, { code: 'ASSIGNMENT.NOT_ASSIGNED', details: { unitId: 'kien-hai' } });
    spec.given(closed).when(remind('rach-gia')).thenThrows(ItemClosedError, { code: 'ITEM.CLOSED' });
  });

  it('is reserved to the engine', () => {
    for (const actor of [secretariat, monitor, rachGia]) {
      spec.given(underWay).when(remind('rach-gia', D_MINUS_1, SENT_AT, actor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
    }
  });
});

describe('Recording a missed deadline', () => {
  it('records the miss at the first instant after the deadline and raises a level-1 escalation', () => {
    spec.given(underWay).when(recordMiss('rach-gia', 'esc-rg-1')).then(missed('rach-gia', 'esc-rg-1'));
  });

  it('says when it was found late (the engine was down)', () => {
    spec.given(underWay).when(recordMiss('rach-gia', 'esc-rg-1', JULY_2, engine, true)).then(missed('rach-gia', 'esc-rg-1', DEADLINE, JULY_2, true));
  });

  it('refuses before the deadline has expired: the last instant of 30-6 in +07 is still in time', () => {
    spec
      .given(underWay)
      .when(recordMiss('rach-gia', 'esc-rg-1', LAST_MOMENT))
      .thenThrows(DeadlineNotPassedError, { code: 'DEADLINE.NOT_PASSED', category: 'conflict', details: { dueAt: TOO_LATE } });
  });

  it('records nothing when the miss of the current deadline is already recorded', () => {
    spec.given([...underWay, ...missed('rach-gia', 'esc-rg-1')]).when(recordMiss('rach-gia', 'esc-rg-1', JULY_2)).then([]);
    spec.given([...underWay, ...missed('rach-gia', 'esc-rg-1')]).when(recordMiss('rach-gia', 'esc-rg-2', JULY_2)).then([]);
  });

  it('watches the extended deadline: not missed before it expires, missed again after', () => {
    spec.given(extended).when(recordMiss('rach-gia', 'esc-rg-1', JULY_2)).thenThrows(DeadlineNotPassedError, { details: { dueAt: AUGUST_1 } });
    spec.given(extendedAfterMiss).when(recordMiss('rach-gia', 'esc-rg-2', JULY_2)).thenThrows(DeadlineNotPassedError, { details: { dueAt: AUGUST_1 } });
    spec.given(extendedAfterMiss).when(recordMiss('rach-gia', 'esc-rg-2', AUGUST_1)).then(missed('rach-gia', 'esc-rg-2', JULY_31, AUGUST_1));
  });

  it('refuses an escalation id already used for another escalation', () => {
    spec.given(extendedAfterMiss).when(recordMiss('rach-gia', 'esc-rg-1', AUGUST_1)).thenThrows(EscalationExistsError, { code: 'ESCALATION.ALREADY_RAISED' });
  });

  it('refuses a cooperating unit, whose deadline is not watched', () => {
    spec
      .given(underWay)
      .when(recordMiss('dang-uy-cong-an-tinh', 'esc-ca-1'))
      .thenThrows(NotLeadDeadlineError, { code: 'DEADLINE.NOT_LEAD_UNIT', details: { unitId: 'dang-uy-cong-an-tinh' } });
  });

  it('refuses a unit whose completion is reported; a rejected completion can be missed', () => {
    const reported = [...underWay, completionReported('rach-gia', true, JUNE_25)];
    spec.given(reported).when(recordMiss('rach-gia', 'esc-rg-1')).thenThrows(CompletionAlreadyReportedError, { code: 'COMPLETION.ALREADY_REPORTED' });
    const rejected = [...reported, ev('CompletionRejected', { unitId: 'rach-gia', reason: 'Chưa đủ số liệu', reviewedAt: JUNE_25 })];
    spec.given(rejected).when(recordMiss('rach-gia', 'esc-rg-1')).then(missed('rach-gia', 'esc-rg-1'));
  });

  it('refuses a completed or closed item', () => {
    spec.given(completed).when(recordMiss('rach-gia', 'esc-rg-1')).thenThrows(ItemAlreadyCompletedError, { code: 'ITEM.ALREADY_COMPLETED' });
    spec.given(closed).when(recordMiss('rach-gia', 'esc-rg-1')).thenThrows(ItemClosedError, { code: 'ITEM.CLOSED' });
  });

  it('is reserved to the engine', () => {
    spec.given(underWay).when(recordMiss('rach-gia', 'esc-rg-1', TOO_LATE, monitor)).thenThrows(RoleNotAllowedError, { code: 'AUTH.ROLE_NOT_ALLOWED' });
  });
});

describe('What an item remembers for its follow-up', () => {
  it('the deadline a miss concerned, and when the escalation reached its level', () => {
    const state = fold([...underWay, ...missed('rach-gia', 'esc-rg-1')]);
    expect(state.assignments.get('rach-gia')).toMatchObject({ deadlineMissedAt: TOO_LATE, missedDueAt: DEADLINE.dueAt });
    expect(state.escalations['esc-rg-1']).toMatchObject({ level: 1, levelSince: TOO_LATE });
  });

  it('the deadline an approved extension granted', () => {
    expect(fold(extended).extensions['ext-rg-01']).toMatchObject({ status: 'approved', grantedDeadline: JULY_31 });
  });
});
