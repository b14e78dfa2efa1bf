import { ApiError } from './api.js';
import { clearProblems, showDone, showProblems } from './forms.js';

/**
 * The API names the element of a list that is wrong (`addressees[2]`,
 * `monitoring.withUnitIds[0]`); the form has one control for the whole list (a textarea, one
 * entry a line, or a multiple select). This points such problems at that control, so that
 * `showProblems` shows them beside it rather than in the summary.
 */
export function retarget(form: HTMLFormElement, error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const names = new Set([...form.querySelectorAll<HTMLInputElement>('input, select, textarea')].map((c) => c.dataset.field ?? c.name));
  const problems = error.problems.map((p) => {
    let field = p.field;
    while (!names.has(field) && /\[\d+\]$/.test(field)) field = field.replace(/\[\d+\]$/, '');
    return names.has(field) ? { ...p, field } : p;
  });
  return new ApiError(error.status, error.code, error.message, problems);
}

/**
 * Runs one command of a form: the submit button is disabled while it is sent (a second click
 * cannot send it twice), a refusal is shown beside the fields it names, and success is said in
 * the form's live region before `after` (usually: reload the board) runs.
 */
export async function submitting(form: HTMLFormElement, send: () => Promise<string | undefined>, after: () => Promise<void>, submitter?: HTMLElement | null): Promise<void> {
  const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[type="submit"]')];
  for (const b of buttons) b.disabled = true;
  form.setAttribute('aria-busy', 'true');
  clearProblems(form);
  form.querySelector('.form-done')?.replaceChildren();
  try {
    const done = await send();
    showDone(form, done);
    await after();
  } catch (error) {
    showProblems(form, retarget(form, error));
  } finally {
    for (const b of buttons) b.disabled = false;
    form.removeAttribute('aria-busy');
    if (submitter && document.activeElement === document.body) submitter.focus();
  }
}

/** The lines of a textarea (one entry a line), blank lines left out. */
export function lines(value: FormDataEntryValue | null): string[] {
  return String(value ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A trimmed text, or undefined when blank (for optional fields the API wants absent, not empty). */
export function optional(value: FormDataEntryValue | null | undefined): string | undefined {
  const v = String(value ?? '').trim();
  return v === '' ? undefined : v;
}

/** A number typed in a field; blank stays undefined so that the API names the missing field. */
export function numberOf(value: FormDataEntryValue | null | undefined): number | undefined {
  const v = optional(value);
  return v === undefined ? undefined : Number(v);
}
