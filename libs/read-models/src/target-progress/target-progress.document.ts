/**
 * Stored documents of the `target-progress` read model: per item its definition and assigned
 * units, and per unit and report date the reports of that day, corrections applied in place.
 * Each event changes small documents only, however many units and days the item has. The
 * series, rates and forecast depend on the day asked: the view computes them, so the documents
 * never go stale.
 */
import type { AssignmentRole, Deadline, Target } from '#directives';
import type { Seen } from '../engine/index.js';

export const TARGETS_NAME = 'target-progress';

/** `item:<itemId>`: one document per item. */
export const targetItemKey = (itemId: string): string => `item:${itemId}`;
/**
 * `series:<itemId>|<unitId>:<asOf>`: one document per unit of the item and report date, in the
 * item's bucket (`series:<itemId>`), so that the item's figures are read without going through
 * every other item's.
 */
export const targetSeriesKey = (itemId: string, unitId: string, asOf: string): string => `series:${itemId}|${unitId}:${asOf}`;
/** Lists every series document of an item: its bucket (item and unit ids never contain `:` or `|`). */
export const targetSeriesPrefix = (itemId: string): string => `series:${itemId}|`;

/**
 * The item. Its `seen` guards every document of the item: all its events come from the item's
 * stream and each of them goes through this document first.
 */
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
  /** Assigned units (lead and cooperating) → their role. Reports of other units are ignored. */
  readonly units: Readonly<Record<string, AssignmentRole>>;
}

/**
 * One report's cumulative figures as they stand after corrections (when it was made is in the
 * item's history: the series need only the figures and the id corrections point at).
 */
export interface TargetReportDoc {
  readonly reportId: string;
  readonly metrics: Readonly<Record<string, number>>;
  /** Ids of the corrections applied to this report, in order (a correction of a correction included). */
  readonly correctedBy?: readonly string[];
}

/** The reports one unit made for one date (a correction keeps its report's date). The item is in the key. */
export interface TargetSeriesDoc {
  readonly unitId: string;
  /** The date in +07 the figures stand at. */
  readonly asOf: string;
  /** In the order reported. */
  readonly reports: readonly TargetReportDoc[];
}

/** What the view reads of an item: its document and its series documents (`series:<itemId>:…`), in any order. */
export interface TargetItemDocs {
  readonly item: TargetItemDoc;
  readonly series: readonly TargetSeriesDoc[];
}
