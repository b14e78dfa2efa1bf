import type { DomainEvent } from '../shared/decider.js';

/**
 * The facts of a directive item. Type strings are stored forever: never rename one; when a
 * payload must change, add a new type with a version suffix and upcast the old one on read.
 */
export const ITEM_EVENT_TYPES = [
  'ItemIssued',
  'UnitAssigned',
  'AssignmentAcknowledged',
  'ProgressReported',
  'ProgressReportCorrected',
  'BlockerReported',
  'BlockerResolved',
  'ExtensionRequested',
  'ExtensionApproved',
  'ExtensionRejected',
  'CompletionReported',
  'CompletionAccepted',
  'CompletionRejected',
  'ItemCompleted',
  'CommendationProposed',
  'ItemClosed',
  'DeadlineMissed',
  'ReminderSent',
  'EscalationRaised',
  'EscalationLevelRaised',
  'EscalationResolved',
] as const;

export type AssignmentRole = 'lead' | 'cooperating';

/** A measurable target: reach `value` of `metric` (cumulative) by the deadline. */
export interface Target {
  readonly metric: string;
  readonly value: number;
  /** Human label of the metric, for reports ("thẻ CCCD đã cấp"). */
  readonly label?: string;
}

/** A qualitative duty the item names (propaganda, funding, civil-status review…). */
export interface Duty {
  readonly code: string;
  readonly description: string;
}

/** A deadline as the calendar date in +07 and the instant it expires. */
export interface Deadline {
  readonly date: string;
  readonly dueAt: string;
}

export type MetricValues = Readonly<Record<string, number>>;

export type ItemIssued = DomainEvent<'ItemIssued', {
  itemId: string;
  directiveId: string;
  number: number;
  title: string;
  text: string;
  duties: Duty[];
  targets: Target[];
  deadline: Deadline;
  /** Areas the item says need special solutions (remote, border, island). */
  focusAreas: string[];
  issuedAt: string;
}>;

export type UnitAssigned = DomainEvent<'UnitAssigned', {
  itemId: string;
  unitId: string;
  role: AssignmentRole;
  /** The group the assignment fanned out from, when it was made to a group. */
  viaGroupId?: string;
  deadline: Deadline;
  assignedAt: string;
}>;

export type AssignmentAcknowledged = DomainEvent<'AssignmentAcknowledged', {
  itemId: string;
  unitId: string;
  note?: string;
  acknowledgedAt: string;
}>;

export type ProgressReported = DomainEvent<'ProgressReported', {
  itemId: string;
  unitId: string;
  reportId: string;
  /** The date in +07 the figures stand at. */
  asOf: string;
  /** Cumulative values since the item was issued. */
  metrics: MetricValues;
  narrative: string;
  reportedAt: string;
}>;

export type ProgressReportCorrected = DomainEvent<'ProgressReportCorrected', {
  itemId: string;
  unitId: string;
  /** Id of this correction. */
  reportId: string;
  /** The report whose figures it replaces (the original stays in history). */
  correctsReportId: string;
  asOf: string;
  metrics: MetricValues;
  narrative?: string;
  reason: string;
  correctedAt: string;
}>;

export type BlockerReported = DomainEvent<'BlockerReported', {
  itemId: string;
  unitId: string;
  blockerId: string;
  description: string;
  supportNeeded?: string;
  reportedAt: string;
}>;

export type BlockerResolved = DomainEvent<'BlockerResolved', {
  itemId: string;
  unitId: string;
  blockerId: string;
  resolution: string;
  resolvedAt: string;
}>;

export type ExtensionRequested = DomainEvent<'ExtensionRequested', {
  itemId: string;
  unitId: string;
  requestId: string;
  currentDeadline: Deadline;
  requestedDeadline: Deadline;
  reason: string;
  requestedAt: string;
}>;

export type ExtensionApproved = DomainEvent<'ExtensionApproved', {
  itemId: string;
  unitId: string;
  requestId: string;
  originalDeadline: Deadline;
  previousDeadline: Deadline;
  newDeadline: Deadline;
  note?: string;
  decidedAt: string;
}>;

export type ExtensionRejected = DomainEvent<'ExtensionRejected', {
  itemId: string;
  unitId: string;
  requestId: string;
  reason: string;
  decidedAt: string;
}>;

export type CompletionReported = DomainEvent<'CompletionReported', {
  itemId: string;
  unitId: string;
  summary: string;
  /** Reported before the unit's current deadline expired. */
  onTime: boolean;
  reportedAt: string;
}>;

export type CompletionAccepted = DomainEvent<'CompletionAccepted', {
  itemId: string;
  unitId: string;
  note?: string;
  reviewedAt: string;
}>;

export type CompletionRejected = DomainEvent<'CompletionRejected', {
  itemId: string;
  unitId: string;
  reason: string;
  reviewedAt: string;
}>;

/** Every lead unit's completion was accepted. */
export type ItemCompleted = DomainEvent<'ItemCompleted', {
  itemId: string;
  /** Every lead unit reported completion before its current deadline. */
  onTime: boolean;
  completedAt: string;
}>;

export type Nominee =
  | { readonly kind: 'collective'; readonly name: string; readonly unitId?: string }
  | { readonly kind: 'individual'; readonly name: string; readonly unitId?: string; readonly position?: string };

export type CommendationProposed = DomainEvent<'CommendationProposed', {
  itemId: string;
  commendationId: string;
  nominee: Nominee;
  reason: string;
  proposedAt: string;
}>;

export type ItemClosed = DomainEvent<'ItemClosed', {
  itemId: string;
  outcome: 'completed' | 'cancelled';
  note?: string;
  closedAt: string;
}>;

/** A lead unit's deadline passed without its completion being reported. */
export type DeadlineMissed = DomainEvent<'DeadlineMissed', {
  itemId: string;
  unitId: string;
  deadline: Deadline;
  detectedAt: string;
  /** Detected past the deadline beyond the tolerance (the worker was down, Redis was emptied). */
  late: boolean;
}>;

/** A unit was reminded (of a coming deadline, of a report due): who was told what, when, and why. */
export type ReminderSent = DomainEvent<'ReminderSent', {
  itemId: string;
  unitId: string;
  /** The rule that caused it, e.g. `deadline-minus-3d`, `weekly-report`. */
  rule: string;
  /** When the reminder was due. */
  dueAt: string;
  sentAt: string;
  /** Sent after its due time (the worker was down, Redis was emptied). */
  late: boolean;
  channels: string[];
}>;

export type EscalationRule = 'deadline_missed' | 'at_risk' | 'unresolved';

/** Someone above must act: level 1 the monitor, level 2 the Standing Committee. */
export type EscalationRaised = DomainEvent<'EscalationRaised', {
  itemId: string;
  escalationId: string;
  /** The unit concerned, when there is one. */
  unitId?: string;
  level: number;
  rule: EscalationRule;
  reason: string;
  /** Who must act at this level. */
  mustAct: string;
  raisedAt: string;
}>;

/** An escalation left unresolved climbed a level. */
export type EscalationLevelRaised = DomainEvent<'EscalationLevelRaised', {
  itemId: string;
  escalationId: string;
  unitId?: string;
  level: number;
  mustAct: string;
  reason: string;
  raisedAt: string;
}>;

export type EscalationResolved = DomainEvent<'EscalationResolved', {
  itemId: string;
  escalationId: string;
  unitId?: string;
  resolution: string;
  resolvedAt: string;
}>;

export type ItemEvent =
  | ItemIssued
  | UnitAssigned
  | AssignmentAcknowledged
  | ProgressReported
  | ProgressReportCorrected
  | BlockerReported
  | BlockerResolved
  | ExtensionRequested
  | ExtensionApproved
  | ExtensionRejected
  | CompletionReported
  | CompletionAccepted
  | CompletionRejected
  | ItemCompleted
  | CommendationProposed
  | ItemClosed
  | DeadlineMissed
  | ReminderSent
  | EscalationRaised
  | EscalationLevelRaised
  | EscalationResolved;

export type ItemEventType = ItemEvent['type'];

/** Events only the unit concerned (and the secretariat and monitors) may read. */
export const UNIT_PRIVATE_EVENT_TYPES: ReadonlySet<ItemEventType> = new Set<ItemEventType>([
  'AssignmentAcknowledged',
  'ProgressReported',
  'ProgressReportCorrected',
  'BlockerReported',
  'BlockerResolved',
  'ExtensionRequested',
  'ExtensionApproved',
  'ExtensionRejected',
  'CompletionReported',
  'CompletionAccepted',
  'CompletionRejected',
  'DeadlineMissed',
  'ReminderSent',
  'EscalationRaised',
  'EscalationLevelRaised',
  'EscalationResolved',
]);

export function isItemEventType(type: string): type is ItemEventType {
  return (ITEM_EVENT_TYPES as readonly string[]).includes(type);
}
