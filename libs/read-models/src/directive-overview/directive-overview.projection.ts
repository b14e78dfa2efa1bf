import type { RecordedEvent } from '#event-store';
import type { DirectiveRegistered, ItemEvent, ItemIssued } from '#directives';
import type { DocumentStore, Projection } from '../engine/index.js';
import { updateDocument, type Mutable } from './update-document.js';
import {
  directiveKey,
  OVERVIEW_NAME,
  overviewIndexKey,
  overviewProgressKey,
  type DirectiveOverviewDoc,
  type OverviewIndexDoc,
} from './directive-overview.document.js';
import { evolveOverviewItem, issuedItem, registeredItem } from './directive-overview.evolve.js';
import { evolveProgress, progressIssued } from './directive-overview.progress.js';

const EVENT_TYPES = [
  'DirectiveRegistered',
  'ItemIssued',
  'UnitAssigned',
  'ProgressReported',
  'ProgressReportCorrected',
  'ExtensionApproved',
  'CompletionReported',
  'CompletionAccepted',
  'CompletionRejected',
  'ItemCompleted',
  'ItemClosed',
  'DeadlineMissed',
  'EscalationRaised',
  'EscalationLevelRaised',
  'EscalationResolved',
] as const;

/** Events that change the figures only (`progress:<itemId>`). */
const FIGURES = new Set(['ProgressReported', 'ProgressReportCorrected']);

/**
 * `directive-overview`: one document per directive (`directive:<id>`) holding its items, their
 * assignments, deadlines, completion and open escalations; one index document per item
 * (`index:item:<itemId>` → directive id), because item events after the issue do not name their
 * directive; and per item the latest figures of its units (`progress:<itemId>`), so that a
 * report, the most frequent event, changes a small share of a small document, not the directive's.
 *
 * The registration (stream `registry-directives`) and the items (streams `item-<id>`) are
 * different streams: the registration may be applied after an item's events, and both orders
 * give the same document. An item event whose item was never issued is ignored (it cannot occur
 * in a well-formed log: `ItemIssued` is revision 0 of its stream).
 */
export const directiveOverviewProjection: Projection = {
  name: OVERVIEW_NAME,
  version: 2,
  eventTypes: new Set<string>(EVENT_TYPES),
  keysOf(event) {
    if (event.type === 'DirectiveRegistered') return [directiveKey((event.data as DirectiveRegistered['data']).directiveId)];
    const { itemId, directiveId } = event.data as { itemId: string; directiveId?: string };
    if (FIGURES.has(event.type)) return [overviewProgressKey(itemId)];
    const keys = [overviewIndexKey(itemId), directiveKey(directiveId ?? likelyDirectiveOf(itemId))];
    return event.type === 'ItemIssued' || event.type === 'UnitAssigned' ? [...keys, overviewProgressKey(itemId)] : keys;
  },
  apply(event, docs) {
    if (event.type === 'DirectiveRegistered') return registered(event, docs);
    if (event.type === 'ItemIssued') return issued(event, docs);
    const item = event as unknown as ItemEvent;
    evolveProgress(docs, item, event);
    if (FIGURES.has(item.type)) return;
    const index = docs.get<OverviewIndexDoc>(overviewIndexKey(item.data.itemId));
    if (!index) return;
    updateDirective(docs, index.directiveId, event, (doc) => {
      const current = doc.items[item.data.itemId];
      if (!current) return false;
      evolveOverviewItem(current, item);
    });
  },
};

/**
 * The directive an item id names by the registry's convention (`itemIdOf`: `<directiveId>.<number>`).
 * Only a loading hint: `apply` follows the item's index, which holds the issue's own directive id.
 */
function likelyDirectiveOf(itemId: string): string {
  const dot = itemId.lastIndexOf('.');
  return dot > 0 ? itemId.slice(0, dot) : itemId;
}

function registered(event: RecordedEvent, docs: DocumentStore): void {
  const d = event.data as DirectiveRegistered['data'];
  updateDirective(docs, d.directiveId, event, (doc) => {
    for (const def of d.items) doc.items[def.itemId] ??= registeredItem(def);
    doc.header = d.header;
    if (d.monitoring) doc.monitoring = d.monitoring;
    doc.registeredAt = d.registeredAt;
  });
}

function issued(event: RecordedEvent, docs: DocumentStore): void {
  const d = event.data as ItemIssued['data'];
  const init = (): Mutable<OverviewIndexDoc> => ({ itemId: d.itemId, directiveId: d.directiveId, seen: {} });
  updateDocument(docs, overviewIndexKey(d.itemId), event, init, () => true);
  updateDirective(docs, d.directiveId, event, (doc) => void (doc.items[d.itemId] = issuedItem(d)));
  progressIssued(docs, d.itemId, event);
}

/** Applies `change` to the directive's document, in place, unless it has already seen the event. */
function updateDirective(
  docs: DocumentStore,
  directiveId: string,
  event: RecordedEvent,
  change: (doc: Mutable<DirectiveOverviewDoc>) => boolean | void,
): void {
  updateDocument<Mutable<DirectiveOverviewDoc>>(docs, directiveKey(directiveId), event, () => ({ directiveId, items: {}, seen: {} }), change);
}
