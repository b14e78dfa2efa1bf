import { h, replaceChildren } from './dom.js';
import { dateTime, day } from './format.js';
import { t } from './i18n.js';
import { plural, text, unitLabel, type Board, type Directive, type Item } from './secretariat-data.js';

/**
 * The registered directives, each with its items: number, title, status, deadline and the units
 * assigned (with their own deadlines, which differ from the item's once an extension is granted).
 * Redrawn from scratch on every change (it holds no inputs); open unit lists stay open.
 */
export function renderDirectives(container: HTMLElement, board: Board): void {
  const open = new Set([...container.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.dataset.item));
  if (board.directives.length === 0) return replaceChildren(container, h('p', { class: 'muted' }, t('sec.noDirectives')));
  replaceChildren(
    container,
    board.asAt ? h('p', { class: 'hint' }, t('sec.asAt', { time: dateTime(board.asAt) })) : null,
    ...board.directives.map((d) => directiveBlock(d, open)),
  );
}

function directiveBlock(directive: Directive, open: Set<string | undefined>): HTMLElement {
  const headingId = `directive-${directive.directiveId}`;
  return h(
    'article',
    { class: 'directive', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `${directive.number} — ${directive.subject}`),
    h('p', { class: 'muted' }, plural('sec.directiveMeta', directive.items.length, { issuer: directive.issuer, date: day(directive.issuedOn), id: directive.directiveId })),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, t('sec.itemsOf', { number: directive.number })),
        h('thead', {}, h('tr', {}, ...['sec.col.number', 'sec.col.title', 'sec.col.status', 'sec.col.deadline', 'sec.col.units'].map((k) => h('th', { scope: 'col', class: k === 'sec.col.number' ? 'num' : undefined }, t(k))))),
        h('tbody', {}, ...directive.items.map((item) => itemRow(item, open))),
      ),
    ),
  );
}

function itemRow(item: Item, open: Set<string | undefined>): HTMLElement {
  return h(
    'tr',
    { 'data-item': item.itemId },
    h('td', { class: 'num' }, item.number),
    h('th', { scope: 'row' }, item.title),
    h('td', {}, text('span', `status.${item.status}`, { class: `badge status-${item.status}` }), item.lifecycle === 'closed' ? h('span', { class: 'muted' }, ` · ${t('sec.closed')}`) : null),
    h('td', {}, day(item.deadline.date)),
    h('td', {}, unitsOf(item, open.has(item.itemId))),
  );
}

/** The item's units in a disclosure (a district-wide item has fifteen of them). */
function unitsOf(item: Item, open: boolean): HTMLElement {
  if (item.assignments.length === 0) return h('span', { class: 'muted' }, t('sec.notAssigned'));
  const entries = item.assignments.map((a) =>
    h(
      'li',
      {},
      unitLabel(a.unitId),
      ` · ${t(`role.${a.role}`)} · ${t('sec.until', { date: day(a.deadline.date) })}`,
      a.deadline.date !== a.originalDeadline.date ? h('span', { class: 'extended' }, ` (${t('sec.extendedFrom', { date: day(a.originalDeadline.date) })})`) : null,
    ),
  );
  return h('details', { 'data-item': item.itemId, open }, h('summary', {}, plural('sec.unitCount', item.assignments.length)), h('ul', { class: 'units' }, ...entries));
}
