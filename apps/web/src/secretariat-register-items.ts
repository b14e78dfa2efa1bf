import { h } from './dom.js';
import { t } from './i18n.js';
import { numberOf, optional } from './secretariat-forms.js';
import { text } from './secretariat-data.js';

/**
 * The items of the registration form: one fieldset per item, with rows of duties and targets
 * added and removed with buttons. Controls carry a `data-key` (`title`, `targets.value`…) and
 * get their `name` from their position (`items[0].targets[1].value`), exactly as the API names
 * its errors, so each error lands beside its input. Positions are renumbered after every change.
 */

interface Control {
  readonly key: string;
  readonly label: string;
  readonly type?: 'text' | 'number' | 'date' | 'textarea';
  readonly max?: number;
  readonly required?: boolean;
  readonly hint?: string;
}

const ITEM: Control[] = [
  { key: 'number', label: 'reg.item.number', type: 'number', required: true },
  { key: 'deadline', label: 'reg.item.deadline', type: 'date', required: true },
  { key: 'title', label: 'reg.item.title', max: 500, required: true },
  { key: 'text', label: 'reg.item.text', type: 'textarea', max: 20_000, required: true },
  { key: 'focusAreas', label: 'reg.item.focusAreas', hint: 'reg.item.focusAreasHint' },
];
const ROWS: Record<'duties' | 'targets', Control[]> = {
  duties: [
    { key: 'code', label: 'reg.duty.code', max: 64, required: true, hint: 'reg.codeHint' },
    { key: 'description', label: 'reg.duty.description', max: 2000, required: true },
  ],
  targets: [
    { key: 'metric', label: 'reg.target.metric', max: 64, required: true, hint: 'reg.codeHint' },
    { key: 'value', label: 'reg.target.value', type: 'number', required: true },
    { key: 'label', label: 'reg.target.label', max: 200 },
  ],
};

/** One labelled control; its id, `for` and `name` are set by `renumber`. */
function field(c: Control, prefix: string): HTMLElement {
  const attrs = { 'data-key': `${prefix}${c.key}`, required: c.required, maxlength: c.max ? String(c.max) : undefined };
  const control =
    c.type === 'textarea'
      ? h('textarea', { ...attrs, rows: '3' })
      : h('input', { ...attrs, type: c.type ?? 'text', min: c.type === 'number' ? '1' : undefined, step: c.type === 'number' ? '1' : undefined });
  const label = h('label', {}, text('span', c.label), c.hint ? text('span', c.hint, { class: 'hint' }) : null);
  return h('div', { class: `field field-${c.key}` }, label, control);
}

function row(list: 'duties' | 'targets'): HTMLElement {
  const remove = text('button', `reg.remove.${list}`, { type: 'button', class: 'secondary small' });
  const el = h('div', { class: `subrow ${list}`, 'data-list': list }, ...ROWS[list].map((c) => field(c, `${list}.`)), remove);
  remove.addEventListener('click', () => removeAndRefocus(el));
  return el;
}

/**
 * Adds an empty item to the form, its number proposed after the highest one typed so far (items
 * are usually numbered 1, 2, 3… as in the document), and returns it.
 */
export function appendItem(form: HTMLFormElement): HTMLFieldSetElement {
  const numbers = [...form.querySelectorAll<HTMLInputElement>('fieldset.item [data-key="number"]')].map((i) => Number(i.value) || 0);
  const fieldset = itemFieldset();
  form.querySelector('#items')!.append(fieldset);
  fieldset.querySelector<HTMLInputElement>('[data-key="number"]')!.value = String(Math.max(0, ...numbers) + 1);
  renumber(form);
  return fieldset;
}

function itemFieldset(): HTMLFieldSetElement {
  const lists = (['duties', 'targets'] as const).map((list) => {
    const rows = h('div', { class: 'rows', 'data-rows': list });
    const add = text('button', `reg.add.${list}`, { type: 'button', class: 'secondary small' });
    add.addEventListener('click', () => {
      const r = row(list);
      rows.append(r);
      renumber(rows.closest('form')!);
      r.querySelector('input')?.focus();
    });
    return h('div', { class: 'list' }, text('h4', `reg.${list}`), rows, add);
  });
  const remove = text('button', 'reg.remove.item', { type: 'button', class: 'secondary small' });
  const fieldset = h('fieldset', { class: 'item' }, h('legend', {}), h('div', { class: 'row' }, ...ITEM.slice(0, 3).map((c) => field(c, ''))), ...ITEM.slice(3).map((c) => field(c, '')), ...lists, remove);
  remove.addEventListener('click', () => removeAndRefocus(fieldset));
  return fieldset;
}

/** Removes a block and moves the focus to the form's next button, so keyboard users are not lost. */
function removeAndRefocus(el: HTMLElement): void {
  const form = el.closest('form')!;
  const list = el.closest('.list');
  const next = list ? list.querySelector<HTMLButtonElement>(':scope > button') : form.querySelector<HTMLButtonElement>('#add-item');
  el.remove();
  renumber(form);
  next?.focus();
}

/** Gives every item control its API name and a matching id/label, and numbers the legends. */
export function renumber(form: HTMLFormElement): void {
  form.querySelectorAll<HTMLFieldSetElement>('fieldset.item').forEach((fieldset, i) => {
    fieldset.querySelector('legend')!.textContent = t('reg.item', { n: i + 1 });
    fieldset.querySelector<HTMLButtonElement>(':scope > button')!.setAttribute('aria-label', t('reg.remove.itemN', { n: i + 1 }));
    for (const control of fieldset.querySelectorAll<HTMLInputElement>('[data-key]')) {
      const [list, key] = control.dataset.key!.split('.');
      const subrow = control.closest<HTMLElement>('.subrow');
      const j = subrow ? [...subrow.parentElement!.children].indexOf(subrow) : -1;
      const name = key ? `items[${i}].${list}[${j}].${key}` : `items[${i}].${list}`;
      control.name = name;
      control.id = `reg-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
      control.parentElement!.querySelector('label')!.htmlFor = control.id;
    }
  });
}

/** The items as the API's body wants them (blank optional fields left out). */
export function readItems(form: HTMLFormElement): object[] {
  return [...form.querySelectorAll<HTMLFieldSetElement>('fieldset.item')].map((fieldset) => {
    const value = (scope: ParentNode, key: string) => scope.querySelector<HTMLInputElement>(`[data-key="${key}"]`)?.value ?? '';
    const rows = (list: 'duties' | 'targets') => [...fieldset.querySelectorAll<HTMLElement>(`.subrow.${list}`)];
    const focusAreas = value(fieldset, 'focusAreas').split(',').map((s) => s.trim()).filter(Boolean);
    return {
      number: numberOf(value(fieldset, 'number')),
      title: value(fieldset, 'title').trim(),
      text: value(fieldset, 'text').trim(),
      deadline: value(fieldset, 'deadline'),
      duties: rows('duties').map((r) => ({ code: value(r, 'duties.code').trim(), description: value(r, 'duties.description').trim() })),
      targets: rows('targets').map((r) => ({ metric: value(r, 'targets.metric').trim(), value: numberOf(value(r, 'targets.value')), label: optional(value(r, 'targets.label')) })),
      ...(focusAreas.length > 0 ? { focusAreas } : {}),
    };
  });
}
