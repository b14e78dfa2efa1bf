import { requireRole, requireUnit } from '../shared/permissions.js';
import { dueAt } from '../shared/vn-time.js';
import type { AcknowledgeAssignment, AssignUnits } from './item.commands.js';
import { AlreadyAcknowledgedError, AlreadyAssignedError, AssignmentRoleConflictError } from './item.errors.js';
import type { AssignmentRole, ItemEvent, UnitAssigned } from './item.events.js';
import { assignmentOf, requireDeadline, requireOpen } from './item.guards.js';
import type { IssuedItemState } from './item.state.js';

export function assignUnits(command: AssignUnits, state: IssuedItemState): ItemEvent[] {
  requireRole(command.actor, ['secretariat'], 'assign units');
  requireOpen(state);
  const { assignees, deadline: date } = command.data;
  if (date !== undefined) requireDeadline('deadline', date, command.now);
  const deadline = date === undefined ? state.deadline : { date, dueAt: dueAt(date) };
  const seen = new Map<string, AssignmentRole>();
  const already: string[] = [];
  const events: UnitAssigned[] = [];
  for (const { unitId, role, viaGroupId } of assignees) {
    const earlier = seen.get(unitId);
    if (earlier !== undefined && earlier !== role) throw new AssignmentRoleConflictError(unitId, earlier, role);
    if (earlier !== undefined) continue;
    seen.set(unitId, role);
    const existing = state.assignments.get(unitId);
    if (existing && existing.role !== role) throw new AssignmentRoleConflictError(unitId, existing.role, role);
    if (existing) {
      already.push(unitId);
      continue;
    }
    const data = { itemId: state.itemId, unitId, role, deadline, assignedAt: command.now };
    events.push({ type: 'UnitAssigned', data: viaGroupId ? { ...data, viaGroupId } : data });
  }
  if (events.length === 0) throw new AlreadyAssignedError(already);
  return events;
}

export function acknowledgeAssignment(command: AcknowledgeAssignment, state: IssuedItemState): ItemEvent[] {
  const unitId = requireUnit(command.actor, 'acknowledge an assignment');
  requireOpen(state);
  const assignment = assignmentOf(state, unitId);
  if (assignment.acknowledgedAt) throw new AlreadyAcknowledgedError(unitId);
  const data = { itemId: state.itemId, unitId, acknowledgedAt: command.now };
  return [{ type: 'AssignmentAcknowledged', data: command.data.note ? { ...data, note: command.data.note } : data }];
}
