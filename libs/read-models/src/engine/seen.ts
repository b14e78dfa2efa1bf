import type { RecordedEvent } from '#event-store';

/** What a document records of the events applied to it: the last revision per stream. */
export interface Seen {
  readonly seen: Readonly<Record<string, number>>;
}

/** True when the document already holds this event (or a later one of its stream). */
export function hasSeen(doc: Seen | undefined, event: RecordedEvent): boolean {
  const last = doc?.seen[event.streamId];
  return last !== undefined && event.revision <= last;
}

/** The document, recording that it now holds this event. */
export function markSeen<T extends Seen>(doc: T, event: RecordedEvent): T {
  return { ...doc, seen: { ...doc.seen, [event.streamId]: event.revision } };
}
