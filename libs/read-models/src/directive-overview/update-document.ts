import type { RecordedEvent } from '#event-store';
import { hasSeen, type DocumentStore, type Seen } from '../engine/index.js';

/**
 * A stored document as `apply` changes it: every object level writable (arrays through `own`). Inside `apply`, the document
 * `docs.get` returns is the pass's own copy (the runner's batch store parses one per pass; the
 * in-memory store hands out the object it holds), so projections change it in place and `set` it:
 * an event costs the same however large its document has grown. Never change in place an object
 * that came from an event's data (keep a copy instead): specifications replay the same events.
 */
export type Mutable<T> = T extends readonly (infer U)[] ? readonly Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

/** A document's own array, to change in place (a `Mutable` document's arrays stay `readonly`: events' arrays may be kept as they are). */
export const own = <T>(array: readonly T[]): T[] => array as T[];

/** `markSeen` without the copies: records in the document itself that it now holds this event. */
export function markSeenInPlace(doc: Seen, event: RecordedEvent): void {
  (doc.seen as Record<string, number>)[event.streamId] = event.revision;
}

/**
 * Applies `change` to the document at `key` in place, unless the document has already seen the
 * event (its stream's revision is in `seen`): the one guard every read model goes through, so
 * applying an event twice changes nothing. An existing document records the event even when the
 * change leaves it as it was, so that `seen` holds the last revision of every stream that reached
 * it, whatever the interleaving of the streams; a change that returns `false` (nothing to change)
 * on the initial document creates nothing (no empty documents).
 * Shared by the five read models (kept here because new folders are limited to the models).
 */
export function updateDocument<T extends Seen>(
  docs: DocumentStore,
  key: string,
  event: RecordedEvent,
  init: () => T,
  change: (doc: T) => boolean | void,
): void {
  const current = docs.get<T>(key);
  if (hasSeen(current, event)) return;
  const doc = current ?? init();
  if (change(doc) === false && current === undefined) return;
  markSeenInPlace(doc, event);
  docs.set(key, doc);
}
