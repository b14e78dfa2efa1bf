import type { RecordedEvent } from '#event-store';
import type { DirectiveRegistered, ItemEvent, ItemIssued } from '#directives';
import type { DocumentStore, Projection } from '../engine/index.js';
import { updateDocument } from './update-document.js';
import {
  directiveKey,
  OVERVIEW_NAME,
  overviewIndexKey,
  type DirectiveOverviewDoc,
  type OverviewIndexDoc,
  type OverviewItemDoc,
} from './directive-overview.document.js';
import { evolveOverviewItem, issuedItem, registeredItem } from './directive-overview.evolve.js';

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

/**
 * `directive-overview`: one document per directive (`directive:<id>`) holding its items, their
 * assignments, deadlines, completion, latest figures and open escalations, plus one index
 * document per item (`index:item:<itemId>` → directive id), because item events after the issue
 * do not name their directive.
 *
 * The registration (stream `registry-directives`) and the items (streams `item-<id>`) are
 * different streams: the registration may be applied after an item's events, and both orders
 * give the same document. An item event whose item was never issued is ignored (it cannot occur
 * in a well-formed log: `ItemIssued` is revision 0 of its stream).
 */
export const directiveOverviewProjection: Projection = {
  name: OVERVIEW_NAME,
  version: 1,
  eventTypes: new Set<string>(EVENT_TYPES),
  keysOf(event) {
    if (event.type === 'DirectiveRegistered') return [directiveKey((event.data as DirectiveRegistered['data']).directiveId)];
    const { itemId, directiveId } = event.data as { itemId: string; directiveId?: string };
    return [overviewIndexKey(itemId), directiveKey(directiveId ?? likelyDirectiveOf(itemId))];
  },
  apply(event, docs) {
    if (event.type === 'DirectiveRegistered') return registered(event, docs);
    if (event.type === 'ItemIssued') return issued(event, docs);
    const item = event as unknown as ItemEvent;
    const index = docs.get<OverviewIndexDoc>(overviewIndexKey(item.data.itemId));
    if (!index) return;
    updateDirective(docs, index.directiveId, event, (doc) => {
      const current = doc.items[item.data.itemId];
      return current ? withItem(doc, evolveOverviewItem(current, item)) : doc;
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
    const items = { ...doc.items };
    for (const def of d.items) if (!items[def.itemId]) items[def.itemId] = registeredItem(def);
    const monitoring = d.monitoring ? { monitoring: d.monitoring } : {};
    return { ...doc, header: d.header, ...monitoring, registeredAt: d.registeredAt, items };
  });
}

function issued(event: RecordedEvent, docs: DocumentStore): void {
  const d = event.data as ItemIssued['data'];
  const init = (): OverviewIndexDoc => ({ itemId: d.itemId, directiveId: d.directiveId, seen: {} });
  updateDocument(docs, overviewIndexKey(d.itemId), event, init, (index) => ({ ...index }));
  updateDirective(docs, d.directiveId, event, (doc) => withItem(doc, issuedItem(d)));
}

/** Applies `change` to the directive's document unless it has already seen the event. */
function updateDirective(
  docs: DocumentStore,
  directiveId: string,
  event: RecordedEvent,
  change: (doc: DirectiveOverviewDoc) => DirectiveOverviewDoc,
): void {
  updateDocument(docs, directiveKey(directiveId), event, () => ({ directiveId, items: {}, seen: {} }), change);
}

function withItem(doc: DirectiveOverviewDoc, item: OverviewItemDoc): DirectiveOverviewDoc {
  return { ...doc, items: { ...doc.items, [item.itemId]: item } };
}
