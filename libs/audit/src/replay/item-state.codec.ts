import { OrderedMap } from 'immutable';
import { AppendOnlyIndex, type Assignment, type ItemState } from '#directives';

/** How many entries each append-only index of a state held (by its path), to encode only what came after. */
export type IndexSizes = Readonly<Record<string, number>>;

interface EncodedIndex {
  readonly path: readonly string[];
  /** Entries before this one are in earlier deltas of the chain. */
  readonly from: number;
  readonly entries: readonly (readonly [string, unknown])[];
}

/** A snapshot of an item state, in two parts (see `CheckpointData`). */
export interface EncodedItemState {
  /** The entries each append-only index gained since the previous snapshot. */
  readonly delta: string;
  /** The rest of the state, whole, each index replaced by `null`: small, and only read from the snapshot restored. */
  readonly head: string;
  readonly sizes: IndexSizes;
}

/**
 * Encodes an item state for a snapshot chain. A state holds `AppendOnlyIndex`es (reports,
 * reminders) that grow with the history: each snapshot stores only the entries added since the
 * previous one (`previous`) in its delta, and the rest of the state (assignments, blockers,
 * escalations: small) whole in its head. Indexes are found wherever they sit in the state, so a
 * new index field needs no change here. Values `undefined` are left out, as JSON does: views
 * read them the same.
 */
export function encodeItemDelta(state: ItemState, previous: IndexSizes = {}): EncodedItemState {
  const indexes: EncodedIndex[] = [];
  const sizes: Record<string, number> = {};
  for (const [path, index] of indexesOf(state, [])) {
    const key = path.join('.');
    const from = previous[key] ?? 0;
    indexes.push({ path, from, entries: [...index.entries()].slice(from) });
    sizes[key] = index.size;
  }
  const head = JSON.stringify(withPlainAssignments(state), (_key, value: unknown) => (value instanceof AppendOnlyIndex ? null : value));
  return { delta: JSON.stringify(indexes), head, sizes };
}

/**
 * The state a chain of snapshots encodes: the head of the last one, with every index rebuilt from
 * the entries of all the deltas in order. Throws when the deltas do not follow on from each other
 * (a delta lost from the middle of a chain): the caller then folds from the events instead.
 */
export function decodeItemChain(deltas: readonly string[], head: string): { state: ItemState; sizes: IndexSizes } {
  if (deltas.length === 0) throw new Error('A snapshot chain without deltas encodes no indexes');
  const entries = new Map<string, { path: readonly string[]; list: (readonly [string, unknown])[] }>();
  for (const text of deltas) {
    for (const index of JSON.parse(text) as EncodedIndex[]) {
      const key = index.path.join('.');
      const known = entries.get(key) ?? { path: index.path, list: [] };
      if (index.from !== known.list.length) throw new Error(`Snapshot chain broken at ${key}: entries from ${index.from}, ${known.list.length} known`);
      for (const entry of index.entries) known.list.push(entry);
      entries.set(key, known);
    }
  }
  const state = JSON.parse(head) as Record<string, unknown>;
  if (Array.isArray(state['assignments'])) state['assignments'] = OrderedMap(state['assignments'] as [string, Assignment][]);
  const sizes: Record<string, number> = {};
  for (const [key, { path, list }] of entries) {
    setAt(state, path, list.reduce((index, [k, v]) => index.add(k, v), AppendOnlyIndex.empty<unknown>()));
    sizes[key] = list.length;
  }
  return { state: state as unknown as ItemState, sizes };
}

/** The state as plain JSON data, indexes as their entries: for comparing two states whatever their history. */
export function plainItemState(state: ItemState): unknown {
  return JSON.parse(JSON.stringify(state, (_key, value: unknown) => (value instanceof AppendOnlyIndex ? { entries: [...value.entries()] } : value)));
}

/** The state with its assignments as `[unitId, assignment]` pairs, in the order assigned (JSON of the map gives a record, whose key order JavaScript may change). */
function withPlainAssignments(state: ItemState): unknown {
  return state.status === 'unissued' ? state : { ...state, assignments: [...state.assignments.entries()] };
}

function* indexesOf(value: unknown, path: string[]): Generator<[string[], AppendOnlyIndex<unknown>]> {
  if (value instanceof AppendOnlyIndex) {
    yield [path, value as AppendOnlyIndex<unknown>];
    return;
  }
  // The assignments map holds no index (and its own fields are the library's).
  if (typeof value !== 'object' || value === null || OrderedMap.isOrderedMap(value)) return;
  for (const [key, child] of Object.entries(value)) yield* indexesOf(child, [...path, key]);
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let holder = target;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  holder[path[path.length - 1]!] = value;
}
