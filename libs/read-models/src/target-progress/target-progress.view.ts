import { vnDate } from '#directives';
import type { AssignmentRole, Deadline } from '#directives';
import { compareText } from '../text-order.js';
import type { TargetDay, TargetItemDoc, TargetItemDocs, TargetSeriesDoc } from './target-progress.document.js';
import { addDays, forecast, percentOf, recentIncrease, round1, RUN_RATE_DAYS, sumSeries, unitSeries, valueAt, type Forecast, type SeriesPoint } from './target-progress.forecast.js';

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
 * item's document and its series documents (`series:<itemId>|…`, in any order).
 */
export function targetProgressView({ item: doc, series }: TargetItemDocs, now: string): TargetProgressView {
  const today = vnDate(now);
  const days = daysByUnit(series);
  const units = Object.entries(doc.units)
    .map(([unitId, role]) => ({ unitId, role, days: days.get(unitId) ?? [] }))
    .sort((a, b) => compareText(a.unitId, b.unitId));
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

/** Each unit's days of reports, out of its period documents. */
function daysByUnit(series: readonly TargetSeriesDoc[]): Map<string, TargetDay[]> {
  const byUnit = new Map<string, TargetDay[]>();
  for (const { unitId, days: period } of series) {
    let days = byUnit.get(unitId);
    if (!days) byUnit.set(unitId, (days = []));
    for (const asOf in period) days.push({ unitId, asOf, reports: period[asOf]! });
  }
  return byUnit;
}

interface UnitDays {
  readonly unitId: string;
  readonly role: AssignmentRole;
  readonly days: readonly TargetDay[];
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

/** The forecast the directive overview takes as input: item id → at risk at `now` (`itemAtRisk`). */
export function atRiskByItem(items: readonly TargetItemDocs[], now: string): Record<string, boolean> {
  return Object.fromEntries(items.map((docs) => [docs.item.itemId, itemAtRisk(docs, now)]));
}

/**
 * `targetProgressView(docs, now).atRisk`, from the only values the forecast of the total needs:
 * each lead unit's value on today, yesterday and seven days before each (one pass over the series
 * documents, nothing sorted or materialised). The overview asks it of every item on every call,
 * and an item of 10,000 units reporting daily for months has a million days of reports: the
 * whole view of such an item takes seconds, this a fraction of one. Fractional figures are summed
 * in the view's order (by unit id), so that the total is the very same; whole ones in any order.
 */
export function itemAtRisk({ item: doc, series }: TargetItemDocs, now: string): boolean {
  if (!riskNeedsSeries(doc)) return false;
  const today = vnDate(now);
  const yesterday = addDays(today, -1);
  const todayStart = addDays(today, -RUN_RATE_DAYS);
  const yesterdayStart = addDays(yesterday, -RUN_RATE_DAYS);
  const { units } = doc;
  return doc.targets.some(({ metric, value: target }) => {
    const points = new Map<string, UnitProbes>();
    let reportedToday = false;
    let whole = true;
    for (const { unitId, days } of series) {
      if (units[unitId] !== 'lead') continue;
      for (const asOf in days) {
        if (asOf > today) continue;
        let value: number | undefined;
        for (const r of days[asOf]!) value = r.metrics[metric] ?? value;
        if (value === undefined) continue;
        if (!Number.isSafeInteger(value)) whole = false;
        let unit = points.get(unitId);
        if (!unit) points.set(unitId, (unit = new UnitProbes()));
        if (asOf === today) reportedToday = true;
        if (asOf > unit.todayDate) [unit.todayDate, unit.today] = [asOf, value];
        if (asOf <= yesterday && asOf > unit.yesterdayDate) [unit.yesterdayDate, unit.yesterday] = [asOf, value];
        if (asOf <= todayStart && asOf > unit.todayStartDate) [unit.todayStartDate, unit.todayStart] = [asOf, value];
        if (asOf <= yesterdayStart && asOf > unit.yesterdayStartDate) [unit.yesterdayStartDate, unit.yesterdayStart] = [asOf, value];
      }
    }
    const ordered = whole ? [...points.values()] : [...points.keys()].sort(compareText).map((unitId) => points.get(unitId)!);
    let [latest, endTotal, startTotal] = [0, 0, 0];
    for (const unit of ordered) {
      latest += unit.today;
      endTotal += reportedToday ? unit.today : unit.yesterday;
      startTotal += reportedToday ? unit.todayStart : unit.yesterdayStart;
    }
    const remaining = Math.max(0, target - latest);
    const increase = Math.max(0, endTotal - startTotal);
    if (remaining === 0) return false;
    const end = reportedToday ? today : yesterday;
    return increase === 0 || addDays(end, Math.ceil((remaining * RUN_RATE_DAYS) / increase)) > doc.deadline.date;
  });
}

/** A lead unit's value on each day the run-rate window may start or end on (date `''`: nothing by then, value 0). */
class UnitProbes {
  todayDate = '';
  today = 0;
  yesterdayDate = '';
  yesterday = 0;
  todayStartDate = '';
  todayStart = 0;
  yesterdayStartDate = '';
  yesterdayStart = 0;
}
