import { describe, expect, it } from '@jest/globals';
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '#directives';
import { deadlineReminderInstant, everPlannedFollowUp, followUpJobId, planFollowUp, type PlannedJob } from './follow-up-plan.js';
import {
  assigned,
  completionRejected,
  completionReported,
  DEADLINE,
  ev,
  extendedTo,
  issued,
  ITEM_ID,
  JULY_2,
  JUNE_25,
  missed,
  reminderSent,
  stateOf,
  TOO_LATE,
  underWay,
} from './policy.fixtures.js';

const policy = DEFAULT_REMINDER_POLICY;
const reminder = (unitId: string, days: number, dueAt: string): PlannedJob => ({ kind: 'reminder', itemId: ITEM_ID, unitId, rule: `deadline-minus-${days}d`, dueAt });
const june30Reminders = (unitId: string) => [
  reminder(unitId, 7, '2021-06-23T01:00:00.000Z'),
  reminder(unitId, 3, '2021-06-27T01:00:00.000Z'),
  reminder(unitId, 1, '2021-06-29T01:00:00.000Z'),
];
const overdueCheck = (unitId: string, dueAt = DEADLINE.dueAt): PlannedJob => ({ kind: 'overdue-check', itemId: ITEM_ID, unitId, rule: 'deadline-due', dueAt });
const climb = (escalationId: string, level: number, dueAt: string): PlannedJob => ({ kind: 'escalation-climb', itemId: ITEM_ID, escalationId, level, rule: `climb-to-${level}`, dueAt });
const ids = (jobs: PlannedJob[]) => jobs.map(followUpJobId);
/** What a change of plan removes from the queue. */
const stale = (state: ReturnType<typeof stateOf>, p: ReminderPolicy = policy) => {
  const wanted = new Set(ids(planFollowUp(state, p)));
  return ids(everPlannedFollowUp(state, p)).filter((id) => !wanted.has(id));
};

describe('When a deadline reminder is due ("by 30-6-2021")', () => {
  it('expires at the end of 30-6 in +07: 17:00 UTC', () => {
    expect(DEADLINE.dueAt).toBe('2021-06-30T17:00:00.000Z');
  });

  it('reminds at 08:00 +07 the given number of days before: D-1 on 29-6 at 01:00 UTC, D-7 on 23-6', () => {
    expect(deadlineReminderInstant('2021-06-30', { daysBefore: 1, at: '08:00' })).toBe('2021-06-29T01:00:00.000Z');
    expect(deadlineReminderInstant('2021-06-30', { daysBefore: 7, at: '08:00' })).toBe('2021-06-23T01:00:00.000Z');
  });

  it('reads early-morning times in +07, which fall on the previous UTC day', () => {
    expect(deadlineReminderInstant('2021-07-01', { daysBefore: 0, at: '06:30' })).toBe('2021-06-30T23:30:00.000Z');
    expect(deadlineReminderInstant('2021-03-01', { daysBefore: 1, at: '00:00' })).toBe('2021-02-27T17:00:00.000Z');
  });
});

describe('Follow-up job ids', () => {
  it('are deterministic, name the unit or the escalation, and hold no colon', () => {
    expect(followUpJobId(overdueCheck('rach-gia'))).toBe('kg-126-cv-tu-2021.1|rach-gia|deadline-due|20210630T170000Z');
    expect(followUpJobId(climb('esc-pq-1', 2, '2021-07-03T17:00:00.000Z'))).toBe('kg-126-cv-tu-2021.1|esc-pq-1|climb-to-2|20210703T170000Z');
    expect(followUpJobId(climb('esc-pq-1', 2, '2021-07-03T17:00:00.250Z'))).toBe('kg-126-cv-tu-2021.1|esc-pq-1|climb-to-2|20210703T170000.250Z');
  });
});

describe('Planning an item’s follow-up', () => {
  it('reminds every working unit before its deadline, and checks each lead unit’s deadline when it expires', () => {
    expect(planFollowUp(stateOf(underWay), policy)).toEqual([
      ...june30Reminders('rach-gia'),
      overdueCheck('rach-gia'),
      ...june30Reminders('phu-quoc'),
      overdueCheck('phu-quoc'),
      ...june30Reminders('dang-uy-cong-an-tinh'),
    ]);
  });

  it('plans no reminder due before the unit was assigned', () => {
    const late = stateOf([issued, assigned('kien-hai', 'lead', JUNE_25)]);
    expect(planFollowUp(late, policy)).toEqual([reminder('kien-hai', 3, '2021-06-27T01:00:00.000Z'), reminder('kien-hai', 1, '2021-06-29T01:00:00.000Z'), overdueCheck('kien-hai')]);
  });

  it('leaves out reminders already sent', () => {
    const state = stateOf([...underWay, reminderSent('rach-gia', 'deadline-minus-7d', '2021-06-23T01:00:00.000Z')]);
    expect(planFollowUp(state, policy).filter((j) => j.unitId === 'rach-gia')).toEqual([june30Reminders('rach-gia')[1], june30Reminders('rach-gia')[2], overdueCheck('rach-gia')]);
  });

  it('moves with an approved extension, and lists the old deadline’s jobs for removal', () => {
    const state = stateOf([...underWay, ...extendedTo('2021-07-31')]);
    expect(planFollowUp(state, policy).filter((j) => j.unitId === 'rach-gia')).toEqual([
      reminder('rach-gia', 7, '2021-07-24T01:00:00.000Z'),
      reminder('rach-gia', 3, '2021-07-28T01:00:00.000Z'),
      reminder('rach-gia', 1, '2021-07-30T01:00:00.000Z'),
      overdueCheck('rach-gia', '2021-07-31T17:00:00.000Z'),
    ]);
    expect(stale(state)).toEqual(ids([...june30Reminders('rach-gia'), overdueCheck('rach-gia')]));
  });

  it('stops reminding and checking a unit once it reports completion', () => {
    const state = stateOf([...underWay, completionReported('rach-gia')]);
    expect(planFollowUp(state, policy).filter((j) => j.unitId === 'rach-gia')).toEqual([]);
    expect(stale(state)).toEqual(ids([...june30Reminders('rach-gia'), overdueCheck('rach-gia')]));
  });

  it('plans them again when the completion is rejected: past the deadline, the overdue check is due at once', () => {
    const state = stateOf([...underWay, completionReported('rach-gia'), completionRejected('rach-gia', JULY_2)]);
    const plan = planFollowUp(state, policy).filter((j) => j.unitId === 'rach-gia');
    expect(plan).toEqual([...june30Reminders('rach-gia'), overdueCheck('rach-gia')]);
    expect(plan.find((j) => j.kind === 'overdue-check')!.dueAt <= JULY_2).toBe(true);
  });

  it('never checks a cooperating unit’s deadline', () => {
    expect(planFollowUp(stateOf(underWay), policy).filter((j) => j.unitId === 'dang-uy-cong-an-tinh' && j.kind !== 'reminder')).toEqual([]);
  });

  it('plans nothing for an item not open', () => {
    const completed = [...underWay, ev('ItemCompleted', { onTime: true, completedAt: JULY_2 })];
    const closed = [...underWay, ev('ItemClosed', { outcome: 'cancelled', note: 'Thu hồi', closedAt: JULY_2 })];
    for (const events of [[], completed, closed]) expect(planFollowUp(stateOf(events), policy)).toEqual([]);
    expect(stale(stateOf(closed))).toEqual(ids(planFollowUp(stateOf(underWay), policy)));
  });
});

describe('Planning escalation climbs', () => {
  const missedPq = [...underWay, ...missed('phu-quoc', 'esc-pq-1')];
  const raisedToTwo = ev('EscalationLevelRaised', { escalationId: 'esc-pq-1', unitId: 'phu-quoc', level: 2, mustAct: 'ban-thuong-vu-tinh-uy', reason: 'Unresolved', raisedAt: '2021-07-03T17:00:00.000Z' });

  it('drops the overdue check once the miss is recorded, and climbs the escalation 72 hours after it was raised', () => {
    const plan = planFollowUp(stateOf(missedPq), policy);
    expect(plan.filter((j) => j.unitId === 'phu-quoc' && j.kind === 'overdue-check')).toEqual([]);
    expect(plan.filter((j) => j.kind === 'escalation-climb')).toEqual([climb('esc-pq-1', 2, '2021-07-03T17:00:00.000Z')]);
  });

  it('counts the time from when the escalation reached its level, after the policy’s hours', () => {
    const fast = { ...policy, escalation: { ...policy.escalation, climbAfterHours: 48 } };
    expect(planFollowUp(stateOf(missedPq), fast).filter((j) => j.kind === 'escalation-climb')).toEqual([climb('esc-pq-1', 2, '2021-07-02T17:00:00.000Z')]);
  });

  it('stops at the policy’s highest level, and lists the climb beyond it for removal', () => {
    expect(planFollowUp(stateOf([...missedPq, raisedToTwo]), policy).filter((j) => j.kind === 'escalation-climb')).toEqual([]);
    const levelOne = { ...policy, escalation: { ...policy.escalation, maxLevel: 1 } };
    expect(stale(stateOf(missedPq), levelOne)).toContain(followUpJobId(climb('esc-pq-1', 2, '2021-07-03T17:00:00.000Z')));
  });

  it('stops once the escalation is resolved', () => {
    const resolved = ev('EscalationResolved', { escalationId: 'esc-pq-1', unitId: 'phu-quoc', resolution: 'Đã xử lý', resolvedAt: JULY_2 });
    const state = stateOf([...missedPq, resolved]);
    expect(planFollowUp(state, policy).filter((j) => j.kind === 'escalation-climb')).toEqual([]);
    expect(stale(state)).toContain(followUpJobId(climb('esc-pq-1', 2, '2021-07-03T17:00:00.000Z')));
  });

  it('records the miss of an extended deadline again: the new deadline is checked', () => {
    const state = stateOf([...underWay, ...missed('rach-gia', 'esc-rg-1', TOO_LATE), ...extendedTo('2021-07-31', JULY_2)]);
    expect(planFollowUp(state, policy).filter((j) => j.unitId === 'rach-gia' && j.kind === 'overdue-check')).toEqual([overdueCheck('rach-gia', '2021-07-31T17:00:00.000Z')]);
  });
});
