import type { RecordedEvent } from '#event-store';
import type { EscalationLevelRaised, EscalationRaised, EscalationResolved, ItemEvent } from '#directives';
import { hasSeen, markSeen, type DocumentStore, type Projection } from '../engine/index.js';
import { updateDocument } from '../directive-overview/update-document.js';
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
        const init = (): EscalationItemIndexDoc => ({ itemId, directiveId, number, title, seen: {} });
        return updateDocument(docs, escalationItemIndexKey(itemId), event, init, (doc) => ({ ...doc }));
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
  const doc: EscalationDoc = {
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
  // A second raise with the same id leaves the first one as it is.
  updateDocument<EscalationDoc>(docs, key, event, () => doc, (current) => (current === doc ? { ...doc } : current));
}

function updateKnown(docs: DocumentStore, d: { itemId: string; escalationId: string }, event: RecordedEvent, change: (doc: EscalationDoc) => EscalationDoc): void {
  const key = escalationKey(d.itemId, d.escalationId);
  const current = docs.get<EscalationDoc>(key);
  if (!current || hasSeen(current, event)) return;
  docs.set(key, markSeen(change(current), event));
}

function levelRaised(doc: EscalationDoc, d: EscalationLevelRaised['data']): EscalationDoc {
  const { level, mustAct, reason, raisedAt } = d;
  return { ...doc, level, mustAct, reason, levelRaisedAt: raisedAt, steps: [...doc.steps, { level, mustAct, reason, at: raisedAt }] };
}

function resolved(doc: EscalationDoc, d: EscalationResolved['data']): EscalationDoc {
  return { ...doc, resolvedAt: d.resolvedAt, resolution: d.resolution };
}
