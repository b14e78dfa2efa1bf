import { DomainError } from '../shared/domain-error.js';

/** The item has not been issued (its stream holds nothing). */
export class ItemNotFoundError extends DomainError {
  readonly code = 'ITEM.NOT_FOUND';
  readonly category = 'not_found';
  constructor(itemId: string) {
    super(`Item ${itemId} does not exist`, 'itemId', { itemId });
  }
}

export class ItemAlreadyIssuedError extends DomainError {
  readonly code = 'ITEM.ALREADY_ISSUED';
  readonly category = 'conflict';
  constructor(itemId: string) {
    super(`Item ${itemId} has already been issued`, 'itemId', { itemId });
  }
}

/** Nothing is accepted on a closed item. */
export class ItemClosedError extends DomainError {
  readonly code = 'ITEM.CLOSED';
  readonly category = 'conflict';
  constructor(itemId: string) {
    super(`Item ${itemId} is closed: nothing more can be recorded on it`, undefined, { itemId });
  }
}

/** Work on an item whose completion was accepted is over; only commendations and closing remain. */
export class ItemAlreadyCompletedError extends DomainError {
  readonly code = 'ITEM.ALREADY_COMPLETED';
  readonly category = 'conflict';
  constructor(itemId: string) {
    super(`Item ${itemId} is completed: only commendations and closing remain`, undefined, { itemId });
  }
}

export class ItemNotCompletedError extends DomainError {
  readonly code = 'ITEM.NOT_COMPLETED';
  readonly category = 'conflict';
  constructor(itemId: string) {
    super(`Item ${itemId} cannot be closed as completed: the completion of every lead unit has not been accepted`, 'outcome', { itemId });
  }
}

/** A date field is not a real date, or lies outside what the rule allows. */
export class InvalidDateError extends DomainError {
  readonly code = 'ITEM.INVALID_DATE';
  readonly category = 'validation';
  constructor(field: string, rule: string) {
    super(`${field} ${rule}`, field);
  }
}

/** Only a unit assigned to the item may act on its assignment. */
export class NotAssignedError extends DomainError {
  readonly code = 'ASSIGNMENT.NOT_ASSIGNED';
  readonly category = 'forbidden';
  constructor(itemId: string, unitId: string) {
    super(`Unit ${unitId} is not assigned to item ${itemId}`, undefined, { itemId, unitId });
  }
}

export class AlreadyAssignedError extends DomainError {
  readonly code = 'ASSIGNMENT.ALREADY_ASSIGNED';
  readonly category = 'conflict';
  constructor(unitIds: readonly string[]) {
    super(`Already assigned with that role: ${unitIds.join(', ')}`, 'assignees', { unitIds });
  }
}

/** A unit cannot be both lead and cooperating on one item. */
export class AssignmentRoleConflictError extends DomainError {
  readonly code = 'ASSIGNMENT.ROLE_CONFLICT';
  readonly category = 'conflict';
  constructor(unitId: string, current: string, requested: string) {
    super(`Unit ${unitId} is already assigned as ${current}; it cannot also be ${requested}`, 'assignees', { unitId, current, requested });
  }
}

export class AlreadyAcknowledgedError extends DomainError {
  readonly code = 'ASSIGNMENT.ALREADY_ACKNOWLEDGED';
  readonly category = 'conflict';
  constructor(unitId: string) {
    super(`Unit ${unitId} has already acknowledged this assignment`, undefined, { unitId });
  }
}

/** Reports, blockers, extension requests and completion follow the acknowledgement. */
export class NotAcknowledgedError extends DomainError {
  readonly code = 'ASSIGNMENT.NOT_ACKNOWLEDGED';
  readonly category = 'conflict';
  constructor(unitId: string) {
    super(`Unit ${unitId} must acknowledge the assignment first`, undefined, { unitId });
  }
}

/** Cumulative figures never go backwards; a lower figure needs an explicit correction. */
export class MetricDecreasedError extends DomainError {
  readonly code = 'PROGRESS.METRIC_DECREASED';
  readonly category = 'conflict';
  constructor(metric: string, previous: number, reported: number) {
    super(
      `metrics.${metric} is cumulative: ${reported} is below the ${previous} already reported; submit a correction of the earlier report instead`,
      `metrics.${metric}`,
      { metric, previous, reported },
    );
  }
}

export class ReportOutOfOrderError extends DomainError {
  readonly code = 'PROGRESS.AS_OF_BEFORE_LAST_REPORT';
  readonly category = 'conflict';
  constructor(asOf: string, lastAsOf: string) {
    super(`asOf ${asOf} is earlier than the last report (${lastAsOf}); correct that report instead`, 'asOf', { asOf, lastAsOf });
  }
}

export class ReportNotFoundError extends DomainError {
  readonly code = 'PROGRESS.REPORT_NOT_FOUND';
  readonly category = 'not_found';
  constructor(reportId: string) {
    super(`Progress report ${reportId} does not exist on this item`, 'reportId', { reportId });
  }
}

/** Report ids are unique on an item: the reports index is keyed by them (a repeat would poison the stream). */
export class ReportExistsError extends DomainError {
  readonly code = 'PROGRESS.REPORT_ID_TAKEN';
  readonly category = 'conflict';
  constructor(reportId: string) {
    super(`reportId ${reportId} is already used by a report on this item`, 'reportId', { reportId });
  }
}

/** A unit corrects only its own reports. */
export class NotOwnReportError extends DomainError {
  readonly code = 'PROGRESS.NOT_OWN_REPORT';
  readonly category = 'forbidden';
  constructor(reportId: string) {
    super(`Progress report ${reportId} belongs to another unit`, 'reportId', { reportId });
  }
}

export class BlockerNotFoundError extends DomainError {
  readonly code = 'BLOCKER.NOT_FOUND';
  readonly category = 'not_found';
  constructor(blockerId: string) {
    super(`Blocker ${blockerId} does not exist on this item`, 'blockerId', { blockerId });
  }
}

/** Blocker ids are unique on an item: a repeat would overwrite the earlier blocker and its resolution. */
export class BlockerExistsError extends DomainError {
  readonly code = 'BLOCKER.ALREADY_REPORTED';
  readonly category = 'conflict';
  constructor(blockerId: string) {
    super(`Blocker ${blockerId} was already reported`, 'blockerId', { blockerId });
  }
}

/** A unit resolves only the blockers it reported. */
export class NotOwnBlockerError extends DomainError {
  readonly code = 'BLOCKER.NOT_OWN';
  readonly category = 'forbidden';
  constructor(blockerId: string) {
    super(`Blocker ${blockerId} was reported by another unit`, 'blockerId', { blockerId });
  }
}

export class BlockerAlreadyResolvedError extends DomainError {
  readonly code = 'BLOCKER.ALREADY_RESOLVED';
  readonly category = 'conflict';
  constructor(blockerId: string) {
    super(`Blocker ${blockerId} is already resolved`, 'blockerId', { blockerId });
  }
}

export class ExtensionNotFoundError extends DomainError {
  readonly code = 'EXTENSION.NOT_FOUND';
  readonly category = 'not_found';
  constructor(requestId: string) {
    super(`Extension request ${requestId} does not exist on this item`, 'requestId', { requestId });
  }
}

export class ExtensionAlreadyDecidedError extends DomainError {
  readonly code = 'EXTENSION.ALREADY_DECIDED';
  readonly category = 'conflict';
  constructor(requestId: string, status: string) {
    super(`Extension request ${requestId} was already ${status}`, 'requestId', { requestId, status });
  }
}

/** Request ids are unique on an item: a repeat would overwrite the earlier request and its decision. */
export class ExtensionExistsError extends DomainError {
  readonly code = 'EXTENSION.ALREADY_REQUESTED';
  readonly category = 'conflict';
  constructor(requestId: string) {
    super(`Extension request ${requestId} was already made`, 'requestId', { requestId });
  }
}

/** One pending extension request per unit and item. */
export class ExtensionPendingError extends DomainError {
  readonly code = 'EXTENSION.ALREADY_PENDING';
  readonly category = 'conflict';
  constructor(requestId: string) {
    super(`An extension request (${requestId}) is already waiting for a decision`, undefined, { requestId });
  }
}

/** An extension must move the deadline later. */
export class ExtensionNotLaterError extends DomainError {
  readonly code = 'EXTENSION.NOT_LATER';
  readonly category = 'validation';
  constructor(field: string, requested: string, current: string) {
    super(`${field} ${requested} must be later than the current deadline ${current}`, field, { requested, current });
  }
}

/** A rejection or a cancellation must say why. */
export class ReasonRequiredError extends DomainError {
  readonly code = 'ITEM.REASON_REQUIRED';
  readonly category = 'validation';
  constructor(field: string, when: 'rejecting' | 'cancelling' = 'rejecting') {
    super(`${field} is required when ${when}`, field);
  }
}

/** Only lead units report completion. */
export class NotLeadUnitError extends DomainError {
  readonly code = 'COMPLETION.NOT_LEAD_UNIT';
  readonly category = 'forbidden';
  constructor(unitId: string) {
    super(`Unit ${unitId} is a cooperating unit: only lead units report completion`, undefined, { unitId });
  }
}

export class CompletionAlreadyReportedError extends DomainError {
  readonly code = 'COMPLETION.ALREADY_REPORTED';
  readonly category = 'conflict';
  constructor(unitId: string, status: string) {
    super(`Unit ${unitId}'s completion is already ${status}`, undefined, { unitId, status });
  }
}

export class CompletionNotReportedError extends DomainError {
  readonly code = 'COMPLETION.NOT_REPORTED';
  readonly category = 'conflict';
  constructor(unitId: string) {
    super(`Unit ${unitId} has no completion report waiting for review`, 'unitId', { unitId });
  }
}

export class CommendationExistsError extends DomainError {
  readonly code = 'COMMENDATION.ALREADY_PROPOSED';
  readonly category = 'conflict';
  constructor(commendationId: string) {
    super(`Commendation ${commendationId} was already proposed`, 'commendationId', { commendationId });
  }
}

/** A collective nominated through a unit must be a unit that worked on the item. */
export class NomineeNotAssignedError extends DomainError {
  readonly code = 'COMMENDATION.NOMINEE_NOT_ASSIGNED';
  readonly category = 'conflict';
  constructor(unitId: string) {
    super(`nominee.unitId ${unitId} is not assigned to this item`, 'nominee.unitId', { unitId });
  }
}

/** Only a lead unit's deadline is watched for a miss: a cooperating unit reports no completion. */
export class NotLeadDeadlineError extends DomainError {
  readonly code = 'DEADLINE.NOT_LEAD_UNIT';
  readonly category = 'conflict';
  constructor(unitId: string) {
    super(`Unit ${unitId} is a cooperating unit: only a lead unit's deadline can be missed`, 'unitId', { unitId });
  }
}

/** A deadline is missed only once it has expired (the end of its day in +07). */
export class DeadlineNotPassedError extends DomainError {
  readonly code = 'DEADLINE.NOT_PASSED';
  readonly category = 'conflict';
  constructor(unitId: string, dueAt: string) {
    super(`Unit ${unitId}'s deadline expires at ${dueAt}: it has not passed yet`, 'unitId', { unitId, dueAt });
  }
}

export class EscalationNotFoundError extends DomainError {
  readonly code = 'ESCALATION.NOT_FOUND';
  readonly category = 'not_found';
  constructor(escalationId: string) {
    super(`Escalation ${escalationId} does not exist on this item`, 'escalationId', { escalationId });
  }
}

/** Escalation ids are unique on an item: a repeat would overwrite the earlier escalation and its history. */
export class EscalationExistsError extends DomainError {
  readonly code = 'ESCALATION.ALREADY_RAISED';
  readonly category = 'conflict';
  constructor(escalationId: string) {
    super(`Escalation ${escalationId} was already raised for another reason`, 'escalationId', { escalationId });
  }
}

export class EscalationAlreadyResolvedError extends DomainError {
  readonly code = 'ESCALATION.ALREADY_RESOLVED';
  readonly category = 'conflict';
  constructor(escalationId: string) {
    super(`Escalation ${escalationId} is already resolved`, 'escalationId', { escalationId });
  }
}

/** An escalation climbs one level at a time. */
export class EscalationLevelNotNextError extends DomainError {
  readonly code = 'ESCALATION.LEVEL_NOT_NEXT';
  readonly category = 'validation';
  constructor(escalationId: string, current: number, requested: number) {
    super(`level ${requested} must be ${current + 1}: escalation ${escalationId} is at level ${current}`, 'level', { escalationId, current, requested });
  }
}
