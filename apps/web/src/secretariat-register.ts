import { post } from './api.js';
import { byId, h } from './dom.js';
import { clearProblems } from './forms.js';
import { onLanguage, t } from './i18n.js';
import { unitName, type Board } from './secretariat-data.js';
import { lines, optional, submitting } from './secretariat-forms.js';
import { appendItem, readItems, renumber } from './secretariat-register-items.js';

/**
 * The registration of a directive: its header (static in the HTML, named as the API names the
 * fields) and its items (built here). On success the board is reloaded, so the new directive
 * appears in the list and in the assignment form at once.
 */
export function setupRegister(reload: () => Promise<void>): void {
  const form = byId<HTMLFormElement>('register-form');
  appendItem(form);
  byId('add-item').addEventListener('click', () => appendItem(form).querySelector('input')?.focus());
  onLanguage(() => renumber(form));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitting(form, () => register(form), reload, (event as SubmitEvent).submitter);
  });
}

async function register(form: HTMLFormElement): Promise<string> {
  const body = bodyOf(form);
  const done = await post<{ directiveId: string; items: unknown[] }>('/directives', body);
  resetForm(form);
  return t('reg.done', { number: body.number, id: done.directiveId, count: done.items.length });
}

/** The request body of `POST /directives`, field for field (see RegisterDirectiveRequest). */
function bodyOf(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const monitoring = {
    leadUnitId: text('monitoring.leadUnitId'),
    withUnitIds: data.getAll('monitoring.withUnitIds').map(String),
    reportsTo: text('monitoring.reportsTo'),
  };
  const monitored = monitoring.leadUnitId !== '' || monitoring.reportsTo !== '' || monitoring.withUnitIds.length > 0;
  return {
    id: optional(data.get('id')),
    issuer: text('issuer'),
    number: text('number'),
    issuedOn: text('issuedOn'),
    place: optional(data.get('place')),
    subject: text('subject'),
    signer: { name: text('signer.name'), title: text('signer.title') },
    addressees: lines(data.get('addressees')),
    legalBasis: lines(data.get('legalBasis')),
    ...(monitored ? { monitoring } : {}),
    items: readItems(form),
  };
}

/** Empties the form for the next directive: header cleared, one empty item. */
function resetForm(form: HTMLFormElement): void {
  form.reset();
  clearProblems(form);
  byId('items').replaceChildren();
  appendItem(form);
}

/** Offers the catalogue's units for the monitoring fields, keeping what is already chosen. */
export function fillMonitoring(board: Board): void {
  const lead = byId<HTMLSelectElement>('reg-monitoring-leadUnitId');
  const others = byId<HTMLSelectElement>('reg-monitoring-withUnitIds');
  const chosen = new Set([...others.selectedOptions].map((o) => o.value));
  const current = lead.value;
  const options = (selected: (id: string) => boolean) => board.units.map((u) => h('option', { value: u.unitId, selected: selected(u.unitId), 'data-unit': u.unitId }, unitName(u.unitId)));
  lead.replaceChildren(h('option', { value: '', 'data-i18n': 'reg.noMonitoring' }, t('reg.noMonitoring')), ...options((id) => id === current));
  others.replaceChildren(...options((id) => chosen.has(id)));
}
