import type { RecordedEvent } from '#event-store';
import type { EscalationLevelRaised, EscalationRaised, EscalationResolved, ItemEvent } from '#directives';
import { hasSeen, type DocumentStore, type Projection } from '../engine/index.js';
import { markSeenInPlace, own, updateDocument, type Mutable } from '../directive-overview/update-document.js';
import {
  ESCALATIONS_NAME,
  escalationItemIndexKey,
  escalationKey,
  type EscalationDoc,
  type EscalationItemIndexDoc,
} from './escalations.document.js';

const EVENT_TYPES = ['ItemIssued', 'EscalationRaised', 'EscalationLevelRaised', 'EscalationResolved'] as const;

/**
 * `escalations`: one document per escalation (`escalation:<itemId>:<escalationId>`, listed by
 * that prefix) and per item its directive (`index:item:<itemId>`). A level raise or resolution
 * of an unknown escalation is ignored, as the aggregate does.
 */
export const escalationsProjection: Projection = {
  name: ESCALATIONS_NAME,
  version: 1,
  eventTypes: new Set<string>(EVENT_TYPES),
  keysOf(event) {
    const { itemId, escalationId } = event.data as { itemId: string; escalationId?: string };
    if (event.type === 'ItemIssued') return [escalationItemIndexKey(itemId)];
    const key = escalationKey(itemId, escalationId!);
    return event.type === 'EscalationRaised' ? [escalationItemIndexKey(itemId), key] : [key];
  },
  apply(event, docs) {
    const item = event as unknown as ItemEvent;
    switch (item.type) {
      case 'ItemIssued': {
        const { itemId, directiveId, number, title } = item.data;
        const init = (): Mutable<EscalationItemIndexDoc> => ({ itemId, directiveId, number, title, seen: {} });
        return updateDocument(docs, escalationItemIndexKey(itemId), event, init, () => true);
      }
      case 'EscalationRaised':
        return raised(item.data, event, docs);
      case 'EscalationLevelRaised':
        return updateKnown(docs, item.data, event, (doc) => levelRaised(doc, item.data));
      case 'EscalationResolved':
        return updateKnown(docs, item.data, event, (doc) => resolved(doc, item.data));
    }
  },
};

function raised(d: EscalationRaised['data'], event: RecordedEvent, docs: DocumentStore): void {
  const index = docs.get<EscalationItemIndexDoc>(escalationItemIndexKey(d.itemId));
  if (!index) return;
  const key = escalationKey(d.itemId, d.escalationId);
  const { escalationId, itemId, unitId, rule, level, mustAct, reason, raisedAt } = d;
  const doc: Mutable<EscalationDoc> = {
    escalationId,
    itemId,
    directiveId: index.directiveId,
    itemNumber: index.number,
    itemTitle: index.title,
    ...(unitId ? { unitId } : {}),
    rule,
    level,
    mustAct,
    reason,
    raisedAt,
    steps: [{ level, mustAct, reason, at: raisedAt }],
    seen: {},
  };
  // A second raise with the same id leaves the first one as it is (and records the event).
  updateDocument(docs, key, event, () => doc, () => true);
}

/** Changes a known escalation's document in place; an unknown one is ignored. */
function updateKnown(docs: DocumentStore, d: { itemId: string; escalationId: string }, event: RecordedEvent, change: (doc: Mutable<EscalationDoc>) => void): void {
  const key = escalationKey(d.itemId, d.escalationId);
  const current = docs.get<Mutable<EscalationDoc>>(key);
  if (!current || hasSeen(current, event)) return;
  change(current);
  markSeenInPlace(current, event);
  docs.set(key, current);
}

function levelRaised(doc: Mutable<EscalationDoc>, d: EscalationLevelRaised['data']): void {
  const { level, mustAct, reason, raisedAt } = d;
  Object.assign(doc, { level, mustAct, reason, levelRaisedAt: raisedAt });
  own(doc.steps).push({ level, mustAct, reason, at: raisedAt });
}

function resolved(doc: Mutable<EscalationDoc>, d: EscalationResolved['data']): void {
  Object.assign(doc, { resolvedAt: d.resolvedAt, resolution: d.resolution });
}
