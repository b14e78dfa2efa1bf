import { describe, expect, it } from '@jest/globals';
import { DEFAULT_REMINDER_POLICY, type ReportReminderRule } from '#directives';
import { latestReportReminder, nextReportReminder, reportRemindersDue } from './report-reminders.js';
import { assigned, completionRejected, completionReported, ev, JULY_2, JUNE_25, reminderSent, stateOf, underWay } from './policy.fixtures.js';

const MONDAY_8: ReportReminderRule = { weekday: 1, at: '08:00' };

describe('Weekly report reminder occurrences (Monday 08:00 +07 = Monday 01:00 UTC)', () => {
  it('on Sunday 17:30 UTC, already Monday 00:30 in +07, the latest is the previous Monday and the next is hours away', () => {
    expect(latestReportReminder(MONDAY_8, '2021-06-27T17:30:00.000Z')).toBe('2021-06-21T01:00:00.000Z');
    expect(nextReportReminder(MONDAY_8, '2021-06-27T17:30:00.000Z')).toBe('2021-06-28T01:00:00.000Z');
  });

  it('on Sunday 23:30 UTC (Monday 06:30 +07), the same', () => {
    expect(latestReportReminder(MONDAY_8, '2021-06-27T23:30:00.000Z')).toBe('2021-06-21T01:00:00.000Z');
    expect(nextReportReminder(MONDAY_8, '2021-06-27T23:30:00.000Z')).toBe('2021-06-28T01:00:00.000Z');
  });

  it('at the occurrence itself it is the latest, and the next is a week on', () => {
    expect(latestReportReminder(MONDAY_8, '2021-06-28T01:00:00.000Z')).toBe('2021-06-28T01:00:00.000Z');
    expect(nextReportReminder(MONDAY_8, '2021-06-28T01:00:00.000Z')).toBe('2021-07-05T01:00:00.000Z');
    expect(latestReportReminder(MONDAY_8, '2021-06-28T00:59:59.999Z')).toBe('2021-06-21T01:00:00.000Z');
  });

  it('reads the weekday in +07: Monday 00:30 +07 occurs on Sunday in UTC', () => {
    const mondayEarly = { weekday: 1, at: '00:30' };
    expect(latestReportReminder(mondayEarly, '2021-06-27T17:30:00.000Z')).toBe('2021-06-27T17:30:00.000Z');
    expect(latestReportReminder(mondayEarly, '2021-06-27T17:29:59.999Z')).toBe('2021-06-20T17:30:00.000Z');
    expect(nextReportReminder(mondayEarly, '2021-06-27T17:00:00.000Z')).toBe('2021-06-27T17:30:00.000Z');
  });

  it('handles Sunday (weekday 7) late in the evening', () => {
    const sundayNight = { weekday: 7, at: '23:30' };
    expect(latestReportReminder(sundayNight, '2021-06-28T01:00:00.000Z')).toBe('2021-06-27T16:30:00.000Z');
    expect(nextReportReminder(sundayNight, '2021-06-27T16:00:00.000Z')).toBe('2021-06-27T16:30:00.000Z');
  });
});

describe('Units owed a weekly report reminder', () => {
  const OCCURRENCE = '2021-05-03T01:00:00.000Z';
  const policy = DEFAULT_REMINDER_POLICY;

  it('are the units still working on the open item, assigned by then', () => {
    const state = stateOf([...underWay, assigned('kien-hai', 'lead', '2021-05-03T02:00:00.000Z')]);
    expect(reportRemindersDue(state, policy, OCCURRENCE)).toEqual(['rach-gia', 'phu-quoc', 'dang-uy-cong-an-tinh']);
  });

  it('leave out units already reminded of this occurrence, not of another', () => {
    const state = stateOf([...underWay, reminderSent('rach-gia', 'weekly-report', OCCURRENCE), reminderSent('phu-quoc', 'weekly-report', '2021-04-26T01:00:00.000Z')]);
    expect(reportRemindersDue(state, policy, OCCURRENCE)).toEqual(['phu-quoc', 'dang-uy-cong-an-tinh']);
  });

  it('leave out a unit whose completion is reported, until it is rejected', () => {
    const reported = [...underWay, completionReported('rach-gia', JUNE_25)];
    expect(reportRemindersDue(stateOf(reported), policy, '2021-06-28T01:00:00.000Z')).toEqual(['phu-quoc', 'dang-uy-cong-an-tinh']);
    const rejected = stateOf([...reported, completionRejected('rach-gia', JULY_2)]);
    expect(reportRemindersDue(rejected, policy, '2021-07-05T01:00:00.000Z')).toEqual(['rach-gia', 'phu-quoc', 'dang-uy-cong-an-tinh']);
  });

  it('are none when the policy turns report reminders off, or the item is not open', () => {
    expect(reportRemindersDue(stateOf(underWay), { ...policy, reportReminders: null }, OCCURRENCE)).toEqual([]);
    const closed = stateOf([...underWay, ev('ItemClosed', { outcome: 'cancelled', note: 'Thu hồi', closedAt: JUNE_25 })]);
    expect(reportRemindersDue(closed, policy, '2021-06-28T01:00:00.000Z')).toEqual([]);
  });
});
