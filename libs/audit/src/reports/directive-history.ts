import { DIRECTIVE_REGISTRY_STREAM, itemStream, type DirectiveRecord } from '#directives';
import type { EventStore, RecordedEvent } from '#event-store';
import { statusReportStream } from './status-report.decider.js';
import type { TimelineEntry } from './status-report.html.js';

/** Engine bookkeeping a reader of the timeline does not need (reminders are in the CSV). */
const NOT_IN_TIMELINE = new Set(['ReminderSent', 'AssignmentAcknowledged']);

/**
 * Every recorded fact of one directive, oldest first: its registration and policy in the
 * registry, the events of each of its items, and its status reports. Read straight from the store
 * (the only source of truth), optionally only what was recorded at or before `upTo`.
 */
export async function directiveHistory(store: EventStore, directive: DirectiveRecord, upTo?: string): Promise<RecordedEvent[]> {
  const registry = (await store.readStream(DIRECTIVE_REGISTRY_STREAM)).filter((e) => (e.data as { directiveId?: string }).directiveId === directive.directiveId);
  const streams = [...directive.items.map((item) => itemStream(item.itemId)), statusReportStream(directive.directiveId)];
  const events = [...registry, ...(await Promise.all(streams.map((s) => store.readStream(s)))).flat()];
  return events
    .filter((e) => upTo === undefined || e.metadata.recordedAt <= upTo)
    .sort((a, b) => a.metadata.recordedAt.localeCompare(b.metadata.recordedAt) || a.streamId.localeCompare(b.streamId) || a.revision - b.revision);
}

/** The report's timeline: the latest `limit` facts people and the engine recorded, newest first. */
export function timelineOf(events: readonly RecordedEvent[], directive: DirectiveRecord, limit = 60): TimelineEntry[] {
  const numbers = new Map(directive.items.map((item) => [item.itemId, item.number]));
  return events
    .filter((e) => !NOT_IN_TIMELINE.has(e.type))
    .slice(-limit)
    .reverse()
    .map((e) => {
      const data = e.data as { itemId?: string; unitId?: string };
      const itemNumber = data.itemId ? numbers.get(data.itemId) : undefined;
      const { actor } = e.metadata;
      return { at: e.metadata.recordedAt, type: e.type, actor: actor.name ?? actor.subject, ...(itemNumber ? { itemNumber } : {}), ...(data.unitId ? { unitId: data.unitId } : {}) };
    });
}
