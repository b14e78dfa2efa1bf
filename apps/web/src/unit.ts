import { get } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { onLanguage, t, translate } from './i18n.js';
import { problemNotice, startPage } from './layout.js';
import type { Session } from './session.js';
import { assignmentsView } from './unit-assignments.js';
import { loadUnit, notReady, type UnitData, type UnitRef } from './unit-data.js';
import type { PageContext } from './unit-forms.js';
import { bannerView, inboxView, summaryView, unitName, unitPicker } from './unit-summary.js';
import './unit.messages.js';

/**
 * The unit page. A district official (role `unit`) sees and acts on its own unit; monitors, the
 * secretariat and admins look at any unit with `?unit=<unitId>`, read-only; a unit opening
 * another unit's page sees that unit's public scoreboard line and the API's refusal of its inbox.
 */
const RETRY_MS = 2000;

const session = startPage('unit.html', ['unit', 'monitor', 'secretariat', 'admin']);
if (session) start(session);

function start(session: Session): void {
  const unitId = new URLSearchParams(location.search).get('unit') ?? session.unitId;
  const readOnly = session.role !== 'unit' || unitId !== session.unitId;
  const publicOnly = session.role === 'unit' && unitId !== session.unitId;
  let data: UnitData | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const ctx: PageContext = { unitId: unitId ?? '', readOnly, publicOnly, refresh };
  /** Loads the data and draws it; while a read model is first built, tries again every 2 s. */
  async function refresh(message?: string): Promise<void> {
    clearTimeout(retry);
    data = await loadUnit(ctx.unitId, publicOnly);
    draw(data, ctx);
    if (message) announce(message);
    if (notReady(data)) retry = setTimeout(() => void refresh(), RETRY_MS);
  }

  if (readOnly) byId('assignments-heading').dataset.i18n = 'unit.assignmentsOf';
  translate();
  onLanguage(() => {
    if (data) draw(data, ctx);
  });
  if (!unitId) return askForUnit();
  void refresh();
}

/** Monitors and the secretariat opening the page without `?unit=` first choose a unit. */
function askForUnit(): void {
  for (const id of ['unit-summary', 'unit-assignments', 'unit-inbox']) replaceChildren(byId(id));
  get<{ units: UnitRef[] }>('/units').then(
    ({ units }) => onLanguage(() => replaceChildren(byId('unit-picker-slot'), unitPicker(units, undefined), h('p', { class: 'hint' }, t('unit.pickPrompt')))),
    (error: unknown) => replaceChildren(byId('unit-picker-slot'), problemNotice(error)),
  );
}

/**
 * Draws every part from the loaded data. Typed values, open forms and the focus survive a
 * redraw (a language switch, a retry, another form's success).
 */
function draw(data: UnitData, ctx: PageContext): void {
  const state = snapshot();
  const heading = byId('unit-name');
  delete heading.dataset.i18n;
  heading.textContent = unitName(data);
  document.title = `${unitName(data)} · ${t('app.title')}`;
  if (ctx.readOnly && !ctx.publicOnly && data.units.ok) replaceChildren(byId('unit-picker-slot'), unitPicker(data.units.value.units, ctx.unitId));
  replaceChildren(byId('unit-banner'), ...bannerView(ctx.readOnly, ctx.publicOnly));
  replaceChildren(byId('unit-summary'), ...summaryView(data));
  replaceChildren(byId('unit-assignments'), ...assignmentsView(data, ctx));
  replaceChildren(byId('unit-inbox'), ...inboxView(data));
  restore(state);
}

/** Says what was recorded in the polite live region above the assignments, and moves the focus there. */
function announce(message: string): void {
  const flash = byId('unit-flash');
  flash.textContent = message;
  flash.focus();
}

interface PageState {
  readonly values: Map<string, string>;
  readonly open: Set<string>;
  readonly focused: string | undefined;
}

function snapshot(): PageState {
  const values = new Map<string, string>();
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('#unit-assignments input[id], #unit-assignments textarea[id]')) values.set(el.id, el.value);
  const open = new Set([...document.querySelectorAll<HTMLDetailsElement>('#unit-assignments details[open]')].map((d) => d.id));
  return { values, open, focused: document.activeElement?.id || undefined };
}

function restore(state: PageState): void {
  for (const [id, value] of state.values) {
    const el = document.getElementById(id) as HTMLInputElement | null;
    if (el) el.value = value;
  }
  for (const id of state.open) (document.getElementById(id) as HTMLDetailsElement | null)?.setAttribute('open', '');
  if (state.focused) document.getElementById(state.focused)?.focus();
}
