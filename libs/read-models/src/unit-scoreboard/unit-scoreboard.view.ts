import { daysBetween, vnDate } from '#directives';
import type { AssignmentRole, Deadline, ProgressStatus, UnitKind } from '#directives';
import { assignmentCell, countCells, type CellCounts, type CompletionDoc } from '../directive-overview/status-cells.js';
import type { LastReport, UnitAssignmentDoc, UnitLastReportDoc, UnitScoreDoc, UnitScoreDocs } from './unit-scoreboard.document.js';

export interface AssignmentScore {
  readonly itemId: string;
  readonly directiveId: string;
  readonly itemNumber: number;
  readonly itemTitle: string;
  readonly role: AssignmentRole;
  readonly deadline: Deadline;
  readonly originalDeadline: Deadline;
  readonly completion: CompletionDoc;
  /** The cell at `now`; `cancelled` when the item was closed as cancelled (then out of the cells). */
  readonly status: ProgressStatus | 'cancelled';
}

export interface UnitScore {
  readonly unitId: string;
  readonly name: string | null;
  readonly kind: UnitKind | null;
  /** 1 = most overdue; `null` for a unit with no assignment in the cells (not ranked). */
  readonly rank: number | null;
  readonly cells: CellCounts;
  readonly cancelled: number;
  readonly overdueCount: number;
  readonly lastReport: LastReport | null;
  /** +07 calendar days from the last report's day to today's; `null` if the unit never reported. */
  readonly daysSinceLastReport: number | null;
  readonly assignments: AssignmentScore[];
}

export interface UnitScoreboard {
  readonly asAt: string;
  /** Ranked units first (rank 1, 2, …), then unranked ones by id. */
  readonly units: UnitScore[];
}

/**
 * One unit's score at `now` (UTC ISO), unranked: its assignments in the four cells (lead units by
 * their own completion, cooperating units with the item, see `assignmentCell`), overdue count
 * (both roles), last report and days since. Cancelled items drop out of the cells.
 */
export function unitScoreView({ unit: doc, report }: UnitScoreDocs, now: string): UnitScore {
  const lastReport = report?.lastReport;
  const assignments = Object.values(doc.assignments)
    .sort((a, b) => a.directiveId.localeCompare(b.directiveId) || a.itemNumber - b.itemNumber)
    .map((a) => assignmentScore(a, now));
  const counts = countCells(assignments.map((a) => a.status));
  const { cancelled, ...cells } = counts;
  return {
    unitId: doc.unitId,
    name: doc.name ?? null,
    kind: doc.kind ?? null,
    rank: null,
    cells,
    cancelled,
    overdueCount: cells.in_progress_overdue,
    lastReport: lastReport ?? null,
    daysSinceLastReport: lastReport ? daysBetween(vnDate(lastReport.reportedAt), vnDate(now)) : null,
    assignments,
  };
}

/**
 * Every unit at `now`, ranked as the monthly report names them: most overdue first; ties go to
 * the unit silent the longest (a unit that never reported counts as silent forever), then by
 * unit id. Units with no assignment in the cells are listed after, unranked.
 */
export function unitScoreboardView(docs: readonly UnitScoreDocs[], now: string): UnitScoreboard {
  const scores = docs.map((doc) => unitScoreView(doc, now));
  const inCells = (s: UnitScore) => s.assignments.some((a) => a.status !== 'cancelled');
  const ranked = scores.filter(inCells).sort(byRank).map((s, i) => ({ ...s, rank: i + 1 }));
  const unranked = scores.filter((s) => !inCells(s)).sort((a, b) => a.unitId.localeCompare(b.unitId));
  return { asAt: now, units: [...ranked, ...unranked] };
}

/**
 * Each unit's documents, from the lists by key prefix (`unit:` and `last-report:`, in any order).
 * A unit that reported but has no document of its own yet is listed with no assignment.
 */
export function unitScoreDocs(units: readonly UnitScoreDoc[], reports: readonly UnitLastReportDoc[]): UnitScoreDocs[] {
  const byUnit = new Map(reports.map((report) => [report.unitId, report]));
  const joined: UnitScoreDocs[] = units.map((unit) => ({ unit, report: byUnit.get(unit.unitId) }));
  const known = new Set(units.map((u) => u.unitId));
  for (const report of reports) if (!known.has(report.unitId)) joined.push({ unit: { unitId: report.unitId, assignments: {}, seen: {} }, report });
  return joined;
}

function byRank(a: UnitScore, b: UnitScore): number {
  const silence = (s: UnitScore) => s.daysSinceLastReport ?? Number.POSITIVE_INFINITY;
  return b.overdueCount - a.overdueCount || compareDesc(silence(a), silence(b)) || a.unitId.localeCompare(b.unitId);
}

function compareDesc(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

function assignmentScore(a: UnitAssignmentDoc, now: string): AssignmentScore {
  const item = { deadline: a.itemDeadline, completion: a.itemCompletion, closure: a.itemClosure };
  const status = a.itemClosure?.outcome === 'cancelled' ? 'cancelled' : assignmentCell(a, item, now);
  const { itemId, directiveId, itemNumber, itemTitle, role, deadline, originalDeadline, completion } = a;
  return { itemId, directiveId, itemNumber, itemTitle, role, deadline, originalDeadline, completion, status };
}
