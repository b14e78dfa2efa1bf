/**
 * Stored documents of the `target-progress` read model: per item its definition and assigned
 * units, and per unit and ten days of report dates the reports of each day, corrections applied
 * in place. Each event changes two small documents, however many units and days the item has.
 * The series, rates and forecast depend on the day asked: the view computes them, so the
 * documents never go stale.
 */
import type { AssignmentRole, Deadline, Target } from '#directives';
import type { Seen } from '../engine/index.js';

export const TARGETS_NAME = 'target-progress';

/** `item:<itemId>`: one document per item. */
export const targetItemKey = (itemId: string): string => `item:${itemId}`;
/**
 * `series:<itemId>|<unitId>:<period>`: the document of a unit's reports dated in the period of
 * `asOf` (a date `yyyy-mm-dd`), in the item's bucket (`series:<itemId>`), so that the item's
 * figures are read without going through every other item's. A period is a third of a month
 * (days 1–10, 11–20, 21 to the end), named by its first day: a unit reporting daily makes three
 * documents a month, not thirty (a nation-wide campaign of 10,000 units over 100 days is about
 * 100,000 documents, not a million, to build, keep and write), while a document stays small
 * enough to be written again whole at every change (the audit's directive checkpoints carry
 * each changed document whole: a month's would make them five times larger).
 */
export const targetSeriesKey = (itemId: string, unitId: string, asOf: string): string => `series:${itemId}|${unitId}:${seriesPeriod(asOf)}`;
/** The first day (`yyyy-mm-01`, `-11` or `-21`) of the period of a report date: the series document it goes in. */
export function seriesPeriod(asOf: string): string {
  const day = asOf.slice(8, 10);
  return `${asOf.slice(0, 8)}${day <= '10' ? '01' : day <= '20' ? '11' : '21'}`;
}
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

/**
 * The reports one unit made for the dates of one period (a correction keeps its report's date).
 * The item is in the key.
 */
export interface TargetSeriesDoc {
  readonly unitId: string;
  /** The period's first day (`seriesPeriod`) of every date in `days`. */
  readonly period: string;
  /** Report date (in +07, the date the figures stand at) → that day's reports, in the order reported. Dates in the order first reported. */
  readonly days: Readonly<Record<string, readonly TargetReportDoc[]>>;
}

/** One unit's reports for one date, as the view reads them out of the period's document. */
export interface TargetDay {
  readonly unitId: string;
  readonly asOf: string;
  /** In the order reported. */
  readonly reports: readonly TargetReportDoc[];
}

/** What the view reads of an item: its document and its series documents (`series:<itemId>|…`), in any order. */
export interface TargetItemDocs {
  readonly item: TargetItemDoc;
  readonly series: readonly TargetSeriesDoc[];
}
