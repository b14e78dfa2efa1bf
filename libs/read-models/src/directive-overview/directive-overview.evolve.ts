/**
 * How one item of the directive overview changes with each item event. Mirrors the aggregate's
 * `evolveItem` for the parts the overview shows (assignments, deadlines, completion, open
 * escalations; the latest figures are in `directive-overview.progress.ts`), so that the overview
 * agrees with the item's own view.
 */
import { dueAt } from '#directives';
import type { DirectiveItemDefinition, ItemEvent, ItemIssued } from '#directives';
import { nextCompletion } from './status-cells.js';
import type { OverviewAssignmentDoc, OverviewItemDoc } from './directive-overview.document.js';
import type { Mutable } from './update-document.js';

/** An item as its directive defines it, before it is issued. */
export function registeredItem(def: DirectiveItemDefinition): OverviewItemDoc {
  return {
    itemId: def.itemId,
    number: def.number,
    title: def.title,
    lifecycle: 'registered',
    deadline: { date: def.deadline, dueAt: dueAt(def.deadline) },
    targets: [...def.targets],
    assignments: {},
    openEscalations: {},
  };
}

/** The item as issued: the facts replace the registered definition. */
export function issuedItem(d: ItemIssued['data']): OverviewItemDoc {
  return {
    itemId: d.itemId,
    number: d.number,
    title: d.title,
    lifecycle: 'open',
    issuedAt: d.issuedAt,
    deadline: d.deadline,
    targets: d.targets,
    assignments: {},
    openEscalations: {},
  };
}

/** The item after one event other than its issue, changed in place. Unknown units and escalations are ignored, as the aggregate does. */
export function evolveOverviewItem(item: Mutable<OverviewItemDoc>, event: ItemEvent): void {
  switch (event.type) {
    case 'UnitAssigned': {
      const { unitId, role, viaGroupId, deadline, assignedAt } = event.data;
      item.assignments[unitId] = { unitId, role, ...(viaGroupId ? { viaGroupId } : {}), assignedAt, originalDeadline: deadline, deadline, completion: { status: 'none' } };
      return;
    }
    case 'ExtensionApproved':
      return patch(item, event.data.unitId, (a) => void (a.deadline = event.data.newDeadline));
    case 'CompletionReported': {
      const { unitId, reportedAt, onTime } = event.data;
      return patch(item, unitId, (a) => void (a.completion = nextCompletion(a.completion, event.type, reportedAt, onTime)));
    }
    case 'CompletionAccepted':
    case 'CompletionRejected': {
      const { unitId, reviewedAt } = event.data;
      return patch(item, unitId, (a) => void (a.completion = nextCompletion(a.completion, event.type, reviewedAt)));
    }
    case 'DeadlineMissed':
      return patch(item, event.data.unitId, (a) => void (a.deadlineMissedAt = event.data.detectedAt));
    case 'ItemCompleted':
      item.lifecycle = 'completed';
      item.completion = { onTime: event.data.onTime, completedAt: event.data.completedAt };
      return;
    case 'ItemClosed': {
      const { outcome, note, closedAt } = event.data;
      item.lifecycle = 'closed';
      item.closure = { outcome, closedAt, ...(note ? { note } : {}) };
      return;
    }
    default:
      return evolveEscalations(item, event);
  }
}

function evolveEscalations(item: Mutable<OverviewItemDoc>, event: ItemEvent): void {
  const open = item.openEscalations;
  if (event.type === 'EscalationRaised') {
    const { escalationId, unitId, level, rule, reason, mustAct, raisedAt } = event.data;
    open[escalationId] = { escalationId, ...(unitId ? { unitId } : {}), level, rule, reason, mustAct, raisedAt };
  } else if (event.type === 'EscalationLevelRaised') {
    const current = open[event.data.escalationId];
    if (!current) return;
    const { level, mustAct, reason, raisedAt } = event.data;
    Object.assign(current, { level, mustAct, reason, levelRaisedAt: raisedAt });
  } else if (event.type === 'EscalationResolved') {
    delete open[event.data.escalationId];
  }
}

/** Changes the unit's assignment in place; an unknown unit is ignored. */
function patch(item: Mutable<OverviewItemDoc>, unitId: string, change: (a: Mutable<OverviewAssignmentDoc>) => void): void {
  const current = item.assignments[unitId];
  if (current) change(current);
}
