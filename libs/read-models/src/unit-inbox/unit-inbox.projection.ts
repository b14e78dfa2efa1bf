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
import { entryContent, viDate } from './unit-inbox.summaries.js';

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
  'StatusReportIssued',
] as const;

/** A unit id (kebab-case), as opposed to a body named in words ("Ban Thường vụ Tỉnh ủy"). */
const UNIT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface ReportIssued {
  readonly directiveId: string;
  readonly issue: number;
  readonly asOf: string;
  readonly recipients: readonly string[];
  readonly late: boolean;
}

/**
 * `unit-inbox`: per unit (`inbox:<unitId>`) the entries addressed to it, newest first, at most
 * `INBOX_CAP`; per item (`index:item:<itemId>`) its directive, number, title and assigned units.
 * Addressed to a unit: its assignments, its reminders, escalations naming it, decisions on its
 * requests and completion, commendations naming it as nominee unit, and the closing of the items
 * it is assigned to; escalations also reach whoever must act when that is a unit; a directive's
 * status report reaches its recipients (the monitors). Escalations with no unit and commendations of
 * no unit reach no inbox.
 */
export const unitInboxProjection: Projection = {
  name: INBOX_NAME,
  version: 2,
  eventTypes: new Set<string>(EVENT_TYPES),
  keysOf(event) {
    if (event.type === 'StatusReportIssued') return (event.data as ReportIssued).recipients.map(inboxKey);
    const item = event as unknown as ItemEvent;
    const index = inboxItemIndexKey(item.data.itemId);
    return [index, ...addressees(item).map(inboxKey)];
  },
  apply(event, docs) {
    if (event.type === 'StatusReportIssued') return reportIssued(event, docs);
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
  return event.type === 'ItemClosed' ? index.unitIds : addressees(event);
}

/** The unit an event names, and for an escalation whoever must act when that is a unit. */
function addressees(event: ItemEvent): string[] {
  const unitId = event.type === 'CommendationProposed' ? event.data.nominee.unitId : (event.data as { unitId?: string }).unitId;
  const mustAct = event.type === 'EscalationRaised' || event.type === 'EscalationLevelRaised' ? event.data.mustAct : undefined;
  return [...new Set([unitId, mustAct && UNIT_ID.test(mustAct) ? mustAct : undefined].filter((u): u is string => u !== undefined))];
}

function reportIssued(event: RecordedEvent, docs: DocumentStore): void {
  const { directiveId, issue, asOf, recipients: units, late } = event.data as ReportIssued;
  const local = new Date(Date.parse(asOf) + 7 * 3_600_000).toISOString();
  const entry: InboxEntry = {
    id: `${event.streamId}@${event.revision}`,
    kind: 'report',
    type: event.type,
    directiveId,
    at: event.metadata.recordedAt,
    summary: `Báo cáo kết quả thực hiện số ${issue}, tình hình đến ${local.slice(11, 16)} ngày ${viDate(local.slice(0, 10))}${late ? ' (phát hành muộn)' : ''}.`,
    details: { issue, asOf, late, report: `/reports/directives/${directiveId}/issues/${issue}` },
  };
  for (const unitId of units) deliver(docs, unitId, entry, event);
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
