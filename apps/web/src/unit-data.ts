import { ApiError, get } from './api.js';

/**
 * What the unit page reads from the API, typed as far as the page uses it, and how it is loaded:
 * every request is settled on its own so that one refusal (the inbox of another unit, a read
 * model still being built) leaves the rest of the page working.
 */

export interface Deadline {
  readonly date: string;
  readonly dueAt: string;
}

export interface UnitRef {
  readonly unitId: string;
  readonly name: string;
  readonly nameEn?: string;
  readonly kind: string;
}

/** One line of `GET /dashboard/units/:unitId` (the unit-scoreboard read model). */
export interface ScoreAssignment {
  readonly itemId: string;
  readonly itemNumber: number;
  readonly itemTitle: string;
  readonly role: 'lead' | 'cooperating';
  readonly deadline: Deadline;
  readonly originalDeadline: Deadline;
  readonly status: string;
}

export interface UnitScore {
  readonly unitId: string;
  readonly name: string | null;
  readonly cells: Readonly<Record<string, number>>;
  readonly overdueCount: number;
  readonly lastReport: { readonly itemId: string; readonly asOf: string; readonly reportedAt: string } | null;
  readonly daysSinceLastReport: number | null;
  readonly assignments: readonly ScoreAssignment[];
}

export interface Completion {
  readonly status: 'none' | 'reported' | 'accepted' | 'rejected';
  readonly reportedAt?: string;
  readonly reviewedAt?: string;
  readonly reason?: string;
}

/** An assignment as `GET /items/:itemId` shows it; another unit's has only the first four fields. */
export interface ItemAssignment {
  readonly unitId: string;
  readonly role: 'lead' | 'cooperating';
  readonly deadline: Deadline;
  readonly originalDeadline?: Deadline;
  readonly acknowledgedAt?: string;
  readonly status?: string;
  readonly lastReport?: { readonly asOf: string; readonly reportedAt: string };
  readonly metrics?: Readonly<Record<string, { readonly value: number; readonly asOf: string }>>;
  readonly completion?: Completion;
  readonly pendingExtensionId?: string;
}

export interface Target {
  readonly metric: string;
  readonly value: number;
  readonly label?: string;
}

export interface ItemDetail {
  readonly itemId: string;
  readonly number: number;
  readonly title: string;
  readonly targets?: readonly Target[];
  readonly lifecycle: 'open' | 'completed' | 'closed';
  readonly assignments: readonly ItemAssignment[];
  readonly extensionRequests: readonly { readonly requestId: string; readonly requestedDeadline: Deadline; readonly status: string }[];
  readonly asAt: string;
}

export interface InboxEntry {
  readonly id: string;
  readonly kind: string;
  readonly summary: string;
  readonly itemNumber?: number;
  readonly at: string;
}

/** A request's outcome: its value, or the error it was refused with. */
export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface UnitData {
  readonly unitId: string;
  readonly units: Settled<{ units: UnitRef[] }>;
  readonly score: Settled<UnitScore>;
  readonly inbox: Settled<{ entries: InboxEntry[]; total: number }>;
  /** Item details by item id; left empty when the viewer may see only the public line. */
  readonly items: ReadonlyMap<string, Settled<ItemDetail>>;
}

async function settle<T>(path: string): Promise<Settled<T>> {
  try {
    return { ok: true, value: await get<T>(path) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Loads everything the page shows of `unitId`. Item details (acknowledgement, figures, pending
 * requests) come from the aggregates, so they are current right after a command; the scoreboard
 * line and the inbox come from read models, which follow a moment later.
 */
export async function loadUnit(unitId: string, publicOnly: boolean): Promise<UnitData> {
  const id = encodeURIComponent(unitId);
  const [units, score, inbox] = await Promise.all([
    settle<{ units: UnitRef[] }>('/units'),
    settle<UnitScore>(`/dashboard/units/${id}`),
    settle<{ entries: InboxEntry[]; total: number }>(`/units/${id}/inbox`),
  ]);
  const itemIds = score.ok && !publicOnly ? score.value.assignments.map((a) => a.itemId) : [];
  const details = await Promise.all(itemIds.map((itemId) => settle<ItemDetail>(`/items/${encodeURIComponent(itemId)}`)));
  return { unitId, units, score, inbox, items: new Map(itemIds.map((itemId, i) => [itemId, details[i]!])) };
}

/** Whether a read model answered 503 READ_MODEL.NOT_READY: the page then tries again shortly. */
export function notReady(data: UnitData): boolean {
  const results: Settled<unknown>[] = [data.units, data.score, data.inbox, ...data.items.values()];
  return results.some((r) => !r.ok && r.error instanceof ApiError && r.error.code === 'READ_MODEL.NOT_READY');
}

/** The unit's own assignment on an item (undefined when the viewer sees only the public part). */
export function mine(item: ItemDetail, unitId: string): ItemAssignment | undefined {
  const a = item.assignments.find((x) => x.unitId === unitId);
  return a && a.completion ? a : undefined;
}
