import type { InboxDoc, InboxEntry, InboxKind } from './unit-inbox.document.js';

const HOUR_MS = 60 * 60 * 1000;

export interface InboxEntryView extends InboxEntry {
  /** Whole hours since the event was recorded. */
  readonly ageHours: number;
}

export interface UnitInbox {
  readonly unitId: string;
  readonly asAt: string;
  /** Entries ever addressed to the unit (the stored ones are the newest 500). */
  readonly total: number;
  readonly entries: InboxEntryView[];
}

export interface InboxQuery {
  /** At most this many entries (default 50, never more than the stored 500). */
  readonly limit?: number;
  readonly kinds?: readonly InboxKind[];
}

/**
 * A unit's inbox at `now` (UTC ISO), newest first: the stored entries, filtered by kind and
 * limited, each with its age. A unit nothing was addressed to has an empty inbox (pass
 * `undefined` for its missing document).
 */
export function unitInboxView(unitId: string, doc: InboxDoc | undefined, now: string, query: InboxQuery = {}): UnitInbox {
  const kinds = query.kinds ? new Set(query.kinds) : undefined;
  const entries = (doc?.entries ?? [])
    .filter((e) => !kinds || kinds.has(e.kind))
    .slice(0, query.limit ?? 50)
    .map((e) => ({ ...e, ageHours: Math.max(0, Math.floor((Date.parse(now) - Date.parse(e.at)) / HOUR_MS)) }));
  return { unitId, asAt: now, total: doc?.total ?? 0, entries };
}
