import { OrderedMap } from 'immutable';
import { AppendOnlyIndex } from '../shared/append-only-index.js';
import type { ItemEvent, MetricValues } from './item.events.js';
import { reminderKey, type Assignment, type ExtensionRequest, type IssuedItemState, type ItemState, type ReportedValue, type ReportRecord } from './item.state.js';

type Of<T extends ItemEvent['type']> = Extract<ItemEvent, { type: T }>['data'];

/** Folds one event into the item's state. Pure: the given state is never modified. */
export function evolveItem(state: ItemState, event: ItemEvent): ItemState {
  if (event.type === 'ItemIssued') return issued(event.data);
  if (state.status === 'unissued') return state;
  switch (event.type) {
    case 'UnitAssigned':
      return withAssignment(state, assigned(event.data));
    case 'AssignmentAcknowledged':
      return patch(state, event.data.unitId, { acknowledgedAt: event.data.acknowledgedAt });
    case 'ProgressReported':
      return progressReported(state, event.data);
    case 'ProgressReportCorrected':
      return reportCorrected(state, event.data);
    case 'BlockerReported':
      return { ...state, blockers: { ...state.blockers, [event.data.blockerId]: { ...event.data } } };
    case 'BlockerResolved':
      return blockerResolved(state, event.data);
    case 'ExtensionRequested':
      return extensionRequested(state, event.data);
    case 'ExtensionApproved':
      return extensionDecided(state, event.data, { status: 'approved', grantedDeadline: event.data.newDeadline }, { deadline: event.data.newDeadline });
    case 'ExtensionRejected':
      return extensionDecided(state, event.data, { status: 'rejected' }, {});
    case 'CompletionReported':
      return patch(state, event.data.unitId, {
        completion: { status: 'reported', reportedAt: event.data.reportedAt, onTime: event.data.onTime, summary: event.data.summary },
      });
    case 'CompletionAccepted':
      return completionAccepted(state, event.data);
    case 'CompletionRejected':
      return patch(state, event.data.unitId, {
        completion: { status: 'rejected', reason: event.data.reason, reviewedAt: event.data.reviewedAt },
      });
    case 'ItemCompleted':
      return { ...state, status: 'completed', completion: { completedAt: event.data.completedAt, onTime: event.data.onTime } };
    case 'CommendationProposed':
      return { ...state, commendations: { ...state.commendations, [event.data.commendationId]: { ...event.data } } };
    case 'DeadlineMissed':
      return patch(state, event.data.unitId, { deadlineMissedAt: event.data.detectedAt, missedDueAt: event.data.deadline.dueAt });
    case 'ReminderSent': {
      const key = reminderKey(event.data.unitId, event.data.rule, event.data.dueAt);
      return state.reminders.has(key) ? state : { ...state, reminders: state.reminders.add(key, event.data.sentAt) };
    }
    case 'EscalationRaised': {
      const { escalationId, unitId, rule, level, mustAct, raisedAt } = event.data;
      const escalation = { escalationId, rule, level, mustAct, raisedAt, levelSince: raisedAt, ...(unitId ? { unitId } : {}) };
      return { ...state, escalations: { ...state.escalations, [escalationId]: escalation } };
    }
    case 'EscalationLevelRaised': {
      const current = state.escalations[event.data.escalationId];
      if (!current) return state;
      const changed = { ...current, level: event.data.level, mustAct: event.data.mustAct, levelSince: event.data.raisedAt };
      return { ...state, escalations: { ...state.escalations, [current.escalationId]: changed } };
    }
    case 'EscalationResolved': {
      const current = state.escalations[event.data.escalationId];
      if (!current) return state;
      return { ...state, escalations: { ...state.escalations, [current.escalationId]: { ...current, resolvedAt: event.data.resolvedAt } } };
    }
    case 'ItemClosed': {
      const completion = state.status === 'open' ? undefined : state.completion;
      const { outcome, note, closedAt } = event.data;
      return { ...state, status: 'closed', completion, closure: { outcome, note, closedAt } };
    }
    default: {
      const unknown: never = event;
      return unknownEvent(unknown);
    }
  }
}

function unknownEvent(event: { type?: unknown }): never {
  throw new Error(`Unknown item event type ${String(event.type)}`);
}

function issued(d: Of<'ItemIssued'>): ItemState {
  return {
    status: 'open',
    itemId: d.itemId,
    directiveId: d.directiveId,
    number: d.number,
    title: d.title,
    text: d.text,
    duties: d.duties,
    targets: d.targets,
    focusAreas: d.focusAreas,
    deadline: d.deadline,
    issuedAt: d.issuedAt,
    assignments: OrderedMap<string, Assignment>(),
    reports: AppendOnlyIndex.empty<ReportRecord>(),
    blockers: {},
    extensions: {},
    commendations: {},
    escalations: {},
    reminders: AppendOnlyIndex.empty<string>(),
  };
}

function assigned(d: Of<'UnitAssigned'>): Assignment {
  return {
    unitId: d.unitId,
    role: d.role,
    viaGroupId: d.viaGroupId,
    assignedAt: d.assignedAt,
    originalDeadline: d.deadline,
    deadline: d.deadline,
    metrics: {},
    completion: { status: 'none' },
  };
}

function withAssignment(state: IssuedItemState, assignment: Assignment): IssuedItemState {
  return { ...state, assignments: state.assignments.set(assignment.unitId, assignment) };
}

function patch(state: IssuedItemState, unitId: string, changes: Partial<Assignment>): IssuedItemState {
  const current = state.assignments.get(unitId);
  return current ? withAssignment(state, { ...current, ...changes }) : state;
}

function progressReported(state: IssuedItemState, d: Of<'ProgressReported'>): IssuedItemState {
  const current = state.assignments.get(d.unitId);
  if (!current) return state;
  const record: ReportRecord = { reportId: d.reportId, unitId: d.unitId, asOf: d.asOf, metrics: d.metrics };
  const next = withAssignment(state, {
    ...current,
    lastReport: { reportId: d.reportId, asOf: d.asOf, reportedAt: d.reportedAt },
    metrics: mergeMetrics(current.metrics, d.metrics, d.asOf, d.reportId, () => true),
  });
  return { ...next, reports: state.reports.add(d.reportId, record) };
}

function reportCorrected(state: IssuedItemState, d: Of<'ProgressReportCorrected'>): IssuedItemState {
  const current = state.assignments.get(d.unitId);
  if (!current) return state;
  const record: ReportRecord = { reportId: d.reportId, unitId: d.unitId, asOf: d.asOf, metrics: d.metrics, correctsReportId: d.correctsReportId };
  const corrected = originalReportId(state, d.correctsReportId);
  const metrics = mergeMetrics(current.metrics, d.metrics, d.asOf, d.reportId, (prev) =>
    !prev || prev.asOf < d.asOf || originalReportId(state, prev.reportId) === corrected);
  return { ...withAssignment(state, { ...current, metrics }), reports: state.reports.add(d.reportId, record) };
}

/**
 * The report a chain of corrections started from. A correction replaces a current value only when
 * that value is older, or comes from the report it corrects: a later report of the same day keeps its figure.
 */
function originalReportId(state: IssuedItemState, reportId: string): string {
  let id = reportId;
  for (let r = state.reports.get(id); r?.correctsReportId; r = state.reports.get(id)) id = r.correctsReportId;
  return id;
}

/** Applies reported values; a correction only replaces values that are not newer than it. */
function mergeMetrics(
  current: Readonly<Record<string, ReportedValue>>,
  values: MetricValues,
  asOf: string,
  reportId: string,
  applies: (previous: ReportedValue | undefined) => boolean,
): Readonly<Record<string, ReportedValue>> {
  const merged: Record<string, ReportedValue> = { ...current };
  for (const [metric, value] of Object.entries(values)) {
    if (applies(current[metric])) merged[metric] = { value, asOf, reportId };
  }
  return merged;
}

function blockerResolved(state: IssuedItemState, d: Of<'BlockerResolved'>): IssuedItemState {
  const blocker = state.blockers[d.blockerId];
  if (!blocker) return state;
  return { ...state, blockers: { ...state.blockers, [d.blockerId]: { ...blocker, resolvedAt: d.resolvedAt } } };
}

function extensionRequested(state: IssuedItemState, d: Of<'ExtensionRequested'>): IssuedItemState {
  const request = {
    requestId: d.requestId,
    unitId: d.unitId,
    requestedDeadline: d.requestedDeadline,
    reason: d.reason,
    requestedAt: d.requestedAt,
    status: 'pending' as const,
  };
  const next = patch(state, d.unitId, { pendingExtensionId: d.requestId });
  return { ...next, extensions: { ...state.extensions, [d.requestId]: request } };
}

function extensionDecided(
  state: IssuedItemState,
  d: { requestId: string; unitId: string; decidedAt: string },
  decision: Pick<ExtensionRequest, 'status' | 'grantedDeadline'>,
  changes: Partial<Assignment>,
): IssuedItemState {
  const request = state.extensions[d.requestId];
  if (!request) return state;
  const next = patch(state, d.unitId, { ...changes, pendingExtensionId: undefined });
  return { ...next, extensions: { ...state.extensions, [d.requestId]: { ...request, ...decision, decidedAt: d.decidedAt } } };
}

function completionAccepted(state: IssuedItemState, d: Of<'CompletionAccepted'>): IssuedItemState {
  const current = state.assignments.get(d.unitId);
  if (!current || current.completion.status !== 'reported') return state;
  const { reportedAt, onTime } = current.completion;
  return patch(state, d.unitId, { completion: { status: 'accepted', reportedAt, onTime, reviewedAt: d.reviewedAt } });
}
