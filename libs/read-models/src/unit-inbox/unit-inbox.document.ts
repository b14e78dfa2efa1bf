/**
 * Stored documents of the `unit-inbox` read model: what has been addressed to each unit, newest
 * first, capped at the newest `INBOX_CAP` entries per unit (older ones stay in the event store and
 * in the item histories; `total` counts them all).
 */
import type { Seen } from '../engine/index.js';

export const INBOX_NAME = 'unit-inbox';
export const INBOX_CAP = 500;

/** `inbox:<unitId>`. */
export const inboxKey = (unitId: string): string => `inbox:${unitId}`;
/** `index:item:<itemId>`: the item's directive, number, title and assigned units (for summaries and item-wide notices). */
export const inboxItemIndexKey = (itemId: string): string => `index:item:${itemId}`;

export type InboxKind = 'assignment' | 'reminder' | 'escalation' | 'decision' | 'notice' | 'report';

export type DetailValue = string | number | boolean | readonly string[];

export interface InboxEntry {
  /** `<streamId>@<revision>`: the event the entry comes from. */
  readonly id: string;
  readonly kind: InboxKind;
  /** The event type, e.g. `ExtensionApproved`. */
  readonly type: string;
  /** The item concerned; absent for a directive's status report. */
  readonly itemId?: string;
  readonly directiveId: string;
  readonly itemNumber?: number;
  /** When the engine recorded the event (`metadata.recordedAt`). */
  readonly at: string;
  /** One line in Vietnamese, for the unit's staff. */
  readonly summary: string;
  readonly details: Readonly<Record<string, DetailValue>>;
}

export interface InboxDoc extends Seen {
  readonly unitId: string;
  /** Newest first, in the order of the global log; at most `INBOX_CAP`. */
  readonly entries: readonly InboxEntry[];
  /** Entries ever addressed to the unit, those dropped by the cap included. */
  readonly total: number;
}

export interface InboxItemIndexDoc extends Seen {
  readonly itemId: string;
  readonly directiveId: string;
  readonly number: number;
  readonly title: string;
  readonly unitIds: readonly string[];
}
