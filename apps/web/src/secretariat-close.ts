import { post } from './api.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { fillItemSelect, type Board } from './secretariat-data.js';
import { optional, submitting } from './secretariat-forms.js';

/**
 * Closes an item: `completed` once every lead unit's completion is accepted (the API refuses it
 * before, naming `outcome`), or `cancelled` with a note saying why (the API requires it).
 */
export function setupClose(reload: () => Promise<void>): void {
  const form = byId<HTMLFormElement>('close-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitting(form, () => close(form), reload, (event as SubmitEvent).submitter);
  });
}

async function close(form: HTMLFormElement): Promise<string> {
  const data = new FormData(form);
  const itemId = String(data.get('itemId') ?? '');
  const outcome = String(data.get('outcome'));
  await post(`/items/${encodeURIComponent(itemId)}/close`, { outcome, note: optional(data.get('note')) });
  form.reset();
  return t('close.done', { outcome: t(`close.outcome.${outcome}`) });
}

/** Offers only the items still open (a closed item cannot be closed again). */
export function fillClose(board: Board): void {
  fillItemSelect(byId<HTMLSelectElement>('close-item'), board, (i) => i.lifecycle !== 'closed');
}
