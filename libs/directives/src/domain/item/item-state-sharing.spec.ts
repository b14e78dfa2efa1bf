import { describe, expect, it } from '@jest/globals';
import { AppendOnlyIndex } from '../shared/append-only-index.js';
import { evolveItem } from './item.evolve.js';
import { assigned, DISTRICTS_GROUP, issued, MAY_1, reported, underWay } from './item.fixtures.js';
import { initialItemState, type IssuedItemState } from './item.state.js';

const fold = (events: Parameters<typeof evolveItem>[1][]) => events.reduce(evolveItem, initialItemState()) as IssuedItemState;
/** What a state holds, indexes as their visible entries (they share storage between versions by design). */
const contents = (state: object) => JSON.stringify(state, (_key, value: unknown) => (value instanceof AppendOnlyIndex ? [...value.entries()] : value));

describe('Item states are persistent', () => {
  it('a report changes its unit’s assignment in a new state, shares the others, and leaves the state before it as it was', () => {
    const before = fold(underWay);
    const snapshot = contents(before);
    const after = evolveItem(before, reported('rach-gia', 'rg-01', '2021-05-01', 150_000, MAY_1)) as IssuedItemState;
    expect(contents(before)).toBe(snapshot);
    expect(before.assignments.get('rach-gia')!.metrics).toEqual({});
    expect(after.assignments.get('rach-gia')!.metrics['cards_issued']).toMatchObject({ value: 150_000, asOf: '2021-05-01' });
    expect(after.assignments.get('phu-quoc')).toBe(before.assignments.get('phu-quoc'));
    expect(after.assignments.get('dang-uy-cong-an-tinh')).toBe(before.assignments.get('dang-uy-cong-an-tinh'));
  });

  it('keeps the assignments in the order assigned, and gives them to JSON as a record by unit', () => {
    const units = ['z-last', '2021', 'a-first', 'm-middle'];
    const state = fold([issued, ...units.map((unitId) => assigned(unitId, 'lead', DISTRICTS_GROUP))]);
    expect([...state.assignments.keys()]).toEqual(units);
    expect(Object.keys(JSON.parse(JSON.stringify(state)).assignments as object).sort()).toEqual([...units].sort());
    // Two branches from one state do not see each other's changes.
    const a = evolveItem(state, reported('z-last', 'r-a', '2021-05-01', 1, MAY_1)) as IssuedItemState;
    const b = evolveItem(state, reported('z-last', 'r-b', '2021-05-01', 2, MAY_1)) as IssuedItemState;
    expect([a, b, state].map((s) => s.assignments.get('z-last')!.metrics['cards_issued']?.value)).toEqual([1, 2, undefined]);
  });
});
