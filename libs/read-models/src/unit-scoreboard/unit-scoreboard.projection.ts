import type { RecordedEvent } from '#event-store';
import type { ItemEvent, UnitAssigned, UnitRegistered } from '#directives';
import type { DocumentStore, Projection } from '../engine/index.js';
import { nextCompletion } from '../directive-overview/status-cells.js';
import { updateDocument } from '../directive-overview/update-document.js';
import {
  SCOREBOARD_NAME,
  scoreItemIndexKey,
  unitKey,
  type ScoreItemIndexDoc,
  type UnitAssignmentDoc,
  type UnitScoreDoc,
} from './unit-scoreboard.document.js';

const EVENT_TYPES = [
  'UnitRegistered',
  'ItemIssued',
  'UnitAssigned',
  'ProgressReported',
  'ExtensionApproved',
  'CompletionReported',
  'CompletionAccepted',
  'CompletionRejected',
  'ItemCompleted',
  'ItemClosed',
] as const;

const ITEM_WIDE = new Set(['ItemCompleted', 'ItemClosed']);

/**
 * `unit-scoreboard`: per unit (`unit:<id>`) its catalogue entry, assignments and last report;
 * `index:item:<itemId>` gives an item's directive and assigned units (item events after the
 * issue name neither). The API lists the units by the key prefix `unit:`. A unit may be
 * assigned before its catalogue registration is applied (catalogue and items are different
 * streams): the name fills in later, with the same result in either order.
 */
export const unitScoreboardProjection: Projection = {
  name: SCOREBOARD_NAME,
  version: 1,
  eventTypes: new Set<string>(EVENT_TYPES),
  keysOf(event) {
    const { unitId, itemId } = event.data as { unitId?: string; itemId?: string };
    if (event.type === 'UnitRegistered') return [unitKey(unitId!)];
    if (event.type === 'UnitAssigned') return [scoreItemIndexKey(itemId!), unitKey(unitId!)];
    if (event.type === 'ItemIssued' || ITEM_WIDE.has(event.type)) return [scoreItemIndexKey(itemId!)];
    return [unitKey(unitId!)];
  },
  apply(event, docs) {
    if (event.type === 'UnitRegistered') return registered(event, docs);
    const item = event as unknown as ItemEvent;
    switch (item.type) {
      case 'ItemIssued': {
        const { itemId, directiveId, number, title, deadline } = item.data;
        const init = (): ScoreItemIndexDoc => ({ itemId, directiveId, number, title, deadline, unitIds: [], seen: {} });
        return updateDocument(docs, scoreItemIndexKey(itemId), event, init, (doc) => ({ ...doc }));
      }
      case 'UnitAssigned':
        return assigned(item.data, event, docs);
      case 'ProgressReported': {
        const { unitId, itemId, reportId, asOf, reportedAt } = item.data;
        return updateUnit(docs, unitId, event, (doc) =>
          doc.lastReport && doc.lastReport.reportedAt > reportedAt ? doc : { ...doc, lastReport: { itemId, reportId, asOf, reportedAt } });
      }
      case 'ExtensionApproved':
        return patchAssignment(docs, item.data, event, () => ({ deadline: item.data.newDeadline }));
      case 'CompletionReported':
        return patchAssignment(docs, item.data, event, (a) => ({ completion: nextCompletion(a.completion, item.type, item.data.reportedAt, item.data.onTime) }));
      case 'CompletionAccepted':
      case 'CompletionRejected':
        return patchAssignment(docs, item.data, event, (a) => ({ completion: nextCompletion(a.completion, item.type, item.data.reviewedAt) }));
      case 'ItemCompleted':
        return forEachAssigned(docs, item.data.itemId, event, () => ({ itemCompletion: { onTime: item.data.onTime, completedAt: item.data.completedAt } }));
      case 'ItemClosed':
        return forEachAssigned(docs, item.data.itemId, event, () => ({ itemClosure: { outcome: item.data.outcome, closedAt: item.data.closedAt } }));
    }
  },
};

const newUnit = (unitId: string) => (): UnitScoreDoc => ({ unitId, assignments: {}, seen: {} });

function updateUnit(docs: DocumentStore, unitId: string, event: RecordedEvent, change: (doc: UnitScoreDoc) => UnitScoreDoc): void {
  updateDocument(docs, unitKey(unitId), event, newUnit(unitId), change);
}

function registered(event: RecordedEvent, docs: DocumentStore): void {
  const { unitId, name, kind, tags } = event.data as UnitRegistered['data'];
  updateUnit(docs, unitId, event, (doc) => ({ ...doc, name, kind, tags: [...tags] }));
}

function assigned(d: UnitAssigned['data'], event: RecordedEvent, docs: DocumentStore): void {
  const index = docs.get<ScoreItemIndexDoc>(scoreItemIndexKey(d.itemId));
  if (!index) return;
  updateDocument(docs, scoreItemIndexKey(d.itemId), event, () => index, (doc) =>
    doc.unitIds.includes(d.unitId) ? doc : { ...doc, unitIds: [...doc.unitIds, d.unitId] });
  const assignment: UnitAssignmentDoc = {
    itemId: d.itemId,
    directiveId: index.directiveId,
    itemNumber: index.number,
    itemTitle: index.title,
    role: d.role,
    assignedAt: d.assignedAt,
    originalDeadline: d.deadline,
    deadline: d.deadline,
    completion: { status: 'none' },
    itemDeadline: index.deadline,
  };
  updateUnit(docs, d.unitId, event, (doc) => ({ ...doc, assignments: { ...doc.assignments, [d.itemId]: assignment } }));
}

function patchAssignment(
  docs: DocumentStore,
  d: { itemId: string; unitId: string },
  event: RecordedEvent,
  change: (a: UnitAssignmentDoc) => Partial<UnitAssignmentDoc>,
): void {
  updateUnit(docs, d.unitId, event, (doc) => {
    const current = doc.assignments[d.itemId];
    return current ? { ...doc, assignments: { ...doc.assignments, [d.itemId]: { ...current, ...change(current) } } } : doc;
  });
}

/** An item-wide event reaches every unit assigned to the item, through the item's index. */
function forEachAssigned(docs: DocumentStore, itemId: string, event: RecordedEvent, change: (a: UnitAssignmentDoc) => Partial<UnitAssignmentDoc>): void {
  const index = docs.get<ScoreItemIndexDoc>(scoreItemIndexKey(itemId));
  for (const unitId of index?.unitIds ?? []) patchAssignment(docs, { itemId, unitId }, event, change);
}
