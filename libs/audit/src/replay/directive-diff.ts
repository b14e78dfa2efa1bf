import type { Deadline, ItemStatus, ProgressStatus } from '#directives';
import type { DirectiveOverview, EscalationDoc, ItemOverview, UnitOverview } from '#read-models';

/** A value at `from` and at `to`. */
export interface Change<T> {
  readonly from: T;
  readonly to: T;
}

export interface TargetChange {
  readonly metric: string;
  readonly label?: string;
  readonly target: number;
  readonly reached: Change<number>;
  readonly percent: Change<number>;
}

export interface UnitChange {
  readonly unitId: string;
  readonly status?: Change<ProgressStatus | null>;
  /** The unit's current deadline (an approved extension moves it). */
  readonly deadline?: Change<Deadline | null>;
}

export interface EscalationChange {
  readonly escalationId: string;
  readonly unitId?: string;
  readonly rule: string;
  readonly level: number;
  readonly raisedAt: string;
  readonly resolvedAt?: string;
}

/** What changed in one item between two instants; only what changed is present. */
export interface ItemChange {
  readonly itemId: string;
  readonly number: number;
  readonly title: string;
  readonly status?: Change<ItemStatus | null>;
  readonly atRisk?: Change<boolean>;
  readonly deadline?: Change<Deadline>;
  readonly progress?: TargetChange[];
  readonly units?: UnitChange[];
  /** Raised after `from`, at or before `to` (resolved since or not). */
  readonly escalationsOpened?: EscalationChange[];
  /** Resolved after `from`, at or before `to`. */
  readonly escalationsResolved?: EscalationChange[];
}

export interface DirectiveDiff {
  readonly directiveId: string;
  readonly from: string;
  readonly to: string;
  readonly counts: Change<DirectiveOverview['counts']>;
  /** Items where something changed, in item order. */
  readonly items: ItemChange[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const change = <T>(from: T, to: T): Change<T> | undefined => (same(from, to) ? undefined : { from, to });

/**
 * Per item, what changed between the overview at `from` and the overview at `to` (both made by
 * the same replay code): status cell, at risk, the item's deadline, progress per target, each
 * unit's cell and current deadline, and the escalations raised or resolved in between. Those are
 * taken from the escalations model at `to` (every escalation with its times), so one raised and
 * resolved between the two instants is listed too, though neither overview shows it open.
 */
export function diffOverviews(from: DirectiveOverview, to: DirectiveOverview, escalations: readonly EscalationDoc[]): DirectiveDiff {
  const before = new Map(from.items.map((item) => [item.itemId, item]));
  const items = to.items
    .map((item) => itemChange(before.get(item.itemId), item, escalations.filter((e) => e.itemId === item.itemId), from.asAt, to.asAt))
    .filter((c): c is ItemChange => c !== undefined);
  return { directiveId: to.directiveId, from: from.asAt, to: to.asAt, counts: { from: from.counts, to: to.counts }, items };
}

function itemChange(a: ItemOverview | undefined, b: ItemOverview, escalations: readonly EscalationDoc[], from: string, to: string): ItemChange | undefined {
  const within = (t: string | undefined) => t !== undefined && t > from && t <= to;
  const opened = escalations.filter((e) => within(e.raisedAt)).map(escalationChange);
  const resolved = escalations.filter((e) => within(e.resolvedAt)).map(escalationChange);
  const parts = {
    status: change(a?.status ?? null, b.status),
    atRisk: change(a?.atRisk ?? false, b.atRisk),
    deadline: a ? change(a.deadline, b.deadline) : undefined,
    progress: nonEmpty(progressChanges(a, b)),
    units: nonEmpty(unitChanges(a, b)),
    escalationsOpened: nonEmpty(opened),
    escalationsResolved: nonEmpty(resolved),
  };
  const changed = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined));
  if (Object.keys(changed).length === 0) return undefined;
  return { itemId: b.itemId, number: b.number, title: b.title, ...changed };
}

function progressChanges(a: ItemOverview | undefined, b: ItemOverview): TargetChange[] {
  return b.progress.flatMap((p) => {
    const old = a?.progress.find((q) => q.metric === p.metric);
    const reached = { from: old?.reached ?? 0, to: p.reached };
    if (reached.from === reached.to) return [];
    return [{ metric: p.metric, ...(p.label ? { label: p.label } : {}), target: p.target, reached, percent: { from: old?.percent ?? 0, to: p.percent } }];
  });
}

function unitChanges(a: ItemOverview | undefined, b: ItemOverview): UnitChange[] {
  const unitsOf = (item: ItemOverview | undefined): UnitOverview[] => (item ? [...item.leadUnits, ...item.cooperatingUnits] : []);
  const before = new Map(unitsOf(a).map((u) => [u.unitId, u]));
  return unitsOf(b).flatMap((u) => {
    const old = before.get(u.unitId);
    const status = change(old?.status ?? null, u.status);
    const deadline = change(old?.deadline ?? null, u.deadline);
    if (!status && !deadline) return [];
    return [{ unitId: u.unitId, ...(status ? { status } : {}), ...(deadline ? { deadline } : {}) }];
  });
}

function escalationChange(e: EscalationDoc): EscalationChange {
  const { escalationId, unitId, rule, level, raisedAt, resolvedAt } = e;
  return { escalationId, ...(unitId ? { unitId } : {}), rule, level, raisedAt, ...(resolvedAt ? { resolvedAt } : {}) };
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);
