import type { RecordedEvent } from '#event-store';
import type { Actor } from '../../domain/shared/actor.js';
import { UNIT_PRIVATE_EVENT_TYPES, type ItemEventType } from '../../domain/item/item.events.js';
import type { Assignment, IssuedItemState } from '../../domain/item/item.state.js';
import { assignmentStatus, itemStatus, targetProgress } from '../../domain/item/item.status.js';

/**
 * What a viewer may see of an item. The secretariat, monitors and admins see everything; a unit
 * sees the item, the list of assigned units and the totals (all public to it), and only its own
 * assignment, reports, blockers and requests.
 */
export const seesUnit = (viewer: Actor, unitId: string): boolean => viewer.role !== 'unit' || viewer.unitId === unitId;

export function itemView(state: IssuedItemState, revision: number, now: string, viewer: Actor) {
  const assignments = [...state.assignments.values()];
  return {
    itemId: state.itemId,
    directiveId: state.directiveId,
    number: state.number,
    title: state.title,
    text: state.text,
    duties: state.duties,
    targets: state.targets,
    focusAreas: state.focusAreas,
    deadline: state.deadline,
    issuedAt: state.issuedAt,
    lifecycle: state.status,
    status: itemStatus(state, now),
    targetProgress: targetProgress(state),
    assignments: assignments.map((a) => (seesUnit(viewer, a.unitId) ? assignmentView(a, now) : publicAssignmentView(a))),
    blockers: Object.values(state.blockers).filter((b) => seesUnit(viewer, b.unitId)),
    extensionRequests: Object.values(state.extensions).filter((e) => seesUnit(viewer, e.unitId)),
    commendations: Object.values(state.commendations),
    completion: state.status === 'open' ? undefined : state.completion,
    closure: state.status === 'closed' ? state.closure : undefined,
    revision,
    asAt: now,
  };
}

function publicAssignmentView(a: Assignment) {
  return { unitId: a.unitId, role: a.role, viaGroupId: a.viaGroupId, deadline: a.deadline };
}

function assignmentView(a: Assignment, now: string) {
  return {
    ...publicAssignmentView(a),
    originalDeadline: a.originalDeadline,
    assignedAt: a.assignedAt,
    acknowledgedAt: a.acknowledgedAt,
    status: assignmentStatus(a, now),
    lastReport: a.lastReport,
    metrics: a.metrics,
    completion: a.completion,
    pendingExtensionId: a.pendingExtensionId,
  };
}

/** Whether a viewer may read one recorded event of an item's history. */
export function seesEvent(viewer: Actor, event: RecordedEvent): boolean {
  if (viewer.role !== 'unit') return true;
  if (!UNIT_PRIVATE_EVENT_TYPES.has(event.type as ItemEventType)) return true;
  return (event.data as { unitId?: string }).unitId === viewer.unitId;
}

export function eventView(event: RecordedEvent) {
  const { eventId, type, revision, position, data, metadata } = event;
  return { eventId, type, revision, position, recordedAt: metadata.recordedAt, metadata, data };
}
