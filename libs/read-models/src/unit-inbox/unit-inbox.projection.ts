import type { RecordedEvent } from '#event-store';
import type { ItemEvent } from '#directives';
import type { DocumentStore, Projection } from '../engine/index.js';
import { own, updateDocument, type Mutable } from '../directive-overview/update-document.js';
import {
  INBOX_CAP,
  INBOX_NAME,
  inboxItemIndexKey,
  inboxKey,
  type InboxDoc,
  type InboxEntry,
  type InboxItemIndexDoc,
} from './unit-inbox.document.js';
import { entryContent } from './unit-inbox.summaries.js';

const EVENT_TYPES = [
  'ItemIssued',
  'UnitAssigned',
  'ReminderSent',
  'EscalationRaised',
  'EscalationLevelRaised',
  'EscalationResolved',
  'ExtensionApproved',
  'ExtensionRejected',
  'CompletionAccepted',
  'CompletionRejected',
  'CommendationProposed',
  'ItemClosed',
] as const;

/**
 * `unit-inbox`: per unit (`inbox:<unitId>`) the entries addressed to it, newest first, at most
 * `INBOX_CAP`; per item (`index:item:<itemId>`) its directive, number, title and assigned units.
 * Addressed to a unit: its assignments, its reminders, escalations naming it, decisions on its
 * requests and completion, commendations naming it as nominee unit, and the closing of the items
 * it is assigned to. Escalations with no unit and commendations of no unit reach no inbox.
 */
export const unitInboxProjection: Projection = {
  name: INBOX_NAME,
  version: 1,
  eventTypes: new Set<string>(EVENT_TYPES),
  keysOf(event) {
    const item = event as unknown as ItemEvent;
    const index = inboxItemIndexKey(item.data.itemId);
    const unitId = item.type === 'CommendationProposed' ? item.data.nominee.unitId : (item.data as { unitId?: string }).unitId;
    return unitId ? [index, inboxKey(unitId)] : [index];
  },
  apply(event, docs) {
    const item = event as unknown as ItemEvent;
    if (item.type === 'ItemIssued') {
      const { itemId, directiveId, number, title } = item.data;
      const init = (): Mutable<InboxItemIndexDoc> => ({ itemId, directiveId, number, title, unitIds: [], seen: {} });
      return updateDocument(docs, inboxItemIndexKey(itemId), event, init, () => true);
    }
    const index = docs.get<InboxItemIndexDoc>(inboxItemIndexKey(item.data.itemId));
    if (!index) return;
    if (item.type === 'UnitAssigned') listAssigned(docs, index, item.data.unitId, event);
    const content = entryContent(item, index);
    if (!content) return;
    const entry: InboxEntry = {
      id: `${event.streamId}@${event.revision}`,
      ...content,
      type: item.type,
      itemId: index.itemId,
      directiveId: index.directiveId,
      itemNumber: index.number,
      at: event.metadata.recordedAt,
    };
    for (const unitId of recipients(item, index)) deliver(docs, unitId, entry, event);
  },
};

function listAssigned(docs: DocumentStore, index: InboxItemIndexDoc, unitId: string, event: RecordedEvent): void {
  updateDocument(docs, inboxItemIndexKey(index.itemId), event, () => index, (doc) => {
    if (!doc.unitIds.includes(unitId)) own(doc.unitIds).push(unitId);
  });
}

/** The units an event is addressed to. */
function recipients(event: ItemEvent, index: InboxItemIndexDoc): readonly string[] {
  if (event.type === 'ItemClosed') return index.unitIds;
  const unitId = event.type === 'CommendationProposed' ? event.data.nominee.unitId : (event.data as { unitId?: string }).unitId;
  return unitId ? [unitId] : [];
}

function deliver(docs: DocumentStore, unitId: string, entry: InboxEntry, event: RecordedEvent): void {
  const init = (): Mutable<InboxDoc> => ({ unitId, entries: [], total: 0, seen: {} });
  updateDocument(docs, inboxKey(unitId), event, init, (doc) => {
    const entries = own(doc.entries);
    entries.unshift(entry);
    if (entries.length > INBOX_CAP) entries.length = INBOX_CAP;
    doc.total += 1;
  });
}
