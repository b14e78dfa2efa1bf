import { ApiError, post } from './api.js';
import { byId, h } from './dom.js';
import { fillItemSelect, groupLabel, plural, unitLabel, type Board } from './secretariat-data.js';
import { optional, submitting } from './secretariat-forms.js';

/**
 * Assigns units to an item: any mix of groups (one assignment per member, fanned out by the
 * engine) and single units, all with one role and an optional deadline (the item's otherwise).
 */
export function setupAssign(reload: () => Promise<void>): void {
  const form = byId<HTMLFormElement>('assign-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitting(form, () => assign(form), reload, (event as SubmitEvent).submitter);
  });
}

async function assign(form: HTMLFormElement): Promise<string> {
  const data = new FormData(form);
  const role = String(data.get('role'));
  const assignees = [
    ...data.getAll('groupId').map((groupId) => ({ groupId: String(groupId), role })),
    ...data.getAll('unitId').map((unitId) => ({ unitId: String(unitId), role })),
  ];
  const itemId = String(data.get('itemId') ?? '');
  try {
    const done = await post<{ events: unknown[] }>(`/items/${encodeURIComponent(itemId)}/assignments`, { assignees, deadline: optional(data.get('deadline')) });
    for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) box.checked = false;
    return plural('assign.done', done.events.length);
  } catch (error) {
    throw toFormFields(error);
  }
}

/**
 * The API names each assignee (`assignees[3].role`, `assignees[0].groupId`); the form has one
 * role for all and one block of choices, so problems are pointed at those controls.
 */
function toFormFields(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const field = (f: string) => (/^assignees(\[\d+\])?\.role$/.test(f) ? 'role' : f.startsWith('assignees') ? 'assignees' : f);
  return new ApiError(error.status, error.code, error.message, error.problems.map((p) => ({ ...p, field: field(p.field) })));
}

/** Refreshes the choices (items, groups, units) and keeps what is already ticked. */
export function fillAssign(board: Board): void {
  fillItemSelect(byId<HTMLSelectElement>('assign-item'), board, (i) => i.lifecycle !== 'closed');
  checks(byId('assign-groups'), 'groupId', board.groups.map((g) => ({ id: g.groupId, label: groupLabel(g.groupId), hint: plural('assign.members', g.memberIds.length) })));
  checks(byId('assign-units'), 'unitId', board.units.map((u) => ({ id: u.unitId, label: unitLabel(u.unitId) })));
}

function checks(box: HTMLElement, name: string, choices: { id: string; label: HTMLElement; hint?: string }[]): void {
  const ticked = new Set([...box.querySelectorAll<HTMLInputElement>('input:checked')].map((c) => c.value));
  box.replaceChildren(
    ...choices.map(({ id, label, hint }) => {
      const inputId = `assign-${name}-${id}`;
      return h(
        'div',
        { class: 'check' },
        h('input', { type: 'checkbox', id: inputId, name, value: id, checked: ticked.has(id) }),
        h('label', { for: inputId }, label, hint ? h('span', { class: 'muted' }, ` (${hint})`) : null),
      );
    }),
  );
}
