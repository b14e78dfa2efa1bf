import { ApiError, get } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { day } from './format.js';
import { lang, onLanguage, t } from './i18n.js';
import { problemNotice, startPage } from './layout.js';
import { startAuditBadge } from './monitor-audit.js';
import { renderChart } from './monitor-chart.js';
import { renderDistricts } from './monitor-districts.js';
import { renderEscalations } from './monitor-escalations.js';
import './monitor.messages.js';
import { renderCells, renderItems } from './monitor-overview.js';
import { showTimeline } from './monitor-timeline.js';
import type { CatalogueUnit, DirectiveOverview, DirectiveSummary, Escalation, TargetsView, UnitScore } from './monitor-types.js';

/** How often the live parts refresh while the page is visible (the read models move on by themselves). */
const REFRESH_MS = 10_000;

interface Loaded {
  overview: DirectiveOverview;
  targets?: TargetsView;
  scores: Map<string, UnitScore>;
  escalations: Escalation[];
}

const session = startPage('monitor.html', ['monitor', 'secretariat', 'admin']);
if (session) void main();

async function main(): Promise<void> {
  const [{ directives }, { units }] = await Promise.all([get<{ directives: DirectiveSummary[] }>('/directives'), get<{ units: CatalogueUnit[] }>('/units')]);
  const names = new Map(units.map((u) => [u.unitId, u]));
  const unitName = (id: string) => (lang() === 'en' ? names.get(id)?.nameEn : undefined) ?? names.get(id)?.name ?? id;
  const wanted = new URLSearchParams(location.search).get('directive');
  const directive = directives.find((d) => d.directiveId === wanted) ?? directives[0];
  void startAuditBadge(byId('audit-badge')).catch(() => undefined);
  if (!directive) return replaceChildren(byId('cells'), h('li', {}, t('monitor.noDirective')));
  fillDirectiveSelect(directives, directive);
  let loaded: Loaded | undefined;
  const draw = () => loaded && render(loaded, directive, unitName);
  const refresh = async () => {
    try {
      loaded = await load(directive.directiveId);
      draw();
    } catch (error) {
      showProblem(error);
      if (error instanceof ApiError && error.code === 'READ_MODEL.NOT_READY') window.setTimeout(() => void refresh(), 2000);
      return;
    }
  };
  await refresh();
  onLanguage(draw);
  window.setInterval(() => document.visibilityState === 'visible' && void refresh(), REFRESH_MS);
  if (loaded) startTimeline(loaded.overview, unitName);
}

async function load(directiveId: string): Promise<Loaded> {
  const id = encodeURIComponent(directiveId);
  const [overview, scoreboard, escalations] = await Promise.all([
    get<DirectiveOverview>(`/dashboard/directives/${id}`),
    get<{ units: UnitScore[] }>('/dashboard/units'),
    get<{ escalations: Escalation[] }>(`/dashboard/escalations?directiveId=${id}`),
  ]);
  const targetItem = overview.items.find((i) => i.progress.length > 0);
  const targets = targetItem ? await get<TargetsView>(`/dashboard/targets/${encodeURIComponent(targetItem.itemId)}`) : undefined;
  return { overview, targets, scores: new Map(scoreboard.units.map((u) => [u.unitId, u])), escalations: escalations.escalations };
}

function render(data: Loaded, directive: DirectiveSummary, unitName: (id: string) => string): void {
  const { overview } = data;
  byId('directive-subtitle').textContent = t('monitor.subtitle', { number: overview.header.number, date: day(overview.header.issuedOn), subject: overview.header.subject });
  renderCells(byId('cells'), overview);
  renderItems(byId<HTMLTableElement>('items-table'), overview, unitName);
  if (data.targets) renderChart(byId<HTMLCanvasElement>('progress-chart'), byId('chart-summary'), data.targets, directive.issuedOn);
  else byId('chart-summary').textContent = t('monitor.noTarget');
  renderDistricts(byId<HTMLTableElement>('districts-table'), data.targets?.metrics[0], data.scores, unitName);
  renderEscalations(byId('escalations'), data.escalations, unitName);
}

function fillDirectiveSelect(directives: DirectiveSummary[], current: DirectiveSummary): void {
  const select = byId<HTMLSelectElement>('directive-select');
  replaceChildren(select, ...directives.map((d) => h('option', { value: d.directiveId, selected: d.directiveId === current.directiveId }, `${d.number} — ${d.subject}`)));
  select.onchange = () => location.assign(`?directive=${encodeURIComponent(select.value)}`);
}

function startTimeline(overview: DirectiveOverview, unitName: (id: string) => string): void {
  const select = byId<HTMLSelectElement>('timeline-item');
  const first = overview.items.find((i) => i.progress.length > 0) ?? overview.items[0];
  replaceChildren(select, ...overview.items.map((i) => h('option', { value: i.itemId, selected: i.itemId === first?.itemId }, `${i.number}. ${i.title}`)));
  const open = () =>
    showTimeline({ directiveId: overview.directiveId, itemId: select.value, now: overview.asAt }, byId<HTMLInputElement>('as-of'), byId<HTMLOutputElement>('as-of-label'), byId('as-of-state'), byId<HTMLOListElement>('timeline'), unitName).catch((error: unknown) =>
      replaceChildren(byId('as-of-state'), problemNotice(error)),
    );
  select.onchange = () => void open();
  if (first) void open();
}

function showProblem(error: unknown): void {
  replaceChildren(byId('cells'), h('li', {}, problemNotice(error)));
}
