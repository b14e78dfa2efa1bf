import type { Assignment, IssuedItemState } from './item.state.js';

/**
 * The four cells of government task tracking. "At risk" is not among them: it is a forecast
 * made from reported figures by the target read model, on top of these.
 */
export type ProgressStatus = 'in_progress_on_time' | 'in_progress_overdue' | 'completed_on_time' | 'completed_late';

export type ItemStatus = ProgressStatus | 'cancelled';

/**
 * Status of one assignment at `now`. A completion reported before the deadline counts as on time
 * while it waits for review; its acceptance makes it completed.
 */
export function assignmentStatus(assignment: Assignment, now: string): ProgressStatus {
  const c = assignment.completion;
  if (c.status === 'accepted') return c.onTime ? 'completed_on_time' : 'completed_late';
  if (c.status === 'reported' && c.onTime) return 'in_progress_on_time';
  return now >= assignment.deadline.dueAt ? 'in_progress_overdue' : 'in_progress_on_time';
}

/** Status of an item at `now`: overdue as soon as one lead unit is past its current deadline. */
export function itemStatus(state: IssuedItemState, now: string): ItemStatus {
  if (state.status === 'closed' && state.closure.outcome === 'cancelled') return 'cancelled';
  if (state.status !== 'open' && state.completion) return state.completion.onTime ? 'completed_on_time' : 'completed_late';
  const leads = [...state.assignments.values()].filter((a) => a.role === 'lead');
  if (leads.length === 0) return now >= state.deadline.dueAt ? 'in_progress_overdue' : 'in_progress_on_time';
  return leads.some((a) => assignmentStatus(a, now) === 'in_progress_overdue') ? 'in_progress_overdue' : 'in_progress_on_time';
}

export interface TargetProgress {
  readonly metric: string;
  readonly label?: string;
  readonly target: number;
  /** Sum of the latest cumulative values of the lead units (cooperating units' figures would double-count). */
  readonly reached: number;
  readonly percent: number;
}

export function targetProgress(state: IssuedItemState): TargetProgress[] {
  const leads = [...state.assignments.values()].filter((a) => a.role === 'lead');
  return state.targets.map(({ metric, label, value }) => {
    const reached = leads.reduce((sum, a) => sum + (a.metrics[metric]?.value ?? 0), 0);
    const percent = value > 0 ? Math.round((reached / value) * 10_000) / 100 : 0;
    return label === undefined ? { metric, target: value, reached, percent } : { metric, label, target: value, reached, percent };
  });
}
