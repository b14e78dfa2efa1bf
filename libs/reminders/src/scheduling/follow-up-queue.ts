import { createHash } from 'node:crypto';
import { followUpJobId, type PlannedJob } from '../policy/index.js';

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

/**
 * A planned job as BullMQ holds it: `[itemId, unitId or escalationId, rule code, due time in ms
 * (base 36)]`. BullMQ keeps a job in a Redis hash that stays compact (a listpack) only while each
 * field is at most 64 bytes; the readable id (`followUpJobId`) and the plan's field names would not
 * fit, and a pending reminder would cost three times the memory.
 */
export type FollowUpJobData = readonly [string, string, string, string];

/**
 * The BullMQ id of a planned job: a digest of its readable identity (item, unit or escalation,
 * rule, due time), so scheduling the same follow-up twice, from any worker, gives one job.
 */
export function queueJobId(job: PlannedJob): string {
  return `f${createHash('sha256').update(followUpJobId(job)).digest('base64url').slice(0, 16)}`;
}

export function encodeFollowUp(job: PlannedJob): FollowUpJobData {
  return [job.itemId, job.unitId ?? job.escalationId ?? '', ruleCode(job.rule), Date.parse(job.dueAt).toString(36)];
}

export function decodeFollowUp([itemId, subject, code, due]: FollowUpJobData): PlannedJob {
  const dueAt = new Date(parseInt(due, 36)).toISOString();
  if (code === 'due') return { kind: 'overdue-check', itemId, unitId: subject, rule: 'deadline-due', dueAt };
  const n = Number(code.slice(1));
  if (code.startsWith('c')) return { kind: 'escalation-climb', itemId, escalationId: subject, level: n, rule: `climb-to-${n}`, dueAt };
  return { kind: 'reminder', itemId, unitId: subject, rule: `deadline-minus-${n}d`, dueAt };
}

function ruleCode(rule: string): string {
  if (rule === 'deadline-due') return 'due';
  const climb = /^climb-to-(\d+)$/.exec(rule);
  if (climb) return `c${climb[1]}`;
  const reminder = /^deadline-minus-(\d+)d$/.exec(rule);
  if (reminder) return `d${reminder[1]}`;
  throw new Error(`No queue code for follow-up rule ${rule}`);
}
export interface ReportRemindersJobData {
  readonly directiveId: string;
}

/** Vietnam's zone, in which every policy time of day is read. */
export const VN_TIME_ZONE = 'Asia/Ho_Chi_Minh';
