import { requireRole, requireUnit } from '../shared/permissions.js';
import type { CloseItem, ProposeCommendation, ReportCompletion, ReviewCompletion } from './item.commands.js';
import {
  CommendationExistsError,
  CompletionAlreadyReportedError,
  CompletionNotReportedError,
  ItemAlreadyCompletedError,
  ItemNotCompletedError,
  NomineeNotAssignedError,
  NotAssignedError,
  NotLeadUnitError,
  ReasonRequiredError,
} from './item.errors.js';
import type { ItemEvent } from './item.events.js';
import { acknowledgedAssignment, requireNotClosed, requireOpen } from './item.guards.js';
import type { Assignment, IssuedItemState } from './item.state.js';

export function reportCompletion(command: ReportCompletion, state: IssuedItemState): ItemEvent[] {
  const unitId = requireUnit(command.actor, 'report completion');
  requireOpen(state);
  const assignment = acknowledgedAssignment(state, unitId);
  if (assignment.role !== 'lead') throw new NotLeadUnitError(unitId);
  const { status } = assignment.completion;
  if (status === 'reported' || status === 'accepted') throw new CompletionAlreadyReportedError(unitId, status);
  const onTime = command.now < assignment.deadline.dueAt;
  return [{
    type: 'CompletionReported',
    data: { itemId: state.itemId, unitId, summary: command.data.summary, onTime, reportedAt: command.now },
  }];
}

/**
 * A monitor accepts or rejects one lead unit's completion. Accepting the last outstanding lead
 * completes the item; a rejection sends that unit back to work.
 */
export function reviewCompletion(command: ReviewCompletion, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['monitor'], 'review completion');
  requireOpen(state);
  const { unitId, decision, note } = command.data;
  const assignment = state.assignments.get(unitId);
  if (!assignment) throw new NotAssignedError(state.itemId, unitId);
  if (assignment.completion.status !== 'reported') throw new CompletionNotReportedError(unitId);
  const base = { itemId: state.itemId, unitId, reviewedAt: command.now };
  if (decision === 'reject') {
    if (!note) throw new ReasonRequiredError('note');
    return [{ type: 'CompletionRejected', data: { ...base, reason: note } }];
  }
  const accepted: ItemEvent = { type: 'CompletionAccepted', data: note ? { ...base, note } : base };
  const leads = [...state.assignments.values()].filter((a) => a.role === 'lead');
  const othersDone = leads.every((a) => a.unitId === unitId || a.completion.status === 'accepted');
  if (!othersDone) return [accepted];
  const onTime = leads.every((a) => completionOnTime(a));
  return [accepted, { type: 'ItemCompleted', data: { itemId: state.itemId, onTime, completedAt: command.now } }];
}

function completionOnTime(assignment: Assignment): boolean {
  const c = assignment.completion;
  return (c.status === 'reported' || c.status === 'accepted') && c.onTime;
}

export function proposeCommendation(command: ProposeCommendation, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['monitor', 'secretariat'], 'propose commendations');
  requireNotClosed(state);
  const { commendationId, nominee, reason } = command.data;
  if (state.commendations[commendationId]) throw new CommendationExistsError(commendationId);
  if (nominee.unitId && !state.assignments.get(nominee.unitId)) throw new NomineeNotAssignedError(nominee.unitId);
  return [{
    type: 'CommendationProposed',
    data: { itemId: state.itemId, commendationId, nominee, reason, proposedAt: command.now },
  }];
}

/** Only the secretariat closes: as completed once completion is accepted, or cancelled with a reason. */
export function closeItem(command: CloseItem, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['secretariat'], 'close items');
  requireNotClosed(state);
  const { outcome, note } = command.data;
  if (outcome === 'completed' && state.status !== 'completed') throw new ItemNotCompletedError(state.itemId);
  if (outcome === 'cancelled' && state.status === 'completed') throw new ItemAlreadyCompletedError(state.itemId);
  if (outcome === 'cancelled' && !note) throw new ReasonRequiredError('note', 'cancelling');
  const data = { itemId: state.itemId, outcome, closedAt: command.now };
  return [{ type: 'ItemClosed', data: note ? { ...data, note } : data }];
}
