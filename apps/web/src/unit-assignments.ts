import { h, type Child } from './dom.js';
import { dateTime, day, num } from './format.js';
import { t } from './i18n.js';
import { problemNotice } from './layout.js';
import { mine, type Completion, type ItemAssignment, type ItemDetail, type ScoreAssignment, type UnitData } from './unit-data.js';
import { actionsFor, domKey, type PageContext } from './unit-forms.js';

/**
 * "My assignments": one card per assignment of the unit, listed from its scoreboard line (the
 * only list of a unit's assignments the API has) and detailed from the item itself
 * (acknowledgement, figures, completion, pending extension), with the legal actions below.
 */
export function assignmentsView(data: UnitData, ctx: PageContext): Child[] {
  if (!data.score.ok) return [];
  const lines = data.score.value.assignments;
  if (lines.length === 0) return [h('p', { class: 'muted' }, t('unit.noAssignments'))];
  return [h('div', { class: 'assignments' }, ...lines.map((line) => assignmentCard(line, data, ctx)))];
}

function assignmentCard(line: ScoreAssignment, data: UnitData, ctx: PageContext): HTMLElement {
  const key = domKey(line.itemId);
  const detail = data.items.get(line.itemId);
  const item = detail?.ok ? detail.value : undefined;
  const own = item ? mine(item, ctx.unitId) : undefined;
  return h(
    'article',
    { class: 'assignment', 'data-item': line.itemId, 'aria-labelledby': `${key}-heading` },
    h('h3', { id: `${key}-heading` }, `${t('unit.item', { number: line.itemNumber })}: ${line.itemTitle}`),
    h('dl', { class: 'facts' }, ...facts(line, own, item)),
    detail && !detail.ok ? problemNotice(detail.error) : null,
    item && own && !ctx.readOnly ? actionsFor(item, own, ctx) : null,
  );
}

/** Role, status, deadlines and, when the viewer may see them, acknowledgement, figures and completion. */
function facts(line: ScoreAssignment, own: ItemAssignment | undefined, item: ItemDetail | undefined): Child[] {
  const deadline = own?.deadline ?? line.deadline;
  const original = own?.originalDeadline ?? line.originalDeadline;
  const status = own?.status ?? line.status;
  const rows: Child[] = [
    ...fact('role', t('unit.role'), t(`role.${line.role}`)),
    ...fact('status', t('unit.status'), h('span', { class: `badge status-${status}` }, t(`status.${status}`))),
    ...fact('deadline', t('unit.deadline'), day(deadline.date), original.date !== deadline.date ? h('span', { class: 'muted' }, ` ${t('unit.originalDeadline', { date: day(original.date) })}`) : null),
  ];
  if (!own || !item) return rows;
  return [
    ...rows,
    ...fact('acknowledged', t('unit.acknowledged'), own.acknowledgedAt ? t('unit.acknowledgedAt', { at: dateTime(own.acknowledgedAt) }) : h('strong', { class: 'not-acknowledged' }, t('unit.notAcknowledged'))),
    ...fact('figures', t('unit.figures'), figures(item, own)),
    ...(own.role === 'lead' && own.completion ? fact('completion', t('unit.completion'), completionText(own.completion)) : []),
  ];
}

function fact(name: string, label: string, ...value: Child[]): HTMLElement[] {
  return [h('dt', {}, label), h('dd', { 'data-fact': name }, ...value)];
}

/** The unit's latest cumulative figure per target of the item, with the date it stands at. */
function figures(item: ItemDetail, own: ItemAssignment): Child {
  const targets = item.targets ?? [];
  if (targets.length === 0) return t('unit.noTargets');
  return h(
    'ul',
    { class: 'figures' },
    ...targets.map((target) => {
      const label = target.label ?? target.metric;
      const reported = own.metrics?.[target.metric];
      const text = reported ? t('unit.figure', { label, value: num(reported.value), date: day(reported.asOf) }) : t('unit.noFigure', { label });
      return h('li', { 'data-metric': target.metric }, text, h('span', { class: 'muted' }, ` · ${t('unit.target', { value: num(target.value) })}`));
    }),
  );
}

function completionText(completion: Completion): string {
  const at = dateTime(completion.reviewedAt ?? completion.reportedAt);
  return t(`unit.completion.${completion.status}`, { at, reason: completion.reason ?? '' });
}
