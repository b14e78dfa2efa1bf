import { isCalendarDate, vnDate } from '../shared/vn-time.js';
import { InvalidDateError, ItemAlreadyCompletedError, ItemClosedError, NotAcknowledgedError, NotAssignedError } from './item.errors.js';
import type { Assignment, IssuedItemState } from './item.state.js';

/** Throws unless the item is still open for work (not completed, not closed). */
export function requireOpen(state: IssuedItemState): asserts state is Extract<IssuedItemState, { status: 'open' }> {
  if (state.status === 'closed') throw new ItemClosedError(state.itemId);
  if (state.status === 'completed') throw new ItemAlreadyCompletedError(state.itemId);
}

export function requireNotClosed(state: IssuedItemState): void {
  if (state.status === 'closed') throw new ItemClosedError(state.itemId);
}

export function assignmentOf(state: IssuedItemState, unitId: string): Assignment {
  const assignment = state.assignments.get(unitId);
  if (!assignment) throw new NotAssignedError(state.itemId, unitId);
  return assignment;
}

export function acknowledgedAssignment(state: IssuedItemState, unitId: string): Assignment {
  const assignment = assignmentOf(state, unitId);
  if (!assignment.acknowledgedAt) throw new NotAcknowledgedError(unitId);
  return assignment;
}

/** Validates a deadline date: a real date, not before the day it is set (in +07). */
export function requireDeadline(field: string, date: string, now: string): void {
  if (!isCalendarDate(date)) throw new InvalidDateError(field, 'must be a calendar date YYYY-MM-DD');
  if (date < vnDate(now)) throw new InvalidDateError(field, `must not be in the past (today is ${vnDate(now)} in +07)`);
}
