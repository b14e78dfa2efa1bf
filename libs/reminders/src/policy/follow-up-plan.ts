import {
  reminderKey,
  type Assignment,
  type Deadline,
  type DeadlineReminderRule,
  type Escalation,
  type IssuedItemState,
  type ItemState,
  type ReminderPolicy,
} from '#directives';
import { DAY_MS, iso, vnInstantMs } from './vn-time-of-day.js';

export type FollowUpKind = 'reminder' | 'overdue-check' | 'escalation-climb';

/** One follow-up an item's plan calls for: what to do, for whom, and when. */
export interface PlannedJob {
  readonly kind: FollowUpKind;
  readonly itemId: string;
  /** The unit concerned (reminders and overdue checks). */
  readonly unitId?: string;
  /** The escalation concerned (climbs). */
  readonly escalationId?: string;
  /** The level a climb goes to. */
  readonly level?: number;
  readonly rule: string;
  /** UTC ISO-8601. */
  readonly dueAt: string;
}

/**
 * Deterministic BullMQ job id: `${itemId}|${unitId ?? escalationId}|${rule}|${compact dueAt}`,
 * e.g. `…|rach-gia|deadline-due|20210630T170000Z`. BullMQ forbids ':' in custom ids, so the due
 * time is written without separators (milliseconds kept only when not zero).
 */
export function followUpJobId(job: PlannedJob): string {
  const compact = iso(Date.parse(job.dueAt)).replace(/[-:]/g, '').replace('.000Z', 'Z');
  return `${job.itemId}|${job.unitId ?? job.escalationId}|${job.rule}|${compact}`;
}

/** When a deadline reminder is due: `daysBefore` days before the deadline date, at `at` in +07. */
export function deadlineReminderInstant(deadlineDate: string, rule: DeadlineReminderRule): string {
  return iso(vnInstantMs(deadlineDate, rule.at) - rule.daysBefore * DAY_MS);
}

/**
 * What should be pending (or is due now) and has not yet taken effect: deadline reminders not yet
 * sent, the overdue check of each lead unit's current deadline not yet recorded as missed, and the
 * next climb of each unresolved escalation. Jobs already past due are included: the caller runs
 * them at once (the decider marks them late or, when they took effect meanwhile, records nothing).
 * Only open items are followed up; a unit whose completion is reported or accepted is left alone.
 */
export function planFollowUp(state: ItemState, policy: ReminderPolicy): PlannedJob[] {
  if (state.status !== 'open') return [];
  const jobs: PlannedJob[] = [];
  for (const assignment of state.assignments.values()) {
    const { status } = assignment.completion;
    if (status !== 'none' && status !== 'rejected') continue;
    const reminders = deadlineReminders(state.itemId, assignment, assignment.deadline, policy);
    jobs.push(...reminders.filter((job) => !state.reminders.has(reminderKey(assignment.unitId, job.rule, job.dueAt))));
    if (assignment.role === 'lead' && assignment.missedDueAt !== assignment.deadline.dueAt) {
      jobs.push(overdueCheck(state.itemId, assignment.unitId, assignment.deadline));
    }
  }
  for (const escalation of Object.values(state.escalations)) {
    if (!escalation.resolvedAt && escalation.level < policy.escalation.maxLevel) jobs.push(climb(state.itemId, escalation, policy));
  }
  return jobs;
}

/**
 * Every job an earlier plan of this item may have scheduled: for each deadline each assignment
 * ever had (the original one, each approved extension's granted one, the current one) its
 * reminders and, for leads, its overdue check; and the next climb of every escalation from its
 * current level, whatever its state. Nothing already sent is left out. The caller removes
 * `everPlanned − planFollowUp` from the queue when the plan changes.
 *
 * Watch out: reminders are derived from the policy given, so jobs of rules a changed policy no
 * longer has are not found here; climbs ignore `maxLevel`, so lowering it still finds them.
 */
export function everPlannedFollowUp(state: ItemState, policy: ReminderPolicy): PlannedJob[] {
  if (state.status === 'unissued') return [];
  const jobs = new Map<string, PlannedJob>();
  const keep = (job: PlannedJob) => jobs.set(followUpJobId(job), job);
  for (const assignment of state.assignments.values()) {
    for (const deadline of deadlinesOf(state, assignment)) {
      deadlineReminders(state.itemId, assignment, deadline, policy).forEach(keep);
      if (assignment.role === 'lead') keep(overdueCheck(state.itemId, assignment.unitId, deadline));
    }
  }
  for (const escalation of Object.values(state.escalations)) keep(climb(state.itemId, escalation, policy));
  return [...jobs.values()];
}

/** The reminders of `deadline` due after the unit was assigned and before the deadline expires. */
function deadlineReminders(itemId: string, assignment: Assignment, deadline: Deadline, policy: ReminderPolicy): PlannedJob[] {
  return policy.deadlineReminders
    .map((rule): PlannedJob => ({
      kind: 'reminder',
      itemId,
      unitId: assignment.unitId,
      rule: `deadline-minus-${rule.daysBefore}d`,
      dueAt: deadlineReminderInstant(deadline.date, rule),
    }))
    .filter((job) => job.dueAt >= assignment.assignedAt && job.dueAt < deadline.dueAt);
}

const overdueCheck = (itemId: string, unitId: string, deadline: Deadline): PlannedJob => ({
  kind: 'overdue-check',
  itemId,
  unitId,
  rule: 'deadline-due',
  dueAt: deadline.dueAt,
});

/** A climb is identified by its escalation, not its unit: one unit may have several escalations. */
function climb(itemId: string, escalation: Escalation, policy: ReminderPolicy): PlannedJob {
  const level = escalation.level + 1;
  const dueAt = iso(Date.parse(escalation.levelSince) + policy.escalation.climbAfterHours * 3_600_000);
  return { kind: 'escalation-climb', itemId, escalationId: escalation.escalationId, level, rule: `climb-to-${level}`, dueAt };
}

function deadlinesOf(state: IssuedItemState, assignment: Assignment): Deadline[] {
  const granted = Object.values(state.extensions)
    .filter((e) => e.unitId === assignment.unitId && e.status === 'approved' && e.grantedDeadline)
    .map((e) => e.grantedDeadline!);
  const all = [assignment.originalDeadline, ...granted, assignment.deadline];
  return all.filter((d, i) => all.findIndex((other) => other.dueAt === d.dueAt) === i);
}
