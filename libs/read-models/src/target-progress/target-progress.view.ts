import { vnDate } from '#directives';
import type { AssignmentRole, Deadline } from '#directives';
import type { TargetItemDoc, TargetItemDocs, TargetSeriesDoc } from './target-progress.document.js';
import { forecast, percentOf, recentIncrease, round1, RUN_RATE_DAYS, sumSeries, unitSeries, valueAt, type Forecast, type SeriesPoint } from './target-progress.forecast.js';

export interface UnitMetricProgress {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly series: SeriesPoint[];
  readonly latest: number;
  /** The unit's share of the item's target (the directive does not split the target per unit). */
  readonly percentOfTarget: number;
  readonly runRate: number;
}

export interface MetricProgress extends Forecast {
  readonly metric: string;
  readonly label?: string;
  readonly target: number;
  /** Sum over the lead units, each carried forward, at every date one of them reported. */
  readonly series: SeriesPoint[];
  readonly leadUnits: UnitMetricProgress[];
  /** Kept and shown, never summed: they would double-count the lead units' figures (as in the aggregate's `targetProgress`). */
  readonly cooperatingUnits: UnitMetricProgress[];
}

export interface TargetProgressView {
  readonly itemId: string;
  readonly directiveId: string;
  readonly number: number;
  readonly title: string;
  readonly asAt: string;
  /** The date in +07 of `asAt`: figures are taken as of this day; reports dated later are left out. */
  readonly today: string;
  /** The item's own deadline, not a lead unit's extended one. */
  readonly deadline: Deadline;
  readonly lifecycle: TargetItemDoc['lifecycle'];
  /** Some target is at risk while the item is open. */
  readonly atRisk: boolean;
  readonly metrics: MetricProgress[];
}

/**
 * Progress of an item's targets at `now` (UTC ISO): per metric the lead units' total by date,
 * percent, rate still required, recent run-rate (last 7 days), projected completion and at-risk.
 * Required rate, projection and at-risk are for the total only: the item has one target and
 * the directive names no per-unit share. A completed or closed item is never at risk. Takes the
 * item's document and its series documents (`series:<itemId>:…`, in any order).
 */
export function targetProgressView({ item: doc, series }: TargetItemDocs, now: string): TargetProgressView {
  const today = vnDate(now);
  const days = daysByUnit(series);
  const units = Object.entries(doc.units)
    .map(([unitId, role]) => ({ unitId, role, days: days.get(unitId) ?? [] }))
    .sort((a, b) => a.unitId.localeCompare(b.unitId));
  const open = doc.lifecycle === 'open';
  const metrics = doc.targets.map(({ metric, label, value }) => {
    const leads = units.filter((u) => u.role === 'lead').map((u) => unitProgress(u, metric, value, today));
    const cooperating = units.filter((u) => u.role === 'cooperating').map((u) => unitProgress(u, metric, value, today));
    const series = sumSeries(leads.map((u) => u.series));
    const f = forecast(series, value, doc.deadline.date, today);
    return { metric, ...(label ? { label } : {}), target: value, series, ...f, atRisk: open && f.atRisk, leadUnits: leads, cooperatingUnits: cooperating };
  });
  const { itemId, directiveId, number, title, deadline, lifecycle } = doc;
  return { itemId, directiveId, number, title, asAt: now, today, deadline, lifecycle, atRisk: metrics.some((m) => m.atRisk), metrics };
}

function daysByUnit(series: readonly TargetSeriesDoc[]): Map<string, TargetSeriesDoc[]> {
  const byUnit = new Map<string, TargetSeriesDoc[]>();
  for (const day of series) {
    const days = byUnit.get(day.unitId);
    if (days) days.push(day);
    else byUnit.set(day.unitId, [day]);
  }
  return byUnit;
}

interface UnitDays {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly days: readonly TargetSeriesDoc[];
}

function unitProgress(unit: UnitDays, metric: string, target: number, today: string): UnitMetricProgress {
  const series = unitSeries(unit.days, metric, today);
  const latest = valueAt(series, today);
  const runRate = round1(recentIncrease(series, today).increase / RUN_RATE_DAYS);
  return { unitId: unit.unitId, role: unit.role, series, latest, percentOfTarget: percentOf(latest, target), runRate };
}

/**
 * Whether the forecast of the item needs its series: an item that is no longer open, or has no
 * target, is at no risk whatever was reported (the API then does not list its series).
 */
export const riskNeedsSeries = (doc: TargetItemDoc): boolean => doc.lifecycle === 'open' && doc.targets.length > 0;

/** The forecast the directive overview takes as input: item id → at risk at `now`. */
export function atRiskByItem(items: readonly TargetItemDocs[], now: string): Record<string, boolean> {
  return Object.fromEntries(items.map((docs) => [docs.item.itemId, riskNeedsSeries(docs.item) && targetProgressView(docs, now).atRisk]));
}
