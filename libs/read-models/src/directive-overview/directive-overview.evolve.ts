/**
 * How one item of the directive overview changes with each item event. Mirrors the aggregate's
 * `evolveItem` for the parts the overview shows (assignments, deadlines, completion, latest
 * figures, open escalations), so that the overview agrees with the item's own view.
 */
import { dueAt } from '#directives';
import type { DirectiveItemDefinition, ItemEvent, ItemIssued, MetricValues } from '#directives';
import { nextCompletion } from './status-cells.js';
import type { LatestValue, OverviewAssignmentDoc, OverviewItemDoc } from './directive-overview.document.js';

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
    corrections: {},
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
    corrections: {},
  };
}

/** The item after one event other than its issue. Unknown units and escalations are ignored, as the aggregate does. */
export function evolveOverviewItem(item: OverviewItemDoc, event: ItemEvent): OverviewItemDoc {
  switch (event.type) {
    case 'UnitAssigned': {
      const { unitId, role, viaGroupId, deadline, assignedAt } = event.data;
      const a: OverviewAssignmentDoc = { unitId, role, ...(viaGroupId ? { viaGroupId } : {}), assignedAt, originalDeadline: deadline, deadline, completion: { status: 'none' }, metrics: {} };
      return { ...item, assignments: { ...item.assignments, [unitId]: a } };
    }
    case 'ProgressReported': {
      const { unitId, metrics, asOf, reportId } = event.data;
      return patch(item, unitId, (a) => ({ metrics: merge(a.metrics, metrics, asOf, reportId, () => true) }));
    }
    case 'ProgressReportCorrected':
      return corrected(item, event.data);
    case 'ExtensionApproved':
      return patch(item, event.data.unitId, () => ({ deadline: event.data.newDeadline }));
    case 'CompletionReported': {
      const { unitId, reportedAt, onTime } = event.data;
      return patch(item, unitId, (a) => ({ completion: nextCompletion(a.completion, event.type, reportedAt, onTime) }));
    }
    case 'CompletionAccepted':
    case 'CompletionRejected': {
      const { unitId, reviewedAt } = event.data;
      return patch(item, unitId, (a) => ({ completion: nextCompletion(a.completion, event.type, reviewedAt) }));
    }
    case 'DeadlineMissed':
      return patch(item, event.data.unitId, () => ({ deadlineMissedAt: event.data.detectedAt }));
    case 'ItemCompleted':
      return { ...item, lifecycle: 'completed', completion: { onTime: event.data.onTime, completedAt: event.data.completedAt } };
    case 'ItemClosed': {
      const { outcome, note, closedAt } = event.data;
      return { ...item, lifecycle: 'closed', closure: { outcome, closedAt, ...(note ? { note } : {}) } };
    }
    default:
      return evolveEscalations(item, event);
  }
}

function evolveEscalations(item: OverviewItemDoc, event: ItemEvent): OverviewItemDoc {
  const open = { ...item.openEscalations };
  if (event.type === 'EscalationRaised') {
    const { escalationId, unitId, level, rule, reason, mustAct, raisedAt } = event.data;
    open[escalationId] = { escalationId, ...(unitId ? { unitId } : {}), level, rule, reason, mustAct, raisedAt };
  } else if (event.type === 'EscalationLevelRaised') {
    const current = open[event.data.escalationId];
    if (!current) return item;
    const { level, mustAct, reason, raisedAt } = event.data;
    open[current.escalationId] = { ...current, level, mustAct, reason, levelRaisedAt: raisedAt };
  } else if (event.type === 'EscalationResolved') {
    if (!open[event.data.escalationId]) return item;
    delete open[event.data.escalationId];
  } else {
    return item;
  }
  return { ...item, openEscalations: open };
}

function patch(item: OverviewItemDoc, unitId: string, change: (a: OverviewAssignmentDoc) => Partial<OverviewAssignmentDoc>): OverviewItemDoc {
  const current = item.assignments[unitId];
  if (!current) return item;
  return { ...item, assignments: { ...item.assignments, [unitId]: { ...current, ...change(current) } } };
}

/** A correction replaces a current value only when that value is older or comes from the chain it corrects. */
function corrected(item: OverviewItemDoc, d: Extract<ItemEvent, { type: 'ProgressReportCorrected' }>['data']): OverviewItemDoc {
  const root = rootReport(item.corrections, d.correctsReportId);
  const applies = (prev: LatestValue | undefined) => !prev || prev.asOf < d.asOf || rootReport(item.corrections, prev.reportId) === root;
  const next = patch(item, d.unitId, (a) => ({ metrics: merge(a.metrics, d.metrics, d.asOf, d.reportId, applies) }));
  return { ...next, corrections: { ...item.corrections, [d.reportId]: d.correctsReportId } };
}

/** The report a chain of corrections started from. */
export function rootReport(corrections: Readonly<Record<string, string>>, reportId: string): string {
  let id = reportId;
  for (let next = corrections[id]; next !== undefined; next = corrections[id]) id = next;
  return id;
}

function merge(
  current: Readonly<Record<string, LatestValue>>,
  values: MetricValues,
  asOf: string,
  reportId: string,
  applies: (previous: LatestValue | undefined) => boolean,
): Record<string, LatestValue> {
  const merged: Record<string, LatestValue> = { ...current };
  for (const [metric, value] of Object.entries(values)) if (applies(current[metric])) merged[metric] = { value, asOf, reportId };
  return merged;
}
