/**
 * Stored documents of the `unit-scoreboard` read model. Cells, overdue counts, days since the last
 * report and the ranking depend on `now`: the view computes them.
 */
import type { AssignmentRole, Deadline, UnitKind } from '#directives';
import type { Seen } from '../engine/index.js';
import type { CompletionDoc } from '../directive-overview/status-cells.js';

export const SCOREBOARD_NAME = 'unit-scoreboard';

/** `unit:<unitId>`: one document per unit, its catalogue entry and its assignments (list them by the prefix `unit:`). */
export const unitKey = (unitId: string): string => `unit:${unitId}`;
export const UNIT_KEY_PREFIX = 'unit:';
/**
 * `last-report:<unitId>`: the unit's last progress report (list them by the prefix `last-report:`).
 * Apart from the unit's document because reports are by far the most frequent events: each one
 * changes this small document only.
 */
export const lastReportKey = (unitId: string): string => `last-report:${unitId}`;
export const LAST_REPORT_KEY_PREFIX = 'last-report:';
/** `index:item:<itemId>`: the item's directive, number, title, deadline and assigned units. */
export const scoreItemIndexKey = (itemId: string): string => `index:item:${itemId}`;

export interface ScoreItemIndexDoc extends Seen {
  readonly itemId: string;
  readonly directiveId: string;
  readonly number: number;
  readonly title: string;
  readonly deadline: Deadline;
  readonly unitIds: readonly string[];
}

export interface UnitAssignmentDoc {
  readonly itemId: string;
  readonly directiveId: string;
  readonly itemNumber: number;
  readonly itemTitle: string;
  readonly role: AssignmentRole;
  readonly assignedAt: string;
  readonly originalDeadline: Deadline;
  /** Current deadline, after approved extensions. */
  readonly deadline: Deadline;
  readonly completion: CompletionDoc;
  readonly itemDeadline: Deadline;
  /** `ItemCompleted`: a cooperating unit's assignment completes with the item. */
  readonly itemCompletion?: { readonly onTime: boolean; readonly completedAt: string };
  readonly itemClosure?: { readonly outcome: 'completed' | 'cancelled'; readonly closedAt: string };
}

export interface LastReport {
  readonly itemId: string;
  readonly reportId: string;
  /** The date in +07 the figures stand at. */
  readonly asOf: string;
  readonly reportedAt: string;
}

export interface UnitScoreDoc extends Seen {
  readonly unitId: string;
  /** From the catalogue's `UnitRegistered`; absent while only assignments are known. */
  readonly name?: string;
  readonly kind?: UnitKind;
  readonly tags?: readonly string[];
  readonly assignments: Readonly<Record<string, UnitAssignmentDoc>>;
}

export interface UnitLastReportDoc extends Seen {
  readonly unitId: string;
  /** The unit's latest progress report on any item (corrections do not count as reporting). */
  readonly lastReport: LastReport;
}

/** What the views read of a unit: its document and its last report's, when it reported. */
export interface UnitScoreDocs {
  readonly unit: UnitScoreDoc;
  readonly report?: UnitLastReportDoc;
}
