/**
 * How the engine follows up a directive's items: reminders before deadlines, periodic report
 * reminders, and escalation. Set per directive by the secretariat (`ReminderPolicySet`); a
 * directive without one follows `DEFAULT_REMINDER_POLICY`. Times of day are in +07.
 */
export interface DeadlineReminderRule {
  /** Whole days before the deadline date (1 = the day before). */
  readonly daysBefore: number;
  /** Time of day in +07, `HH:MM`. */
  readonly at: string;
}

export interface ReportReminderRule {
  /** ISO weekday in +07: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  readonly at: string;
}

export interface EscalationPolicy {
  /** An escalation unresolved this long climbs one level. */
  readonly climbAfterHours: number;
  /** The highest level (2: the Standing Committee). */
  readonly maxLevel: number;
  /** Raise an early-warning escalation when the target forecast misses the deadline. */
  readonly earlyWarning: boolean;
}

export interface ReminderPolicy {
  readonly deadlineReminders: readonly DeadlineReminderRule[];
  /** Weekly report reminders; `null` turns them off. */
  readonly reportReminders: ReportReminderRule | null;
  readonly escalation: EscalationPolicy;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  deadlineReminders: [
    { daysBefore: 7, at: '08:00' },
    { daysBefore: 3, at: '08:00' },
    { daysBefore: 1, at: '08:00' },
  ],
  reportReminders: { weekday: 1, at: '08:00' },
  escalation: { climbAfterHours: 72, maxLevel: 2, earlyWarning: true },
};
