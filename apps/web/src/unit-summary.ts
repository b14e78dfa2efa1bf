import { ApiError } from './api.js';
import { h, type Child } from './dom.js';
import { dateTime, day, num, vnDate } from './format.js';
import { lang, t } from './i18n.js';
import { problemNotice } from './layout.js';
import type { InboxEntry, UnitData, UnitRef } from './unit-data.js';

/** The four status cells, in the order the monthly report lists them. */
const CELLS = ['in_progress_on_time', 'in_progress_overdue', 'completed_on_time', 'completed_late'] as const;

/** The unit's name in the page's language: the catalogue's, else the scoreboard's, else its id. */
export function unitName(data: UnitData): string {
  const ref = data.units.ok ? data.units.value.units.find((u) => u.unitId === data.unitId) : undefined;
  if (ref) return lang() === 'en' && ref.nameEn ? ref.nameEn : ref.name;
  return (data.score.ok && data.score.value.name) || data.unitId;
}

/**
 * The scoreboard line: the four cells (count and words, so colour is never the only signal),
 * the overdue count and the last progress report with the days since.
 */
export function summaryView(data: UnitData): Child[] {
  if (!data.score.ok) return [scoreProblem(data.score.error)];
  const score = data.score.value;
  const cells = h(
    'ul',
    { class: 'cells', 'aria-label': t('unit.summary') },
    ...CELLS.map((cell) => h('li', { class: `status-${cell}`, 'data-cell': cell }, h('span', { class: 'count' }, num(score.cells[cell] ?? 0)), t(`status.${cell}`))),
  );
  const days = score.daysSinceLastReport ?? 0;
  const report = score.lastReport ? t(days === 0 ? 'unit.lastReportToday' : 'unit.lastReport', { date: day(vnDate(score.lastReport.reportedAt)), days }) : t('unit.neverReported');
  return [cells, h('p', { class: 'unit-facts' }, h('strong', { 'data-overdue': score.overdueCount }, t('unit.overdue', { count: num(score.overdueCount) })), ' · ', report)];
}

/** A unit the scoreboard does not know yet simply has nothing assigned; other refusals are shown as they are. */
function scoreProblem(error: unknown): HTMLElement {
  if (error instanceof ApiError && error.status === 404) return h('p', { class: 'muted' }, t('unit.noAssignments'));
  return problemNotice(error);
}

/**
 * The inbox, newest first. Another unit's inbox is refused by the API (403): the refusal is
 * shown as a notice and nothing of that inbox is drawn.
 */
export function inboxView(data: UnitData): Child[] {
  if (!data.inbox.ok) {
    const error = data.inbox.error;
    if (error instanceof ApiError && error.status === 403) {
      return [h('p', { class: 'notice error', role: 'alert', id: 'inbox-refused' }, t('unit.inboxRefused', { code: error.code }))];
    }
    return [problemNotice(error)];
  }
  const entries = [...data.inbox.value.entries].sort((a, b) => b.at.localeCompare(a.at));
  if (entries.length === 0) return [h('p', { class: 'muted' }, t('unit.inboxEmpty'))];
  return [h('ol', { class: 'inbox', id: 'inbox-list' }, ...entries.map(inboxEntry))];
}

function inboxEntry(entry: InboxEntry): HTMLElement {
  return h(
    'li',
    { 'data-entry': entry.id, 'data-kind': entry.kind },
    h('span', { class: `badge kind-${entry.kind}` }, t(`kind.${entry.kind}`)),
    ' ',
    h('time', { datetime: entry.at }, dateTime(entry.at)),
    entry.itemNumber !== undefined ? h('span', { class: 'muted' }, ` · ${t('unit.item', { number: entry.itemNumber })}`) : null,
    // The engine writes summaries in Vietnamese only.
    h('p', { lang: 'vi' }, entry.summary),
  );
}

/**
 * For monitors, the secretariat and admins: a plain GET form that opens `unit.html?unit=<id>`,
 * so choosing a unit works with the keyboard and without script.
 */
export function unitPicker(units: readonly UnitRef[], current: string | undefined): HTMLFormElement {
  const sorted = [...units].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const select = h(
    'select',
    { id: 'unit-pick', name: 'unit' },
    ...sorted.map((u) => h('option', { value: u.unitId, selected: u.unitId === current }, lang() === 'en' && u.nameEn ? u.nameEn : u.name)),
  );
  return h(
    'form',
    { id: 'unit-picker', class: 'unit-picker', method: 'get', action: 'unit.html' },
    h('label', { for: 'unit-pick' }, t('unit.pick')),
    h('div', { class: 'picker-row' }, select, h('button', { type: 'submit', class: 'secondary' }, t('unit.pickSubmit'))),
  );
}

/** The banner saying whose page this is when it is not the signed-in unit's own. */
export function bannerView(readOnly: boolean, publicOnly: boolean): Child[] {
  if (publicOnly) return [h('p', { class: 'notice', role: 'note' }, t('unit.foreign'))];
  if (readOnly) return [h('p', { class: 'notice', role: 'note' }, t('unit.readOnly'))];
  return [];
}
