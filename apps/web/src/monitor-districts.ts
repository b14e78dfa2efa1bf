import { h, replaceChildren } from './dom.js';
import { day, num, pct } from './format.js';
import { t } from './i18n.js';
import type { TargetMetric, UnitScore } from './monitor-types.js';

interface DistrictRow {
  readonly unitId: string;
  readonly name: string;
  readonly role: string;
  readonly latest: number;
  readonly percent: number;
  readonly runRate: number;
  readonly overdue: number;
  readonly lastReport: string | null;
  readonly daysSince: number | null;
}

type SortKey = 'name' | 'percent' | 'overdue' | 'latest';
let sort: { key: SortKey; descending: boolean } = { key: 'percent', descending: false };

/**
 * The units working on the target item, one row each: cumulative figure, share of the target,
 * run-rate, overdue items and last report. Sortable by name, figure, percent of target and overdue
 * count with real buttons in the headers (`aria-sort` says which).
 */
export function renderDistricts(table: HTMLTableElement, metric: TargetMetric | undefined, scores: Map<string, UnitScore>, unitName: (id: string) => string): void {
  const units = metric ? [...metric.leadUnits, ...metric.cooperatingUnits] : [];
  const rows: DistrictRow[] = units.map((u) => {
    const score = scores.get(u.unitId);
    return {
      unitId: u.unitId,
      name: unitName(u.unitId),
      role: u.role,
      latest: u.latest,
      percent: u.percentOfTarget,
      runRate: u.runRate,
      overdue: score?.overdueCount ?? 0,
      lastReport: score?.lastReport?.asOf ?? null,
      daysSince: score?.daysSinceLastReport ?? null,
    };
  });
  const redraw = () => renderDistricts(table, metric, scores, unitName);
  replaceChildren(table, header(redraw), h('tbody', {}, ...sorted(rows).map(row)));
}

function sorted(rows: DistrictRow[]): DistrictRow[] {
  const { key, descending } = sort;
  const compare = (a: DistrictRow, b: DistrictRow) => (key === 'name' ? a.name.localeCompare(b.name, 'vi') : a[key] - b[key]) || a.name.localeCompare(b.name, 'vi');
  return [...rows].sort((a, b) => (descending ? -compare(a, b) : compare(a, b)));
}

function header(redraw: () => void): HTMLTableSectionElement {
  const sortable = (key: SortKey, column: string, numeric: boolean) => {
    const active = sort.key === key;
    const button = h('button', { type: 'button', class: 'sort', 'aria-label': t('monitor.sortBy', { column: t(`monitor.col.${column}`) }) }, t(`monitor.col.${column}`), active ? (sort.descending ? ' ▼' : ' ▲') : '');
    button.addEventListener('click', () => {
      sort = { key, descending: active ? !sort.descending : key === 'overdue' };
      redraw();
      (document.querySelector(`th[data-sort="${key}"] button`) as HTMLButtonElement | null)?.focus();
    });
    return h('th', { scope: 'col', class: numeric ? 'num' : undefined, 'data-sort': key, 'aria-sort': active ? (sort.descending ? 'descending' : 'ascending') : 'none' }, button);
  };
  return h(
    'thead',
    {},
    h(
      'tr',
      {},
      sortable('name', 'unit', false),
      h('th', { scope: 'col' }, t('monitor.col.role')),
      sortable('latest', 'latest', true),
      sortable('percent', 'percent', true),
      h('th', { scope: 'col', class: 'num' }, t('monitor.col.runRate')),
      sortable('overdue', 'overdue', true),
      h('th', { scope: 'col' }, t('monitor.col.lastReport')),
    ),
  );
}

function row(r: DistrictRow): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-unit': r.unitId },
    h('th', { scope: 'row' }, h('a', { href: `unit.html?unit=${encodeURIComponent(r.unitId)}` }, r.name)),
    h('td', {}, t(`role.${r.role}`)),
    h('td', { class: 'num', 'data-col': 'latest' }, num(r.latest)),
    h('td', { class: 'num', 'data-col': 'percent' }, pct(r.percent)),
    h('td', { class: 'num' }, num(r.runRate)),
    h('td', { class: 'num', 'data-col': 'overdue' }, r.overdue),
    h('td', {}, r.lastReport ? `${day(r.lastReport)}${r.daysSince !== null ? ` (${t('monitor.daysAgo', { days: r.daysSince })})` : ''}` : '—'),
  );
}
