import { requireRole, requireUnit } from '../shared/permissions.js';
import { dueAt } from '../shared/vn-time.js';
import type { DecideExtension, RequestExtension } from './item.commands.js';
import {
  CompletionAlreadyReportedError,
  ExtensionAlreadyDecidedError,
  ExtensionExistsError,
  ExtensionNotFoundError,
  ExtensionNotLaterError,
  ExtensionPendingError,
  ReasonRequiredError,
} from './item.errors.js';
import type { ItemEvent } from './item.events.js';
import { acknowledgedAssignment, requireDeadline, requireOpen } from './item.guards.js';
import type { IssuedItemState } from './item.state.js';

/** A unit asks for a later deadline on its own assignment; one request may be pending at a time. */
export function requestExtension(command: RequestExtension, state: IssuedItemState): ItemEvent[] {
  const unitId = requireUnit(command.actor, 'request an extension');
  requireOpen(state);
  const assignment = acknowledgedAssignment(state, unitId);
  if (assignment.pendingExtensionId) throw new ExtensionPendingError(assignment.pendingExtensionId);
  const { status } = assignment.completion;
  if (status === 'reported' || status === 'accepted') throw new CompletionAlreadyReportedError(unitId, status);
  const { requestId, requestedDeadline, reason } = command.data;
  if (state.extensions[requestId]) throw new ExtensionExistsError(requestId);
  requireDeadline('requestedDeadline', requestedDeadline, command.now);
  if (requestedDeadline <= assignment.deadline.date) {
    throw new ExtensionNotLaterError('requestedDeadline', requestedDeadline, assignment.deadline.date);
  }
  return [{
    type: 'ExtensionRequested',
    data: {
      itemId: state.itemId,
      unitId,
      requestId,
      currentDeadline: assignment.deadline,
      requestedDeadline: { date: requestedDeadline, dueAt: dueAt(requestedDeadline) },
      reason,
      requestedAt: command.now,
    },
  }];
}

/** Only the secretariat decides; it may grant a deadline other than the one requested. */
export function decideExtension(command: DecideExtension, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['secretariat'], 'decide extension requests');
  requireOpen(state);
  const { requestId, decision, grantedDeadline, note } = command.data;
  const request = state.extensions[requestId];
  if (!request) throw new ExtensionNotFoundError(requestId);
  if (request.status !== 'pending') throw new ExtensionAlreadyDecidedError(requestId, request.status);
  const assignment = state.assignments.get(request.unitId)!;
  const base = { itemId: state.itemId, unitId: request.unitId, requestId, decidedAt: command.now };
  if (decision === 'reject') {
    if (!note) throw new ReasonRequiredError('note');
    return [{ type: 'ExtensionRejected', data: { ...base, reason: note } }];
  }
  const date = grantedDeadline ?? request.requestedDeadline.date;
  requireDeadline('grantedDeadline', date, command.now);
  if (date <= assignment.deadline.date) throw new ExtensionNotLaterError('grantedDeadline', date, assignment.deadline.date);
  const data = {
    ...base,
    originalDeadline: assignment.originalDeadline,
    previousDeadline: assignment.deadline,
    newDeadline: { date, dueAt: dueAt(date) },
  };
  return [{ type: 'ExtensionApproved', data: note ? { ...data, note } : data }];
}
