import { post } from './api.js';
import { h } from './dom.js';
import { clearProblems, showProblems, valuesOf } from './forms.js';
import { day, num, vnDate } from './format.js';
import { lang, t } from './i18n.js';
import type { ItemAssignment, ItemDetail, Target } from './unit-data.js';

/** What the forms need of the page: whose page it is and how to reload it after a command. */
export interface PageContext {
  readonly unitId: string;
  /** Forms are hidden: the viewer is not the unit itself. */
  readonly readOnly: boolean;
  /** Only the public scoreboard line may be shown (a unit looking at another unit). */
  readonly publicOnly: boolean;
  /** Reloads the data and redraws the page, then announces `message`. */
  readonly refresh: (message?: string) => Promise<void>;
}

/** A DOM-id-safe key of an item (`126-cv-tu-2021.1` → `item-126-cv-tu-2021-1`). */
export const domKey = (itemId: string) => `item-${itemId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * The commands legal for the unit's own assignment now, each behind a `<details>` so that the
 * page stays short: acknowledge first (nothing else is accepted before), then progress reports,
 * an extension request (unless one is pending or completion was reported) and, for lead units,
 * the completion report. The API still decides; the page only spares users a certain refusal.
 */
export function actionsFor(item: ItemDetail, own: ItemAssignment, ctx: PageContext): HTMLElement {
  if (item.lifecycle !== 'open') return h('p', { class: 'muted' }, t('unit.itemClosed'));
  if (!own.acknowledgedAt) return acknowledgeForm(item, ctx);
  const today = vnDate(item.asAt);
  const done = own.completion?.status === 'reported' || own.completion?.status === 'accepted';
  const pending = own.pendingExtensionId ? item.extensionRequests.find((r) => r.requestId === own.pendingExtensionId) : undefined;
  return h(
    'div',
    { class: 'actions' },
    disclose(item, 'progress', t('unit.progress.open'), progressForm(item, own, today, ctx)),
    pending ? h('p', { class: 'notice' }, t('unit.extensionPending', { date: day(pending.requestedDeadline.date) })) : null,
    !pending && !done ? disclose(item, 'extension', t('unit.extension.open'), extensionForm(item, own, ctx)) : null,
    own.role === 'lead' && !done ? disclose(item, 'completion', t('unit.completionForm.open'), completionForm(item, ctx)) : null,
  );
}

function disclose(item: ItemDetail, what: string, label: string, form: HTMLFormElement): HTMLElement {
  return h('details', { id: `${domKey(item.itemId)}-${what}` }, h('summary', {}, label), form);
}

function acknowledgeForm(item: ItemDetail, ctx: PageContext): HTMLFormElement {
  const form = h('form', { id: `${domKey(item.itemId)}-ack-form`, novalidate: true }, h('button', { type: 'submit' }, t('unit.ack.submit')));
  wire(form, () => post(`/items/${encodeURIComponent(item.itemId)}/acknowledgements`, {}), t('unit.ack.done', { number: item.number }), ctx);
  return form;
}

/** As-of date (today in +07 by the engine's clock), one input per target metric, narrative. */
function progressForm(item: ItemDetail, own: ItemAssignment, today: string, ctx: PageContext): HTMLFormElement {
  const key = domKey(item.itemId);
  const targets = item.targets ?? [];
  const metrics = targets.length
    ? h('fieldset', {}, h('legend', {}, t('unit.figures')), h('p', { class: 'hint' }, t('unit.progress.metricHint')), ...targets.map((target) => metricField(key, target, own)))
    : null;
  const form = h(
    'form',
    { id: `${key}-progress-form`, novalidate: true },
    field(`${key}-asOf`, 'asOf', t('unit.progress.asOf'), 'input', { type: 'date', value: today, max: today, min: own.lastReport?.asOf }),
    metrics,
    field(`${key}-narrative`, 'narrative', t('unit.progress.narrative'), 'textarea', { required: true }),
    h('button', { type: 'submit' }, t('unit.progress.submit')),
  );
  const send = () => post(`/items/${encodeURIComponent(item.itemId)}/progress-reports`, progressBody(form, targets));
  wire(form, send, t('unit.progress.done', { number: item.number }), ctx);
  return form;
}

function metricField(key: string, target: Target, own: ItemAssignment): HTMLElement {
  const previous = own.metrics?.[target.metric];
  const wrapper = field(`${key}-metric-${target.metric}`, `metrics.${target.metric}`, target.label ?? target.metric, 'input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  if (previous) wrapper.append(h('p', { class: 'hint' }, t('unit.previous', { value: num(previous.value), date: day(previous.asOf) })));
  return wrapper;
}

function progressBody(form: HTMLFormElement, targets: readonly Target[]): Record<string, unknown> {
  const values = valuesOf(form);
  const metrics: Record<string, number | string> = {};
  for (const target of targets) {
    const text = values[`metrics.${target.metric}`];
    if (text !== undefined) metrics[target.metric] = parseFigure(text);
  }
  return { asOf: values.asOf, narrative: values.narrative, ...(Object.keys(metrics).length > 0 ? { metrics } : {}) };
}

/**
 * A figure as typed, with the language's digit grouping (`12.345` in Vietnamese, `12,345` in
 * English) understood. Anything that is not a number is sent as typed, so that the API's own
 * message ("must be a number from 0 to …") is shown beside the field.
 */
export function parseFigure(text: string): number | string {
  const compact = text.replace(/[\s\u00a0]/g, '');
  const [group, decimal] = lang() === 'vi' ? ['.', ','] : [',', '.'];
  const grouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`);
  const plain = (grouped.test(compact) ? compact.split(group).join('') : compact).replace(decimal, '.');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : text;
}

function extensionForm(item: ItemDetail, own: ItemAssignment, ctx: PageContext): HTMLFormElement {
  const key = domKey(item.itemId);
  const form = h(
    'form',
    { id: `${key}-extension-form`, novalidate: true },
    field(`${key}-requestedDeadline`, 'requestedDeadline', t('unit.extension.deadline'), 'input', { type: 'date', min: nextDay(own.deadline.date) }),
    field(`${key}-reason`, 'reason', t('unit.extension.reason'), 'textarea', { required: true }),
    h('button', { type: 'submit' }, t('unit.extension.submit')),
  );
  wire(form, () => post(`/items/${encodeURIComponent(item.itemId)}/extension-requests`, valuesOf(form)), t('unit.extension.done', { number: item.number }), ctx);
  return form;
}

function completionForm(item: ItemDetail, ctx: PageContext): HTMLFormElement {
  const key = domKey(item.itemId);
  const form = h(
    'form',
    { id: `${key}-completion-form`, novalidate: true },
    field(`${key}-summary`, 'summary', t('unit.completionForm.summary'), 'textarea', { required: true }),
    h('button', { type: 'submit' }, t('unit.completionForm.submit')),
  );
  wire(form, () => post(`/items/${encodeURIComponent(item.itemId)}/completion-reports`, valuesOf(form)), t('unit.completionForm.done', { number: item.number }), ctx);
  return form;
}

/** A labelled control: the visible `<label for>` names it for everyone, screen readers included. */
function field(id: string, name: string, label: string, control: 'input' | 'textarea', attrs: Record<string, string | boolean | undefined> = {}): HTMLElement {
  const el = control === 'textarea' ? h('textarea', { id, name, rows: 3, ...attrs }) : h('input', { id, name, ...attrs });
  return h('div', { class: 'field' }, h('label', { for: id }, label), el);
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Sends a form once at a time (the button is disabled while the request runs). A refusal is
 * shown beside the fields it names and nothing else changes; success resets and closes the
 * form, reloads the page's data and announces what was recorded.
 */
function wire(form: HTMLFormElement, send: () => Promise<unknown>, done: string, ctx: PageContext): void {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!button.disabled) void submit();
  });
  async function submit(): Promise<void> {
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    clearProblems(form);
    try {
      await send();
    } catch (error) {
      showProblems(form, error);
      return;
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
    form.reset();
    const details = form.closest('details');
    if (details) details.open = false;
    await ctx.refresh(done);
  }
}
