/**
 * Stored documents of the `directive-overview` read model. Plain JSON; nothing here depends on
 * time: statuses are computed by the view at the instant asked.
 */
import type { AssignmentRole, Deadline, DirectiveHeader, MonitoringArrangement, Target } from '#directives';
import type { Seen } from '../engine/index.js';
import type { CompletionDoc } from './status-cells.js';

export const OVERVIEW_NAME = 'directive-overview';

/** `directive:<directiveId>`: the whole directive, one document (a directive has a handful of items). */
export const directiveKey = (directiveId: string): string => `directive:${directiveId}`;
/** `index:item:<itemId>`: which directive an item belongs to (item events do not say). */
export const overviewIndexKey = (itemId: string): string => `index:item:${itemId}`;
/**
 * `progress:<itemId>`: the latest figures of the item's units. Apart from the directive's
 * document because reports are by far the most frequent events: each one changes this document
 * only, whose share per unit is small, and never the directive's.
 */
export const overviewProgressKey = (itemId: string): string => `progress:${itemId}`;

export interface OverviewIndexDoc extends Seen {
  readonly itemId: string;
  readonly directiveId: string;
}

/** The latest cumulative value of one metric of one unit, as the aggregate keeps it. */
export interface LatestValue {
  readonly value: number;
  readonly asOf: string;
  readonly reportId: string;
}

export interface OverviewAssignmentDoc {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly viaGroupId?: string;
  readonly assignedAt: string;
  /** The deadline first set, kept beside the current one after extensions. */
  readonly originalDeadline: Deadline;
  readonly deadline: Deadline;
  readonly completion: CompletionDoc;
  readonly deadlineMissedAt?: string;
}

export interface OverviewEscalationDoc {
  readonly escalationId: string;
  readonly unitId?: string;
  readonly level: number;
  readonly rule: string;
  readonly reason: string;
  readonly mustAct: string;
  readonly raisedAt: string;
  readonly levelRaisedAt?: string;
}

/**
 * One item. `registered` items come from the directive's registration and are not issued yet;
 * the issue replaces their definition with the issued facts.
 */
export interface OverviewItemDoc {
  readonly itemId: string;
  readonly number: number;
  readonly title: string;
  readonly lifecycle: 'registered' | 'open' | 'completed' | 'closed';
  readonly issuedAt?: string;
  readonly deadline: Deadline;
  readonly targets: readonly Target[];
  readonly completion?: { readonly onTime: boolean; readonly completedAt: string };
  readonly closure?: { readonly outcome: 'completed' | 'cancelled'; readonly closedAt: string; readonly note?: string };
  readonly assignments: Readonly<Record<string, OverviewAssignmentDoc>>;
  /** Unresolved escalations only: a resolution removes one (the `escalations` model keeps them all). */
  readonly openEscalations: Readonly<Record<string, OverviewEscalationDoc>>;
}

export interface DirectiveOverviewDoc extends Seen {
  readonly directiveId: string;
  /** Absent while the registration has not been applied (an item's events came first). */
  readonly header?: DirectiveHeader;
  readonly monitoring?: MonitoringArrangement;
  readonly registeredAt?: string;
  readonly items: Readonly<Record<string, OverviewItemDoc>>;
}

/** The latest figures of an issued item's units (figures live here, not in the assignments). */
export interface OverviewProgressDoc extends Seen {
  readonly itemId: string;
  /** Each assigned unit → its latest cumulative value per metric (none until it reports). */
  readonly units: Readonly<Record<string, Readonly<Record<string, LatestValue>>>>;
  /** Correction report id → the report it corrects: where a chain of corrections started. */
  readonly corrections: Readonly<Record<string, string>>;
}

/** What the view reads of a directive: its document and its items' progress documents, in any order. */
export interface DirectiveOverviewDocs {
  readonly directive: DirectiveOverviewDoc;
  readonly progress: readonly OverviewProgressDoc[];
}
