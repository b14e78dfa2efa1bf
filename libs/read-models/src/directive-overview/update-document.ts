import type { RecordedEvent } from '#event-store';
import { hasSeen, markSeen, type DocumentStore, type Seen } from '../engine/index.js';

/**
 * Applies `change` to the document at `key`, unless the document has already seen the event
 * (its stream's revision is in `seen`): the one guard every read model goes through, so applying
 * an event twice changes nothing. An existing document records the event even when the change
 * leaves it as it was, so that `seen` holds the last revision of every stream that reached it,
 * whatever the interleaving of the streams; a change that returns the initial document as it is
 * creates nothing (no empty documents).
 * Shared by the five read models (kept here because new folders are limited to the models).
 */
export function updateDocument<T extends Seen>(
  docs: DocumentStore,
  key: string,
  event: RecordedEvent,
  init: () => T,
  change: (doc: T) => T,
): void {
  const current = docs.get<T>(key);
  if (hasSeen(current, event)) return;
  const base = current ?? init();
  const next = change(base);
  if (current === undefined && next === base) return;
  docs.set(key, markSeen(next, event));
}
