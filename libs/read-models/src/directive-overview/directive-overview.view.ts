import type { Deadline, DirectiveHeader, ItemStatus, ProgressStatus, TargetProgress } from '#directives';
import { assignmentCell, countCells, itemCell, type CellCounts, type CompletionDoc } from './status-cells.js';
import { compareText } from '../text-order.js';
import type { DirectiveOverviewDocs, OverviewAssignmentDoc, OverviewEscalationDoc, OverviewItemDoc, OverviewProgressDoc } from './directive-overview.document.js';

/** Forecast of the target-progress model, by item id (`atRiskByItem`): the API combines the two models. */
export type AtRiskByItem = Readonly<Record<string, boolean>>;

export interface UnitOverview {
  readonly unitId: string;
  readonly role: 'lead' | 'cooperating';
  readonly viaGroupId?: string;
  readonly status: ProgressStatus;
  /** Current deadline, after approved extensions. */
  readonly deadline: Deadline;
  readonly originalDeadline: Deadline;
  readonly extended: boolean;
  readonly completion: CompletionDoc;
  readonly deadlineMissedAt?: string;
}

export interface ItemOverview {
  readonly itemId: string;
  readonly number: number;
  readonly title: string;
  readonly issued: boolean;
  /** `null` while the item is registered but not issued. */
  readonly status: ItemStatus | null;
  readonly atRisk: boolean;
  /** The item's own deadline (each unit's current and original one are in `leadUnits`). */
  readonly deadline: Deadline;
  readonly leadUnits: UnitOverview[];
  readonly cooperatingUnits: UnitOverview[];
  readonly openEscalations: OverviewEscalationDoc[];
  readonly progress: TargetProgress[];
}

export interface DirectiveOverview {
  readonly directiveId: string;
  readonly header: DirectiveHeader | null;
  readonly asAt: string;
  /** Issued items per cell, `cancelled` apart; `atRisk` counts in-progress items forecast to miss. */
  readonly counts: CellCounts & { readonly cancelled: number; readonly atRisk: number };
  readonly items: ItemOverview[];
}

/**
 * The overview of a directive at `now` (UTC ISO): each item's cell computed exactly as
 * `itemStatus` of the domain does, per unit its cell, deadlines, and progress against targets.
 * `atRisk` comes from the target-progress model; it is shown only for items still in progress
 * (a completed or cancelled item is at no risk, whatever the forecast says). Takes the
 * directive's document and its items' progress documents (`progress:<itemId>`).
 */
export function directiveOverviewView({ directive: doc, progress }: DirectiveOverviewDocs, now: string, atRisk: AtRiskByItem = {}): DirectiveOverview {
  const figures = new Map(progress.map((p) => [p.itemId, p]));
  const items = Object.values(doc.items)
    .sort((a, b) => a.number - b.number)
    .map((item) => itemOverview(item, figures.get(item.itemId), now, atRisk[item.itemId] === true));
  const issued = items.filter((i) => i.status !== null);
  const counts = { ...countCells(issued.map((i) => i.status!)), atRisk: issued.filter((i) => i.atRisk).length };
  return { directiveId: doc.directiveId, header: doc.header ?? null, asAt: now, counts, items };
}

function itemOverview(item: OverviewItemDoc, figures: OverviewProgressDoc | undefined, now: string, forecastAtRisk: boolean): ItemOverview {
  const assignments = Object.values(item.assignments).sort((a, b) => compareText(a.unitId, b.unitId));
  const issued = item.lifecycle !== 'registered';
  const status = issued ? itemCell(item, assignments, now) : null;
  const units = assignments.map((a) => unitOverview(a, item, now));
  return {
    itemId: item.itemId,
    number: item.number,
    title: item.title,
    issued,
    status,
    atRisk: forecastAtRisk && (status === 'in_progress_on_time' || status === 'in_progress_overdue'),
    deadline: item.deadline,
    leadUnits: units.filter((u) => u.role === 'lead'),
    cooperatingUnits: units.filter((u) => u.role === 'cooperating'),
    openEscalations: Object.values(item.openEscalations).sort((a, b) => b.level - a.level || a.raisedAt.localeCompare(b.raisedAt)),
    progress: progressOf(item, figures),
  };
}

function unitOverview(a: OverviewAssignmentDoc, item: OverviewItemDoc, now: string): UnitOverview {
  return {
    unitId: a.unitId,
    role: a.role,
    ...(a.viaGroupId ? { viaGroupId: a.viaGroupId } : {}),
    status: assignmentCell(a, item, now),
    deadline: a.deadline,
    originalDeadline: a.originalDeadline,
    extended: a.deadline.date !== a.originalDeadline.date,
    completion: a.completion,
    ...(a.deadlineMissedAt ? { deadlineMissedAt: a.deadlineMissedAt } : {}),
  };
}

/** Mirrors `targetProgress`: the lead units' latest cumulative values summed (cooperating figures would double-count). */
function progressOf(item: OverviewItemDoc, figures: OverviewProgressDoc | undefined): TargetProgress[] {
  const leads = Object.values(item.assignments).filter((a) => a.role === 'lead');
  return item.targets.map(({ metric, label, value }) => {
    const reached = leads.reduce((sum, a) => sum + (figures?.units[a.unitId]?.[metric]?.value ?? 0), 0);
    const percent = value > 0 ? Math.round((reached / value) * 10_000) / 100 : 0;
    return label === undefined ? { metric, target: value, reached, percent } : { metric, label, target: value, reached, percent };
  });
}
