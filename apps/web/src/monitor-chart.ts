import type { Chart as ChartJs, ChartDataset } from 'chart.js';
import { day, num, pct } from './format.js';
import { t } from './i18n.js';
import type { TargetMetric, TargetsView } from './monitor-types.js';

/** Chart.js, loaded by monitor.html as its UMD file (served from the npm package). */
declare const Chart: typeof ChartJs;

let chart: ChartJs<'line', (number | null)[], string> | undefined;

/** Every calendar date from `from` to `to` inclusive (YYYY-MM-DD, +07 dates). */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) dates.push(d.toISOString().slice(0, 10));
  return dates;
}

const daysFrom = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The cumulative figure by date against the target, with two lines drawn from today's figure to
 * the deadline: the rate still required to reach the target, and the forecast at the recent
 * run-rate. Updated in place when the data refreshes, so the chart does not flicker.
 */
export function renderChart(canvas: HTMLCanvasElement, summary: HTMLElement, view: TargetsView, start: string): void {
  const metric = view.metrics[0];
  if (!metric) {
    summary.textContent = t('monitor.noTarget');
    return;
  }
  summary.textContent = summaryText(metric);
  const labels = datesBetween(start, view.deadline.date > view.today ? view.deadline.date : view.today);
  const datasets = datasetsOf(metric, labels, view.today);
  if (chart) {
    chart.data.labels = labels.map(day);
    chart.data.datasets = datasets;
    chart.update('none');
    return;
  }
  chart = new Chart<'line', (number | null)[], string>(canvas, {
    type: 'line',
    data: { labels: labels.map(day), datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true, ticks: { callback: (value) => num(Number(value)) } } },
      plugins: { tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${num(ctx.parsed.y)}` } } },
    },
  });
}

function datasetsOf(metric: TargetMetric, labels: string[], today: string): ChartDataset<'line', (number | null)[]>[] {
  const byDate = new Map(metric.series.map((p) => [p.date, p.value]));
  let last: number | null = null;
  const reached = labels.map((d) => (d > today ? null : (last = byDate.get(d) ?? last)));
  const deadline = labels[labels.length - 1]!;
  const left = Math.max(1, daysFrom(today, deadline));
  const line = (perDay: number) => labels.map((d) => (d < today ? null : Math.round(metric.latest + perDay * daysFrom(today, d))));
  return [
    { label: t('monitor.series.reached'), data: reached, borderColor: '#0b57d0', backgroundColor: '#0b57d0', borderWidth: 3, pointRadius: 2, spanGaps: true },
    { label: t('monitor.series.target'), data: labels.map(() => metric.target), borderColor: '#a50e0e', borderDash: [2, 3], pointRadius: 0 },
    { label: t('monitor.series.required'), data: line((metric.target - metric.latest) / left), borderColor: '#146c2e', borderDash: [8, 4], pointRadius: 0 },
    { label: t('monitor.series.forecast'), data: line(metric.runRate), borderColor: '#8a4b00', borderDash: [3, 3], pointRadius: 0 },
  ];
}

/** The chart in words, for everyone and for screen readers. */
function summaryText(m: TargetMetric): string {
  return t('monitor.chartSummary', {
    label: m.label ?? m.metric,
    latest: num(m.latest),
    target: num(m.target),
    percent: pct(m.percent),
    required: num(m.requiredDailyRate),
    run: num(m.runRate),
    projected: m.projectedCompletion ? day(m.projectedCompletion) : t('monitor.never'),
  });
}
