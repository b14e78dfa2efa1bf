import type { RecordedEvent } from '#event-store';
import type { ItemEvent, UnitAssigned, UnitRegistered } from '#directives';
import type { DocumentStore, Projection } from '../engine/index.js';
import { nextCompletion } from '../directive-overview/status-cells.js';
import { own, updateDocument, type Mutable } from '../directive-overview/update-document.js';
import {
  lastReportKey,
  SCOREBOARD_NAME,
  scoreItemIndexKey,
  unitKey,
  type ScoreItemIndexDoc,
  type UnitAssignmentDoc,
  type UnitLastReportDoc,
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
 * `unit-scoreboard`: per unit (`unit:<id>`) its catalogue entry and assignments, and apart
 * (`last-report:<id>`) its last report, so that a report, the most frequent event, changes a
 * small document only; `index:item:<itemId>` gives an item's directive and assigned units (item
 * events after the issue name neither). The API lists the units by the key prefixes `unit:` and
 * `last-report:`. A unit may be assigned before its catalogue registration is applied (catalogue
 * and items are different streams): the name fills in later, with the same result in either order.
 */
export const unitScoreboardProjection: Projection = {
  name: SCOREBOARD_NAME,
  version: 2,
  eventTypes: new Set<string>(EVENT_TYPES),
  keysOf(event) {
    const { unitId, itemId } = event.data as { unitId?: string; itemId?: string };
    if (event.type === 'UnitRegistered') return [unitKey(unitId!)];
    if (event.type === 'UnitAssigned') return [scoreItemIndexKey(itemId!), unitKey(unitId!)];
    if (event.type === 'ItemIssued' || ITEM_WIDE.has(event.type)) return [scoreItemIndexKey(itemId!)];
    if (event.type === 'ProgressReported') return [lastReportKey(unitId!)];
    return [unitKey(unitId!)];
  },
  apply(event, docs) {
    if (event.type === 'UnitRegistered') return registered(event, docs);
    const item = event as unknown as ItemEvent;
    switch (item.type) {
      case 'ItemIssued': {
        const { itemId, directiveId, number, title, deadline } = item.data;
        const init = (): Mutable<ScoreItemIndexDoc> => ({ itemId, directiveId, number, title, deadline, unitIds: [], seen: {} });
        return updateDocument(docs, scoreItemIndexKey(itemId), event, init, () => true);
      }
      case 'UnitAssigned':
        return assigned(item.data, event, docs);
      case 'ProgressReported': {
        const { unitId, itemId, reportId, asOf, reportedAt } = item.data;
        const report = { itemId, reportId, asOf, reportedAt };
        const init = (): Mutable<UnitLastReportDoc> => ({ unitId, lastReport: report, seen: {} });
        return updateDocument(docs, lastReportKey(unitId), event, init, (doc) => {
          if (doc.lastReport.reportedAt <= reportedAt) doc.lastReport = report;
        });
      }
      case 'ExtensionApproved':
        return patchAssignment(docs, item.data, event, (a) => void (a.deadline = item.data.newDeadline));
      case 'CompletionReported':
        return patchAssignment(docs, item.data, event, (a) => void (a.completion = nextCompletion(a.completion, item.type, item.data.reportedAt, item.data.onTime)));
      case 'CompletionAccepted':
      case 'CompletionRejected':
        return patchAssignment(docs, item.data, event, (a) => void (a.completion = nextCompletion(a.completion, item.type, item.data.reviewedAt)));
      case 'ItemCompleted':
        return forEachAssigned(docs, item.data.itemId, event, (a) => void (a.itemCompletion = { onTime: item.data.onTime, completedAt: item.data.completedAt }));
      case 'ItemClosed':
        return forEachAssigned(docs, item.data.itemId, event, (a) => void (a.itemClosure = { outcome: item.data.outcome, closedAt: item.data.closedAt }));
    }
  },
};

type UnitDoc = Mutable<UnitScoreDoc>;
type Assignment = Mutable<UnitAssignmentDoc>;

const newUnit = (unitId: string) => (): UnitDoc => ({ unitId, assignments: {}, seen: {} });

/** Changes the unit's document in place (see `updateDocument`). */
function updateUnit(docs: DocumentStore, unitId: string, event: RecordedEvent, change: (doc: UnitDoc) => boolean | void): void {
  updateDocument(docs, unitKey(unitId), event, newUnit(unitId), change);
}

function registered(event: RecordedEvent, docs: DocumentStore): void {
  const { unitId, name, kind, tags } = event.data as UnitRegistered['data'];
  updateUnit(docs, unitId, event, (doc) => {
    Object.assign(doc, { name, kind, tags: [...tags] });
  });
}

function assigned(d: UnitAssigned['data'], event: RecordedEvent, docs: DocumentStore): void {
  const index = docs.get<Mutable<ScoreItemIndexDoc>>(scoreItemIndexKey(d.itemId));
  if (!index) return;
  updateDocument(docs, scoreItemIndexKey(d.itemId), event, () => index, (doc) => {
    if (!doc.unitIds.includes(d.unitId)) own(doc.unitIds).push(d.unitId);
  });
  const assignment: Assignment = {
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
  updateUnit(docs, d.unitId, event, (doc) => void (doc.assignments[d.itemId] = assignment));
}

/** Changes the unit's assignment to the item in place; a unit not assigned to it creates nothing. */
function patchAssignment(docs: DocumentStore, d: { itemId: string; unitId: string }, event: RecordedEvent, change: (a: Assignment) => void): void {
  updateUnit(docs, d.unitId, event, (doc) => {
    const current = doc.assignments[d.itemId];
    if (!current) return false;
    change(current);
  });
}

/** An item-wide event reaches every unit assigned to the item, through the item's index. */
function forEachAssigned(docs: DocumentStore, itemId: string, event: RecordedEvent, change: (a: Assignment) => void): void {
  const index = docs.get<ScoreItemIndexDoc>(scoreItemIndexKey(itemId));
  for (const unitId of index?.unitIds ?? []) patchAssignment(docs, { itemId, unitId }, event, change);
}
