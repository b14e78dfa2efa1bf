import { post } from './api.js';
import { h, replaceChildren } from './dom.js';
import { dateTime, day } from './format.js';
import { t } from './i18n.js';
import { allItems, text, unitLabel, unitName, type Board, type Directive, type ExtensionRequest, type Item } from './secretariat-data.js';
import { optional, submitting } from './secretariat-forms.js';

interface Pending {
  readonly directive: Directive;
  readonly item: Item;
  readonly request: ExtensionRequest;
}

/** Every pending extension request over the listed directives' items, oldest first. */
function pendingOf(board: Board): Pending[] {
  return allItems(board)
    .flatMap(({ directive, item }) => item.extensionRequests.filter((r) => r.status === 'pending').map((request) => ({ directive, item, request })))
    .sort((a, b) => a.request.requestedAt.localeCompare(b.request.requestedAt));
}

/**
 * The requests awaiting a decision, each with its own small form: approve (with the deadline
 * asked for, or another one granted) or reject (the API requires a note, and says so beside it).
 * Rebuilt when the data changes; a language change only relabels it (`translate`, `relabel`),
 * so a note being typed is kept.
 */
export function renderExtensions(container: HTMLElement, board: Board, reload: () => Promise<void>): void {
  const pending = pendingOf(board);
  if (pending.length === 0) return replaceChildren(container, text('p', 'ext.none', { class: 'muted' }));
  replaceChildren(container, h('ul', { class: 'requests' }, ...pending.map((p) => h('li', {}, requestForm(p, reload)))));
}

function requestForm({ directive, item, request }: Pending, reload: () => Promise<void>): HTMLFormElement {
  const key = request.requestId;
  const current = item.assignments.find((a) => a.unitId === request.unitId)?.deadline.date;
  const form = h(
    'form',
    { id: `ext-${key}`, class: 'request', novalidate: true, 'aria-labelledby': `ext-${key}-title` },
    h('h3', { id: `ext-${key}-title` }, unitLabel(request.unitId), ` · ${directive.number} · `, text('span', 'ext.item'), ` ${item.number}`),
    h('p', { class: 'muted' }, item.title),
    h(
      'dl',
      { class: 'facts' },
      text('dt', 'ext.current'),
      h('dd', {}, day(current)),
      text('dt', 'ext.requested'),
      h('dd', {}, h('strong', {}, day(request.requestedDeadline.date))),
      text('dt', 'ext.requestedAt'),
      h('dd', {}, dateTime(request.requestedAt)),
      text('dt', 'ext.reason'),
      h('dd', {}, request.reason),
    ),
    h(
      'div',
      { class: 'row' },
      h('div', {}, hinted(`ext-${key}-granted`, 'ext.granted', 'ext.grantedHint'), h('input', { type: 'date', id: `ext-${key}-granted`, name: 'grantedDeadline' })),
      h('div', {}, hinted(`ext-${key}-note`, 'ext.note', 'ext.noteHint'), h('textarea', { id: `ext-${key}-note`, name: 'note', rows: '2', maxlength: '5000' })),
    ),
    h('div', { class: 'actions' }, text('button', 'ext.approve', { type: 'submit', name: 'decision', value: 'approve' }), text('button', 'ext.reject', { type: 'submit', name: 'decision', value: 'reject', class: 'secondary' })),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    const decision = submitter?.value === 'reject' ? 'reject' : 'approve';
    void submitting(form, () => decide(form, item, request, decision), () => reload().then(keepFocus), submitter);
  });
  return form;
}

/** A label with its hint inside (read with the label, and kept when an error takes aria-describedby). */
function hinted(id: string, key: string, hint: string): HTMLLabelElement {
  return h('label', { for: id }, text('span', key), text('span', hint, { class: 'hint' }));
}

async function decide(form: HTMLFormElement, item: Item, request: ExtensionRequest, decision: 'approve' | 'reject'): Promise<string> {
  const data = new FormData(form);
  const granted = decision === 'approve' ? optional(data.get('grantedDeadline')) : undefined;
  const body = { decision, grantedDeadline: granted, note: optional(data.get('note')) };
  await post(`/items/${encodeURIComponent(item.itemId)}/extension-requests/${encodeURIComponent(request.requestId)}/decision`, body);
  const params = { unit: unitName(request.unitId), number: item.number, date: day(granted ?? request.requestedDeadline.date) };
  const outcome = t(decision === 'approve' ? 'ext.approved' : 'ext.rejected', params);
  announce(outcome);
  return outcome;
}

/** The decided request leaves the list when the board reloads: say what happened outside it. */
function announce(message: string): void {
  const status = document.getElementById('extensions-status');
  if (status) status.textContent = message;
}

/** The form that had the focus is gone after the reload: give it to the outcome, not to the page's top. */
function keepFocus(): void {
  if (document.activeElement === document.body || !document.activeElement?.isConnected) document.getElementById('extensions-status')?.focus();
}
