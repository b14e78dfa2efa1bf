import { h, replaceChildren } from './dom.js';
import { dateTime } from './format.js';
import { t } from './i18n.js';
import type { Escalation } from './monitor-types.js';

/** Open escalations of the directive, most urgent first (the API's order): level, age, who must act, why. */
export function renderEscalations(box: HTMLElement, escalations: Escalation[], unitName: (id: string) => string): void {
  const open = escalations.filter((e) => e.status === 'open');
  if (open.length === 0) {
    replaceChildren(box, h('p', { class: 'muted' }, t('monitor.noEscalations')));
    return;
  }
  const items = open.map((e) =>
    h(
      'li',
      { 'data-escalation': e.escalationId },
      h('strong', {}, t('monitor.escalation', { number: e.itemNumber, level: e.level, age: e.ageDays, mustAct: unitName(e.mustAct) })),
      h('div', {}, e.unitId ? `${unitName(e.unitId)} — ` : '', e.reason),
      h('div', { class: 'muted' }, dateTime(e.raisedAt)),
    ),
  );
  replaceChildren(box, h('ul', { class: 'escalation-list' }, ...items));
}
