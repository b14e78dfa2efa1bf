import { requireRole } from '../shared/permissions.js';
import type { ClimbEscalation, RaiseEarlyWarning, RecordDeadlineMissed, ResolveEscalation, SendReminder } from './item.commands.js';
import {
  CompletionAlreadyReportedError,
  DeadlineNotPassedError,
  EscalationAlreadyResolvedError,
  EscalationExistsError,
  EscalationLevelNotNextError,
  EscalationNotFoundError,
  NotLeadDeadlineError,
} from './item.errors.js';
import type { ItemEvent } from './item.events.js';
import { assignmentOf, requireNotClosed, requireOpen } from './item.guards.js';
import { reminderKey, type Escalation, type IssuedItemState } from './item.state.js';

/**
 * Records a reminder the engine sent. A reminder already recorded for the same unit, rule and due
 * time records nothing, so a job that runs twice never reminds twice.
 */
export function sendReminder(command: SendReminder, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['system'], 'send reminders');
  const { unitId, rule, dueAt, late, channels } = command.data;
  assignmentOf(state, unitId);
  if (state.reminders.has(reminderKey(unitId, rule, dueAt))) return [];
  requireNotClosed(state);
  return [{ type: 'ReminderSent', data: { itemId: state.itemId, unitId, rule, dueAt, sentAt: command.now, late, channels } }];
}

/**
 * Records that a lead unit's current deadline expired without its completion reported, and raises
 * a level-1 escalation. A miss already recorded for that deadline records nothing; after an
 * extension the new deadline can be missed again.
 */
export function recordDeadlineMissed(command: RecordDeadlineMissed, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['system'], 'record missed deadlines');
  const { unitId, escalationId, mustAct, late } = command.data;
  const assignment = assignmentOf(state, unitId);
  if (assignment.role !== 'lead') throw new NotLeadDeadlineError(unitId);
  const { deadline } = assignment;
  if (assignment.missedDueAt === deadline.dueAt) return [];
  requireOpen(state);
  const { status } = assignment.completion;
  if (status === 'reported' || status === 'accepted') throw new CompletionAlreadyReportedError(unitId, status);
  if (command.now < deadline.dueAt) throw new DeadlineNotPassedError(unitId, deadline.dueAt);
  if (findEscalation(state, escalationId)) throw new EscalationExistsError(escalationId);
  const itemId = state.itemId;
  const reason = `Deadline ${deadline.date} passed without a completion report`;
  return [
    { type: 'DeadlineMissed', data: { itemId, unitId, deadline, detectedAt: command.now, late } },
    {
      type: 'EscalationRaised',
      data: { itemId, escalationId, unitId, level: 1, rule: 'deadline_missed', reason, mustAct, raisedAt: command.now },
    },
  ];
}

/**
 * Moves an unresolved escalation up one level. A climb to a level already reached, or of a resolved
 * escalation, records nothing; skipping a level is refused.
 */
export function climbEscalation(command: ClimbEscalation, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['system'], 'climb escalations');
  const { escalationId, level, mustAct, reason } = command.data;
  const escalation = escalationOf(state, escalationId);
  if (escalation.resolvedAt || escalation.level >= level) return [];
  if (level !== escalation.level + 1) throw new EscalationLevelNotNextError(escalationId, escalation.level, level);
  requireOpen(state);
  return [{
    type: 'EscalationLevelRaised',
    data: { itemId: state.itemId, escalationId, ...unitOf(escalation), level, mustAct, reason, raisedAt: command.now },
  }];
}

/**
 * Raises the early warning that the item's target will not be reached by its deadline. One open
 * warning at a time: while one is unresolved, or when this id was already raised, it records nothing.
 */
export function raiseEarlyWarning(command: RaiseEarlyWarning, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['system'], 'raise early warnings');
  const { escalationId, reason, mustAct } = command.data;
  if (findEscalation(state, escalationId)) return [];
  requireOpen(state);
  const open = Object.values(state.escalations).some((e) => e.rule === 'at_risk' && !e.resolvedAt);
  if (open) return [];
  return [{
    type: 'EscalationRaised',
    data: { itemId: state.itemId, escalationId, level: 1, rule: 'at_risk', reason, mustAct, raisedAt: command.now },
  }];
}

/** A monitor or the secretariat records how an escalation was dealt with; allowed until the item is closed. */
export function resolveEscalation(command: ResolveEscalation, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['monitor', 'secretariat'], 'resolve escalations');
  requireNotClosed(state);
  const { escalationId, resolution } = command.data;
  const escalation = escalationOf(state, escalationId);
  if (escalation.resolvedAt) throw new EscalationAlreadyResolvedError(escalationId);
  return [{
    type: 'EscalationResolved',
    data: { itemId: state.itemId, escalationId, ...unitOf(escalation), resolution, resolvedAt: command.now },
  }];
}

/** Own entries only: an id such as `constructor` must not find something on the object's prototype. */
function findEscalation(state: IssuedItemState, escalationId: string): Escalation | undefined {
  return Object.hasOwn(state.escalations, escalationId) ? state.escalations[escalationId] : undefined;
}

function escalationOf(state: IssuedItemState, escalationId: string): Escalation {
  const escalation = findEscalation(state, escalationId);
  if (!escalation) throw new EscalationNotFoundError(escalationId);
  return escalation;
}

const unitOf = (escalation: Escalation): { unitId?: string } => (escalation.unitId ? { unitId: escalation.unitId } : {});
