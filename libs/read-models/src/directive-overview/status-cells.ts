/**
 * The four cells of government task tracking, computed from read-model documents at `now`.
 * These functions mirror `assignmentStatus` and `itemStatus` of `#directives` (item.status.ts)
 * rule for rule; `status-cells.spec.ts` checks them against the domain on the same events. They
 * live here, beside the directive overview, because the unit scoreboard uses them too.
 */
import type { Deadline, ItemStatus, ProgressStatus } from '#directives';

/** A unit's completion as the read models keep it: the aggregate's `AssignmentCompletion` without its texts. */
export type CompletionDoc =
  | { readonly status: 'none' }
  | { readonly status: 'reported'; readonly onTime: boolean; readonly reportedAt: string }
  | { readonly status: 'accepted'; readonly onTime: boolean; readonly reportedAt: string; readonly reviewedAt: string }
  | { readonly status: 'rejected'; readonly reviewedAt: string };

/** What a cell needs of an assignment: its current deadline and its completion. */
export interface CellAssignment {
  readonly role: 'lead' | 'cooperating';
  readonly deadline: Deadline;
  readonly completion: CompletionDoc;
}

/** The item-level facts a cell needs: `ItemCompleted` and `ItemClosed`. */
export interface CellItem {
  readonly deadline: Deadline;
  readonly completion?: { readonly onTime: boolean; readonly completedAt: string };
  readonly closure?: { readonly outcome: 'completed' | 'cancelled'; readonly closedAt: string };
}

export const PROGRESS_CELLS: readonly ProgressStatus[] = [
  'in_progress_on_time',
  'in_progress_overdue',
  'completed_on_time',
  'completed_late',
];

export type CellCounts = Record<ProgressStatus, number>;

/** Mirrors `assignmentStatus`: a completion reported on time counts as on time while it awaits review. */
export function leadCell(a: Pick<CellAssignment, 'deadline' | 'completion'>, now: string): ProgressStatus {
  const c = a.completion;
  if (c.status === 'accepted') return c.onTime ? 'completed_on_time' : 'completed_late';
  if (c.status === 'reported' && c.onTime) return 'in_progress_on_time';
  return now >= a.deadline.dueAt ? 'in_progress_overdue' : 'in_progress_on_time';
}

/**
 * The cell of one assignment. A lead unit is judged on its own completion (`leadCell`). A
 * cooperating unit cannot report completion (the decider refuses it), so its assignment is
 * completed with the item, and before that is overdue once its own current deadline passed.
 * The aggregate has no rule for cooperating units: this one is the read models' own.
 */
export function assignmentCell(a: CellAssignment, item: CellItem, now: string): ProgressStatus {
  if (a.role === 'lead') return leadCell(a, now);
  if (item.completion) return item.completion.onTime ? 'completed_on_time' : 'completed_late';
  return now >= a.deadline.dueAt ? 'in_progress_overdue' : 'in_progress_on_time';
}

/** Mirrors `itemStatus`: overdue as soon as one lead unit is past its current deadline. */
export function itemCell(item: CellItem, assignments: readonly CellAssignment[], now: string): ItemStatus {
  if (item.closure?.outcome === 'cancelled') return 'cancelled';
  if (item.completion) return item.completion.onTime ? 'completed_on_time' : 'completed_late';
  const leads = assignments.filter((a) => a.role === 'lead');
  if (leads.length === 0) return now >= item.deadline.dueAt ? 'in_progress_overdue' : 'in_progress_on_time';
  return leads.some((a) => leadCell(a, now) === 'in_progress_overdue') ? 'in_progress_overdue' : 'in_progress_on_time';
}

/** Zero in every cell. */
export function emptyCells(): CellCounts {
  return { in_progress_on_time: 0, in_progress_overdue: 0, completed_on_time: 0, completed_late: 0 };
}

/** How many statuses fall in each cell; `cancelled` is counted apart. */
export function countCells(statuses: Iterable<ItemStatus>): CellCounts & { cancelled: number } {
  const counts = { ...emptyCells(), cancelled: 0 };
  for (const status of statuses) counts[status] += 1;
  return counts;
}

/** Completion of an assignment after an item event, mirroring the aggregate's `evolve`. */
export function nextCompletion(current: CompletionDoc, type: string, at: string, onTime?: boolean): CompletionDoc {
  if (type === 'CompletionReported') return { status: 'reported', onTime: onTime ?? false, reportedAt: at };
  if (type === 'CompletionRejected') return { status: 'rejected', reviewedAt: at };
  if (type === 'CompletionAccepted' && current.status === 'reported') {
    return { status: 'accepted', onTime: current.onTime, reportedAt: current.reportedAt, reviewedAt: at };
  }
  return current;
}
