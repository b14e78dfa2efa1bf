import { get } from './api.js';
import { h, replaceChildren } from './dom.js';
import { dateTime, day, num, pct, vnDate } from './format.js';
import { onLanguage, t } from './i18n.js';
import { problemNotice, statusBadge } from './layout.js';
import { datesBetween } from './monitor-chart.js';
import type { DirectiveOverview } from './monitor-types.js';

interface HistoryEvent {
  readonly type: string;
  readonly revision: number;
  readonly recordedAt: string;
  readonly metadata: { actor?: { subject: string; name?: string; unitId?: string } };
  readonly data: Record<string, unknown>;
}

interface ItemState {
  readonly number: number;
  readonly status?: string;
  readonly deadline: { date: string };
  readonly revision: number;
  readonly targetProgress?: { metric: string; label?: string; reached: number; percent: number }[];
}

export interface TimelineTarget {
  readonly directiveId: string;
  readonly itemId: string;
  /** The engine's now, from the dashboard's `asAt`: the slider ends there. */
  readonly now: string;
}

/** Every event of an item, page by page (the API pages its history). */
async function historyOf(itemId: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  for (let from: number | undefined = 0; from !== undefined; ) {
    const page: { events: HistoryEvent[]; nextRevision?: number | null } = await get(`/items/${encodeURIComponent(itemId)}/events?limit=500&fromRevision=${from}`);
    events.push(...page.events);
    from = page.nextRevision ?? undefined;
  }
  return events;
}

/**
 * The item's history as a timeline, and a slider of days from its issue to today: moving it
 * replays the item and the directive overview to the end of that day (+07) on the server, with
 * the very projection code of the live dashboard, and dims the events that came after.
 */
let redraw: (() => void) | undefined;
let listening = false;

export async function showTimeline(target: TimelineTarget, slider: HTMLInputElement, label: HTMLOutputElement, stateBox: HTMLElement, list: HTMLOListElement, unitName: (id: string) => string): Promise<void> {
  const events = await historyOf(target.itemId);
  const today = vnDate(target.now);
  const days = datesBetween(events[0] ? vnDate(events[0].recordedAt) : today, today);
  slider.max = String(days.length - 1);
  slider.value = slider.max;
  let timer: number | undefined;
  const move = () => {
    const date = days[Number(slider.value)]!;
    label.textContent = day(date);
    slider.setAttribute('aria-valuetext', day(date));
    for (const li of list.children) li.classList.toggle('future', vnDate((li as HTMLElement).dataset.at!) > date);
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void replay(target, date === today ? target.now : endOfDay(date), date, stateBox), 250);
  };
  slider.oninput = move;
  redraw = () => {
    replaceChildren(list, ...events.map((e) => eventEntry(e, unitName)));
    move();
  };
  if (!listening) onLanguage(() => redraw?.());
  else redraw();
  listening = true;
}

/** The last instant of a +07 calendar date, in UTC. */
const endOfDay = (date: string) => new Date(Date.parse(`${date}T23:59:59.999+07:00`)).toISOString();

async function replay(target: TimelineTarget, asOf: string, date: string, box: HTMLElement): Promise<void> {
  try {
    const q = `asOf=${encodeURIComponent(asOf)}`;
    const [item, overview] = await Promise.all([
      get<ItemState>(`/items/${encodeURIComponent(target.itemId)}/state?${q}`),
      get<DirectiveOverview>(`/dashboard/directives/${encodeURIComponent(target.directiveId)}?${q}`),
    ]);
    const cells = ['in_progress_on_time', 'in_progress_overdue', 'completed_on_time', 'completed_late', 'atRisk'];
    replaceChildren(
      box,
      h('h3', {}, t('monitor.asOfHeading', { date: day(date) })),
      h('p', { 'data-as-of-item': target.itemId }, item.status ? statusBadge(item.status) : null, ' ', t('monitor.asOfItem', { number: item.number, status: item.status ? t(`status.${item.status}`) : '—', deadline: day(item.deadline.date), revision: item.revision + 1 })),
      ...(item.targetProgress ?? []).map((p) => h('p', { 'data-as-of-metric': p.metric }, `${p.label ?? p.metric}: ${num(p.reached)} (${pct(p.percent)})`)),
      h('ul', { class: 'cells as-of-cells' }, ...cells.map((c) => h('li', { class: `status-${c}`, 'data-cell': c }, h('span', { class: 'count' }, overview.counts[c] ?? 0), h('span', {}, t(`status.${c}`))))),
    );
  } catch (error) {
    replaceChildren(box, problemNotice(error));
  }
}

function eventEntry(e: HistoryEvent, unitName: (id: string) => string): HTMLLIElement {
  const actor = e.metadata.actor;
  const detail = detailOf(e, unitName);
  return h(
    'li',
    { 'data-at': e.recordedAt, 'data-type': e.type },
    h('time', { datetime: e.recordedAt }, dateTime(e.recordedAt)),
    h('strong', {}, t(`event.${e.type}`)),
    detail ? ` — ${detail}` : '',
    actor ? h('div', { class: 'muted' }, actor.name ?? actor.subject) : null,
  );
}

/** A few words on what the event says, for the events people look for. */
function detailOf(e: HistoryEvent, unitName: (id: string) => string): string {
  const d = e.data;
  const unit = typeof d.unitId === 'string' ? unitName(d.unitId) : '';
  switch (e.type) {
    case 'ProgressReported':
    case 'ProgressReportCorrected':
      return `${unit}: ${Object.entries((d.metrics ?? {}) as Record<string, number>).map(([, v]) => num(v)).join(', ')} (${day(String(d.asOf ?? ''))})`;
    case 'ExtensionRequested':
      return `${unit} → ${day((d.requestedDeadline as { date: string }).date)}`;
    case 'ExtensionApproved':
      return `${unit} → ${day((d.newDeadline as { date: string }).date)}`;
    case 'EscalationRaised':
    case 'EscalationLevelRaised':
      return String(d.reason ?? '');
    default:
      return unit;
  }
}
