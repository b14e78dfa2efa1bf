import type { PlannedJob } from '../policy/index.js';

/** The queue of every follow-up job: reminders, overdue checks, escalation climbs, report reminder ticks. */
export const FOLLOW_UP_QUEUE = 'item-follow-up';

/** One planned reminder, overdue check or escalation climb; its id is `followUpJobId(job)`. */
export const FOLLOW_UP_JOB = 'FollowUp';
/** A tick of a directive's periodic report reminders (from a job scheduler in +07). */
export const REPORT_REMINDERS_JOB = 'ReportReminders';
/** Reads the log after its checkpoint and brings the item plans it touched into BullMQ. */
export const FOLLOW_LOG_JOB = 'FollowLog';
/** Derives every pending follow-up from the log and repairs BullMQ. */
export const RECONCILE_JOB = 'Reconcile';
/** Asks the target forecast of every open item whether it still meets its deadline. */
export const EARLY_WARNING_JOB = 'EarlyWarning';

export const FOLLOW_LOG_SCHEDULER = 'follow-up-log';
export const RECONCILE_SCHEDULER = 'follow-up-reconcile';
export const EARLY_WARNING_SCHEDULER = 'follow-up-early-warning';
export const reportRemindersScheduler = (directiveId: string): string => `report-reminders|${directiveId}`;

export type FollowUpJobData = PlannedJob;
export interface ReportRemindersJobData {
  readonly directiveId: string;
}

/** Vietnam's zone, in which every policy time of day is read. */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
