/**
 * Stored documents of the `target-progress` read model: every progress report of every unit of
 * an item, corrections applied in place. The series, rates and forecast depend on the day asked:
 * the view computes them, so the documents never go stale.
 */
import type { AssignmentRole, Deadline, Target } from '#directives';
import type { Seen } from '../engine/index.js';

export const TARGETS_NAME = 'target-progress';

/** `item:<itemId>`: one document per item. */
export const targetItemKey = (itemId: string): string => `item:${itemId}`;

/** One report's cumulative figures as they stand after corrections. */
export interface TargetReportDoc {
  readonly reportId: string;
  /** The date in +07 the figures stand at. */
  readonly asOf: string;
  readonly reportedAt: string;
  readonly metrics: Readonly<Record<string, number>>;
  /** Ids of the corrections applied to this report, in order. */
  readonly correctedBy?: readonly string[];
}

export interface TargetUnitDoc {
  readonly unitId: string;
  readonly role: AssignmentRole;
  /** In the order reported (the decider refuses a report dated before the unit's previous one). */
  readonly reports: readonly TargetReportDoc[];
}

export interface TargetItemDoc extends Seen {
  readonly itemId: string;
  readonly directiveId: string;
  readonly number: number;
  readonly title: string;
  /**
   * The item's own deadline. Lead units' extensions are deliberately not used: the target is the
   * item's (1,171,200 cards by 2021-06-30), and one district's extension does not move it.
   */
  readonly deadline: Deadline;
  readonly targets: readonly Target[];
  readonly lifecycle: 'open' | 'completed' | 'closed';
  readonly outcome?: 'completed' | 'cancelled';
  readonly units: Readonly<Record<string, TargetUnitDoc>>;
  /** Correction report id → the report it corrects: where a chain of corrections started. */
  readonly corrections: Readonly<Record<string, string>>;
}
