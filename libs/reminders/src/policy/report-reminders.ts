import { reminderKey, type ItemState, type ReminderPolicy, type ReportReminderRule } from '#directives';
import { DAY_MS, iso, timeOfDayMs, VN_OFFSET_MS } from './vn-time-of-day.js';

/** The rule name periodic report reminders are recorded under. */
export const REPORT_REMINDER_RULE = 'weekly-report';

const WEEK_MS = 7 * DAY_MS;

/**
 * The latest occurrence of a weekly rule at or before `now`, as UTC ISO-8601. The weekday is the
 * one in +07: Monday 08:00 +07 is Monday 01:00 UTC, and Monday 00:30 +07 is still Sunday in UTC.
 * A tick of a scheduler serves this occurrence, so a late tick still reminds of the right week.
 */
export function latestReportReminder(rule: ReportReminderRule, now: string): string {
  const local = Date.parse(now) + VN_OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const isoWeekday = ((new Date(dayStart).getUTCDay() + 6) % 7) + 1;
  let occurrence = dayStart - ((isoWeekday - rule.weekday + 7) % 7) * DAY_MS + timeOfDayMs(rule.at);
  if (occurrence > local) occurrence -= WEEK_MS;
  return iso(occurrence - VN_OFFSET_MS);
}

/** The first occurrence of a weekly rule strictly after `now`, as UTC ISO-8601. */
export function nextReportReminder(rule: ReportReminderRule, now: string): string {
  return iso(Date.parse(latestReportReminder(rule, now)) + WEEK_MS);
}

/**
 * Units owed the periodic report reminder of `occurrence` (rule `weekly-report`) that have not
 * been sent it: units still working on an open item (no completion reported, or it was rejected),
 * assigned by then. None when the policy turns report reminders off.
 */
export function reportRemindersDue(state: ItemState, policy: ReminderPolicy, occurrence: string): string[] {
  if (state.status !== 'open' || !policy.reportReminders) return [];
  return [...state.assignments.values()]
    .filter(({ completion }) => completion.status === 'none' || completion.status === 'rejected')
    .filter(({ assignedAt }) => assignedAt <= occurrence)
    .filter(({ unitId }) => !state.reminders.has(reminderKey(unitId, REPORT_REMINDER_RULE, occurrence)))
    .map(({ unitId }) => unitId);
}
