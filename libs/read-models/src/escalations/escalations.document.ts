/**
 * Stored documents of the `escalations` read model: every escalation, open and resolved. Ages and
 * the order depend on `now`: the view computes them.
 */
import type { Seen } from '../engine/index.js';

export const ESCALATIONS_NAME = 'escalations';

/**
 * `escalation:<itemId>:<escalationId>`. The item id is part of the key because the domain only
 * makes escalation ids unique within an item (they key the item's `escalations`).
 */
export const escalationKey = (itemId: string, escalationId: string): string => `escalation:${itemId}:${escalationId}`;
/** The API lists every escalation by this key prefix. */
export const ESCALATION_KEY_PREFIX = 'escalation:';
/** `index:item:<itemId>`: the item's directive (escalation events do not name it). */
export const escalationItemIndexKey = (itemId: string): string => `index:item:${itemId}`;

export interface EscalationItemIndexDoc extends Seen {
  readonly itemId: string;
  readonly directiveId: string;
  readonly number: number;
  readonly title: string;
}

/** One step of an escalation: the level it was raised to, who must act, why, when. */
export interface EscalationStep {
  readonly level: number;
  readonly mustAct: string;
  readonly reason: string;
  readonly at: string;
}

export interface EscalationDoc extends Seen {
  readonly escalationId: string;
  readonly itemId: string;
  readonly directiveId: string;
  readonly itemNumber: number;
  readonly itemTitle: string;
  /** The unit concerned, when there is one. */
  readonly unitId?: string;
  readonly rule: string;
  /** Current level, who must act now and the latest reason. */
  readonly level: number;
  readonly mustAct: string;
  readonly reason: string;
  readonly raisedAt: string;
  /** When it last climbed a level. */
  readonly levelRaisedAt?: string;
  /** Every level it went through, first raise included. */
  readonly steps: readonly EscalationStep[];
  readonly resolvedAt?: string;
  readonly resolution?: string;
}
