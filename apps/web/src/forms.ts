import { ApiError, type FieldProblem } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * Shows the API's refusal beside the fields it names: each problem goes under the control whose
 * `name` (or `data-field`) is the field or a sub-field of it, with `aria-invalid` and
 * `aria-describedby` set so screen readers read it; problems that match no control (and
 * refusals without a field) go to the form's summary, which takes the focus.
 */
export function showProblems(form: HTMLFormElement, error: unknown): void {
  clearProblems(form);
  let summary = form.querySelector<HTMLElement>('.form-summary');
  if (!summary) {
    summary = h('div', { class: 'form-summary', tabindex: -1 });
    form.prepend(summary);
  }
  const problems: readonly FieldProblem[] = error instanceof ApiError ? error.problems : [];
  const unplaced: string[] = [];
  for (const problem of problems) {
    const control = controlFor(form, problem.field);
    if (!control) {
      unplaced.push(problem.message);
      continue;
    }
    const id = `${form.id || 'form'}-${control.name || problem.field}-error`.replace(/[^A-Za-z0-9_-]/g, '_');
    const message = h('p', { class: 'field-error', id }, problem.message);
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', id);
    control.insertAdjacentElement('afterend', message);
  }
  const headline = problems.length > unplaced.length ? t('common.fixErrors') : '';
  const general = error instanceof ApiError ? (problems.length === 0 ? `${error.message} (${error.code})` : '') : error instanceof Error ? error.message : String(error);
  const lines = [headline, general, ...unplaced].filter(Boolean);
  summary.replaceChildren(...lines.map((line) => h('p', {}, line)));
  summary.setAttribute('role', 'alert');
  summary.hidden = lines.length === 0;
  const firstInvalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  (firstInvalid ?? summary).focus?.();
}

export function clearProblems(form: HTMLFormElement): void {
  for (const el of form.querySelectorAll('.field-error')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
  const summary = form.querySelector<HTMLElement>('.form-summary');
  if (summary) {
    summary.replaceChildren();
    summary.hidden = true;
  }
}

function controlFor(form: HTMLFormElement, field: string): HTMLInputElement | undefined {
  const controls = [...form.querySelectorAll<HTMLInputElement>('input, select, textarea')];
  const nameOf = (c: HTMLInputElement) => c.dataset.field ?? c.name;
  return controls.find((c) => nameOf(c) === field) ?? controls.find((c) => nameOf(c).startsWith(`${field}.`) || nameOf(c).startsWith(`${field}[`));
}

/** Reads a form's named controls as strings (empty ones left out). */
export function valuesOf(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
  return values;
}

/** Says briefly that the form was recorded, in a polite live region next to the button. */
export function showDone(form: HTMLFormElement, text = t('common.saved')): void {
  clearProblems(form);
  let status = form.querySelector<HTMLElement>('.form-done');
  if (!status) {
    status = h('p', { class: 'form-done', role: 'status' });
    form.append(status);
  }
  status.textContent = text;
}
