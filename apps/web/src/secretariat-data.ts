import { get } from './api.js';
import { h } from './dom.js';
import { lang, t } from './i18n.js';

/** What the secretariat page shows, as the API answers it (only the fields the page reads). */
export interface Unit {
  readonly unitId: string;
  readonly name: string;
  readonly nameEn?: string;
}

export interface UnitGroup {
  readonly groupId: string;
  readonly name: string;
  readonly nameEn?: string;
  readonly memberIds: readonly string[];
}

export interface Deadline {
  readonly date: string;
}

export interface Assignment {
  readonly unitId: string;
  readonly role: 'lead' | 'cooperating';
  readonly deadline: Deadline;
  readonly originalDeadline: Deadline;
}

export interface ExtensionRequest {
  readonly requestId: string;
  readonly unitId: string;
  readonly requestedDeadline: Deadline;
  readonly reason: string;
  readonly requestedAt: string;
  readonly status: 'pending' | 'approved' | 'rejected';
}

export interface Item {
  readonly itemId: string;
  readonly directiveId: string;
  readonly number: number;
  readonly title: string;
  readonly deadline: Deadline;
  readonly lifecycle: 'open' | 'completed' | 'closed';
  readonly status: string;
  readonly assignments: readonly Assignment[];
  readonly extensionRequests: readonly ExtensionRequest[];
  readonly asAt: string;
}

export interface Directive {
  readonly directiveId: string;
  readonly number: string;
  readonly issuer: string;
  readonly issuedOn: string;
  readonly subject: string;
  readonly items: readonly Item[];
}

/** Everything on the page at one moment: directives with their items in full, and the catalogue. */
export interface Board {
  readonly directives: readonly Directive[];
  readonly units: readonly Unit[];
  readonly groups: readonly UnitGroup[];
  /** The engine's "now" (its clock, not the browser's), from the newest item read. */
  readonly asAt?: string;
}

type Summary = Omit<Directive, 'items'>;

/**
 * Reads the board. There is no endpoint listing the pending extension requests (nor the
 * assignments) of every item, so each item is read in full: one request per item, in parallel.
 */
export async function loadBoard(): Promise<Board> {
  const [list, units, groups] = await Promise.all([
    get<{ directives: Summary[] }>('/directives'),
    get<{ units: Unit[] }>('/units'),
    get<{ groups: UnitGroup[] }>('/unit-groups'),
  ]);
  const directives = await Promise.all(list.directives.map(withItems));
  const asAt = directives.flatMap((d) => d.items.map((i) => i.asAt)).sort().pop();
  return { directives, units: units.units, groups: groups.groups, asAt };
}

async function withItems(summary: Summary): Promise<Directive> {
  const detail = await get<{ items: { itemId: string }[] }>(`/directives/${encodeURIComponent(summary.directiveId)}`);
  const items = await Promise.all(detail.items.map((i) => get<Item>(`/items/${encodeURIComponent(i.itemId)}`)));
  return { ...summary, items: items.sort((a, b) => a.number - b.number) };
}

/** Catalogue names in the page's language; kept here so every section names units alike. */
let catalogue: { units: Map<string, Unit>; groups: Map<string, UnitGroup> } = { units: new Map(), groups: new Map() };

export function useCatalogue(board: Board): void {
  catalogue = { units: new Map(board.units.map((u) => [u.unitId, u])), groups: new Map(board.groups.map((g) => [g.groupId, g])) };
}

const named = (entry: { name: string; nameEn?: string } | undefined, id: string) => (!entry ? id : lang() === 'en' ? (entry.nameEn ?? entry.name) : entry.name);

export const unitName = (unitId: string) => named(catalogue.units.get(unitId), unitId);
export const groupName = (groupId: string) => named(catalogue.groups.get(groupId), groupId);

/**
 * A unit's (or group's) name that follows the language toggle: `relabel()` rewrites every
 * such span, so forms being filled in are not rebuilt (and not emptied) on a language change.
 */
export const unitLabel = (unitId: string) => h('span', { 'data-unit': unitId }, unitName(unitId));
export const groupLabel = (groupId: string) => h('span', { 'data-group': groupId }, groupName(groupId));

export function relabel(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-unit]')) el.textContent = unitName(el.dataset.unit!);
  for (const el of root.querySelectorAll<HTMLElement>('[data-group]')) el.textContent = groupName(el.dataset.group!);
}

/** A static label: translated now and again by `translate()` on every language change. */
export function text<K extends keyof HTMLElementTagNameMap>(tag: K, key: string, attrs: Record<string, string | boolean | undefined> = {}): HTMLElementTagNameMap[K] {
  return h(tag, { ...attrs, 'data-i18n': key }, t(key));
}

/** A counted phrase: `<key>.one` for one (English needs it; Vietnamese nouns do not change). */
export function plural(key: string, count: number, params: Record<string, string | number> = {}): string {
  return t(count === 1 ? `${key}.one` : key, { ...params, count });
}

/** Every item of the board with its directive's number, in order, e.g. for a select. */
export function allItems(board: Board): { directive: Directive; item: Item }[] {
  return board.directives.flatMap((directive) => directive.items.map((item) => ({ directive, item })));
}

/**
 * Fills an item select with one optgroup per directive, keeping the current choice when the
 * item is still offered (the list is refreshed after every command).
 */
export function fillItemSelect(select: HTMLSelectElement, board: Board, keep: (item: Item) => boolean = () => true): void {
  const current = select.value;
  select.replaceChildren(
    ...board.directives
      .filter((d) => d.items.some(keep))
      .map((d) =>
        h('optgroup', { label: d.number }, ...d.items.filter(keep).map((i) => h('option', { value: i.itemId }, `${d.number} · ${i.number}. ${i.title}`))),
      ),
  );
  if ([...select.options].some((o) => o.value === current)) select.value = current;
}
