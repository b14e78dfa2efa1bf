import type { CommandMeta } from '../shared/actor.js';
import type { AssignmentRole, Duty, MetricValues, Nominee, Target } from './item.events.js';

/** Every item command names the item it targets; the item's stream is `item-<itemId>`. */
type Cmd<Type extends string, Data> = CommandMeta & { readonly type: Type; readonly itemId: string; readonly data: Data };

export type IssueItem = Cmd<'IssueItem', {
  directiveId: string;
  number: number;
  title: string;
  text: string;
  duties: Duty[];
  targets: Target[];
  /** Calendar date in +07. */
  deadline: string;
  focusAreas?: string[];
}>;

/** One unit to assign, already resolved from a group by the caller when made to a group. */
export interface AssigneeSpec {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly viaGroupId?: string;
}

export type AssignUnits = Cmd<'AssignUnits', {
  assignees: AssigneeSpec[];
  /** The units' deadline; defaults to the item's. */
  deadline?: string;
}>;

export type AcknowledgeAssignment = Cmd<'AcknowledgeAssignment', { note?: string }>;

export type ReportProgress = Cmd<'ReportProgress', {
  reportId: string;
  asOf: string;
  metrics: MetricValues;
  narrative: string;
}>;

export type CorrectProgressReport = Cmd<'CorrectProgressReport', {
  reportId: string;
  correctsReportId: string;
  metrics: MetricValues;
  narrative?: string;
  reason: string;
}>;

export type ReportBlocker = Cmd<'ReportBlocker', {
  blockerId: string;
  description: string;
  supportNeeded?: string;
}>;

export type ResolveBlocker = Cmd<'ResolveBlocker', { blockerId: string; resolution: string }>;

export type RequestExtension = Cmd<'RequestExtension', {
  requestId: string;
  requestedDeadline: string;
  reason: string;
}>;

export type DecideExtension = Cmd<'DecideExtension', {
  requestId: string;
  decision: 'approve' | 'reject';
  /** The deadline granted on approval; defaults to the one requested. */
  grantedDeadline?: string;
  /** Why (required on rejection). */
  note?: string;
}>;

export type ReportCompletion = Cmd<'ReportCompletion', { summary: string }>;

export type ReviewCompletion = Cmd<'ReviewCompletion', {
  unitId: string;
  decision: 'accept' | 'reject';
  note?: string;
}>;

export type ProposeCommendation = Cmd<'ProposeCommendation', {
  commendationId: string;
  nominee: Nominee;
  reason: string;
}>;

export type CloseItem = Cmd<'CloseItem', { outcome: 'completed' | 'cancelled'; note?: string }>;

/**
 * Follow-up commands the engine itself issues (actor role `system`): reminders, the overdue check
 * and escalations. Each is idempotent in the decider: repeating one that already took effect
 * records nothing, so a job run twice, by two workers, or after a restart never records a fact twice.
 */
export type SendReminder = Cmd<'SendReminder', {
  unitId: string;
  /** The policy rule, e.g. `deadline-minus-7d`, `weekly-report`. */
  rule: string;
  /** When the reminder was due (UTC ISO-8601). */
  dueAt: string;
  /** Sent past its due time beyond the tolerance (the worker was down, Redis was emptied). */
  late: boolean;
  channels: string[];
}>;

/** A lead unit's current deadline passed without its completion reported: record it and escalate (level 1). */
export type RecordDeadlineMissed = Cmd<'RecordDeadlineMissed', {
  unitId: string;
  /** Deterministic id of the escalation it raises. */
  escalationId: string;
  /** Who must act at level 1 (the directive's monitor). */
  mustAct: string;
  late: boolean;
}>;

/** An escalation left unresolved climbs to `level` (exactly one above its current level). */
export type ClimbEscalation = Cmd<'ClimbEscalation', {
  escalationId: string;
  level: number;
  mustAct: string;
  reason: string;
}>;

/** The target forecast says the deadline will be missed: raise an early-warning escalation (rule `at_risk`). */
export type RaiseEarlyWarning = Cmd<'RaiseEarlyWarning', {
  escalationId: string;
  reason: string;
  mustAct: string;
}>;

/** A monitor or the secretariat records how an escalation was resolved. */
export type ResolveEscalation = Cmd<'ResolveEscalation', { escalationId: string; resolution: string }>;

export type ItemCommand =
  | IssueItem
  | AssignUnits
  | AcknowledgeAssignment
  | ReportProgress
  | CorrectProgressReport
  | ReportBlocker
  | ResolveBlocker
  | RequestExtension
  | DecideExtension
  | ReportCompletion
  | ReviewCompletion
  | ProposeCommendation
  | CloseItem
  | SendReminder
  | RecordDeadlineMissed
  | ClimbEscalation
  | RaiseEarlyWarning
  | ResolveEscalation;

export type ItemCommandType = ItemCommand['type'];
