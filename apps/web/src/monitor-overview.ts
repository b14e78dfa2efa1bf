import { h, replaceChildren } from './dom.js';
import { dateTime, day, pct } from './format.js';
import { t } from './i18n.js';
import { statusBadge } from './layout.js';
import type { DirectiveOverview, ItemOverview } from './monitor-types.js';

const CELLS = ['in_progress_on_time', 'in_progress_overdue', 'completed_on_time', 'completed_late', 'atRisk'] as const;

/** The five cells of government task tracking, each a count with its words (not colour alone). */
export function renderCells(list: HTMLElement, overview: DirectiveOverview): void {
  replaceChildren(
    list,
    ...CELLS.map((cell) =>
      h('li', { class: `status-${cell}`, 'data-cell': cell }, h('span', { class: 'count' }, overview.counts[cell] ?? 0), h('span', {}, t(`status.${cell}`))),
    ),
  );
}

/** Each item of the directive: status, deadlines, units, open escalations, progress. */
export function renderItems(table: HTMLTableElement, overview: DirectiveOverview, unitName: (id: string) => string): void {
  const head = h(
    'thead',
    {},
    h('tr', {}, ...['item', 'status', 'deadline', 'lead', 'escalations', 'progress'].map((c) => h('th', { scope: 'col', class: c === 'escalations' ? 'num' : undefined }, t(`monitor.col.${c}`)))),
  );
  const rows = overview.items.map((item) => itemRow(item, unitName));
  replaceChildren(table, h('caption', {}, t('monitor.asAt', { time: dateTime(overview.asAt) })), head, h('tbody', {}, ...rows));
}

function itemRow(item: ItemOverview, unitName: (id: string) => string): HTMLTableRowElement {
  const moved = item.originalDeadline && item.originalDeadline.date !== item.deadline.date;
  return h(
    'tr',
    { 'data-item': item.itemId },
    h('th', { scope: 'row' }, `${item.number}. ${item.title}`),
    h('td', {}, statusBadge(item.status), item.atRisk ? ' ' : null, item.atRisk ? statusBadge('atRisk') : null),
    h('td', {}, day(item.deadline.date), moved ? h('div', { class: 'muted' }, t('monitor.originalDeadline', { date: day(item.originalDeadline!.date) })) : null),
    h('td', {}, unitsText(item.leadUnits.map((u) => u.unitId), unitName)),
    h('td', { class: 'num' }, item.openEscalations.length),
    h('td', {}, ...item.progress.map((p) => h('div', {}, `${p.label ?? p.metric}: ${pct(p.percent)}`))),
  );
}

/** A few names, then a count, so a group of fifteen districts stays one line. */
function unitsText(ids: string[], unitName: (id: string) => string): string {
  if (ids.length === 0) return '—';
  if (ids.length <= 3) return ids.map(unitName).join(', ');
  return `${ids.slice(0, 2).map(unitName).join(', ')} … (${t('monitor.units', { count: ids.length })})`;
}
