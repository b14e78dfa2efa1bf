/**
 * Series and forecast of a cumulative metric. Dates are calendar dates in +07 (`YYYY-MM-DD`).
 *
 * Rounding: the daily rates shown (`requiredDailyRate`, `runRate`) are rounded to 0.1 per day;
 * the projected completion is computed from the exact run-rate (increase over 7 days ÷ 7), in
 * whole days rounded up: `ceil(remaining × 7 ÷ increase)`, integer arithmetic, no float drift.
 */
import { daysBetween } from '#directives';
import type { TargetDay } from './target-progress.document.js';

export interface SeriesPoint {
  readonly date: string;
  readonly value: number;
}

/** The window of the run-rate, in days. */
export const RUN_RATE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A unit's cumulative value of `metric` by date, up to `until`, from its days of reports (any
 * order): of each date, the last report that gives the metric, in the order reported.
 */
export function unitSeries(days: readonly TargetDay[], metric: string, until: string): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (const day of days) {
    if (day.asOf > until) continue;
    let value: number | undefined;
    for (const r of day.reports) value = r.metrics[metric] ?? value;
    if (value !== undefined) points.push({ date: day.asOf, value });
  }
  return points.sort((a, b) => a.date.localeCompare(b.date));
}

/** The value on `date`, carried forward from the last point on or before it; 0 before the first (cumulative since the issue). */
export function valueAt(series: readonly SeriesPoint[], date: string): number {
  let value = 0;
  for (const point of series) {
    if (point.date > date) break;
    value = point.value;
  }
  return value;
}

/**
 * The sum of several series (each in date order) at every date any of them has, each carried
 * forward. One pass over each series along the dates: a directive of thousands of units and a
 * year of daily reports sums in linear time, not dates × units × points.
 */
export function sumSeries(series: readonly (readonly SeriesPoint[])[]): SeriesPoint[] {
  const dates = [...new Set(series.flatMap((s) => s.map((p) => p.date)))].sort();
  const totals = new Array<number>(dates.length).fill(0);
  for (const points of series) {
    let next = 0;
    let value = 0;
    dates.forEach((date, d) => {
      for (; next < points.length && points[next]!.date <= date; next += 1) value = points[next]!.value;
      totals[d] += value;
    });
  }
  return dates.map((date, d) => ({ date, value: totals[d]! }));
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Rounded to 0.1, as daily rates are shown. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;
/** Percent of `target`, 2 decimals, as the aggregate's `targetProgress` computes it. */
export const percentOf = (value: number, target: number): number => (target > 0 ? Math.round((value / target) * 10_000) / 100 : 0);

/**
 * The last day the run-rate window may end on: `today` once a figure is reported for it, else
 * yesterday. A day in progress whose reports have not come in yet is not a day without work:
 * counting it would make every morning's run-rate a seventh low (and an item on track at risk
 * until the day's reports arrive). Days of silence before it still count as no progress.
 */
function runRateEnd(series: readonly SeriesPoint[], today: string): string {
  return series.some((p) => p.date === today) ? today : addDays(today, -1);
}

/**
 * The run-rate window seen on `today`: its last day (`runRateEnd`) and the increase of the series
 * over the 7 days up to it (never negative: a correction downwards is no progress).
 */
export function recentIncrease(series: readonly SeriesPoint[], today: string): { readonly end: string; readonly increase: number } {
  const end = runRateEnd(series, today);
  return { end, increase: Math.max(0, valueAt(series, end) - valueAt(series, addDays(end, -RUN_RATE_DAYS))) };
}

export interface Forecast {
  readonly latest: number;
  readonly percent: number;
  readonly remaining: number;
  /** Whole days from today to the deadline date (the figures of today count as done); negative once passed. */
  readonly daysLeft: number;
  /** Remaining ÷ days left; 0 once reached; `null` when no day is left. */
  readonly requiredDailyRate: number | null;
  /** Increase of the total over the 7 days up to the last day whose figures are in (`runRateEnd`) ÷ 7. */
  readonly runRate: number;
  /** That last day + ceil(remaining ÷ run-rate); the date the target was reached once it is; `null` when the run-rate is 0. */
  readonly projectedCompletion: string | null;
  /** Work remains and the projection misses the deadline, or there is no run-rate to project from. */
  readonly atRisk: boolean;
}

/** The forecast of a cumulative total against `target`, due by the end of `deadlineDate`, seen on `today`. */
export function forecast(total: readonly SeriesPoint[], target: number, deadlineDate: string, today: string): Forecast {
  const latest = valueAt(total, today);
  const remaining = Math.max(0, target - latest);
  const daysLeft = daysBetween(today, deadlineDate);
  const { end, increase } = recentIncrease(total, today);
  const requiredDailyRate = remaining === 0 ? 0 : daysLeft > 0 ? round1(remaining / daysLeft) : null;
  const projectedCompletion =
    remaining === 0 ? (total.find((p) => p.value >= target)?.date ?? today)
    : increase > 0 ? addDays(end, Math.ceil((remaining * RUN_RATE_DAYS) / increase))
    : null;
  const atRisk = remaining > 0 && (projectedCompletion === null || projectedCompletion > deadlineDate);
  return { latest, percent: percentOf(latest, target), remaining, daysLeft, requiredDailyRate, runRate: round1(increase / RUN_RATE_DAYS), projectedCompletion, atRisk };
}
