import { evolveItem, initialItemState, type ItemEvent, type ItemState } from '#directives';
import type { RecordedEvent } from '#event-store';
import { belongsAfterPrefix, isRevisionPoint, recordedBy, type ItemPoint } from './as-of.js';

/** An item's events folded with the real `evolveItem`, as far as some revision. */
export interface ItemFold {
  readonly state: ItemState;
  /** Revision of the last event folded, -1 before any. */
  readonly revision: number;
  /** When the last event folded was recorded. */
  readonly recordedAt?: string;
}

/** The item as it stood at a point, with what the view needs beside the state. */
export interface ItemReplay {
  readonly state: ItemState;
  /** Revision of the last event of the prefix: recorded by the instant, or the revision asked. */
  readonly revision: number;
  /** The instant statuses are computed at: the one asked, or when the revision asked was recorded. */
  readonly asAt: string;
  /** Figures recorded later about dates up to the instant, folded in for `knowledge=current`. */
  readonly laterFigures: number;
}

/** Nothing folded yet: the state before the item's first event. */
export const emptyItemFold = (): ItemFold => ({ state: initialItemState(), revision: -1 });

/** One recorded event folded with the real `evolveItem` (an unknown event type throws, as on the command path). */
export function foldItemEvent(fold: ItemFold, event: RecordedEvent): ItemFold {
  const state = evolveItem(fold.state, { type: event.type, data: event.data } as ItemEvent);
  return { state, revision: event.revision, recordedAt: event.metadata.recordedAt };
}

/**
 * Whether an event is within the prefix of the item's stream that a point asks for: up to the
 * revision, or recorded by the instant (the events of one stream are recorded in order, so these
 * are a prefix; the first event outside ends it).
 */
export function inPrefix(event: RecordedEvent, point: ItemPoint): boolean {
  return isRevisionPoint(point) ? event.revision <= point.revision : recordedBy(event, point.at);
}

/**
 * The item as of a point, from its events in stream order, starting from `from` (a snapshot, or
 * nothing): the prefix folded, then for `knowledge=current` the later figures about dates up to
 * the instant, in stream order. Pure; the HTTP answer and the snapshots both rest on it.
 */
export function replayItem(events: readonly RecordedEvent[], point: ItemPoint, from: ItemFold = emptyItemFold()): ItemReplay {
  let fold = from;
  let i = 0;
  for (; i < events.length && inPrefix(events[i]!, point); i++) fold = foldItemEvent(fold, events[i]!);
  const prefix = fold;
  let laterFigures = 0;
  if (!isRevisionPoint(point)) {
    for (; i < events.length; i++) {
      if (!belongsAfterPrefix(events[i]!, point)) continue;
      fold = foldItemEvent(fold, events[i]!);
      laterFigures += 1;
    }
  }
  return { state: fold.state, revision: prefix.revision, asAt: asAtOf(point, prefix), laterFigures };
}

/** The instant statuses are computed at for a point reached by `prefix`. */
export function asAtOf(point: ItemPoint, prefix: ItemFold): string {
  return isRevisionPoint(point) ? (prefix.recordedAt ?? '') : point.at;
}
