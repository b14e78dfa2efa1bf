import { describe, expect, it } from '@jest/globals';
import type { IssuedItemState } from '#directives';
import { decodeItemChain, encodeItemDelta, plainItemState, type EncodedItemState, type IndexSizes } from './item-state.codec.js';
import { emptyItemFold, foldItemEvent, type ItemFold } from './item-replay.js';
import { campaign, ITEM_1 } from './replay.fixtures.js';

const events = () => campaign().events.filter((e) => e.streamId === `item-${ITEM_1}`);

/** Folds every event, encoding a snapshot every `every` events: the chain a replay writes. */
function foldWithSnapshots(every: number): { folds: ItemFold[]; snapshots: EncodedItemState[] } {
  let fold = emptyItemFold();
  let sizes: IndexSizes = {};
  const folds: ItemFold[] = [];
  const snapshots: EncodedItemState[] = [];
  for (const event of events()) {
    fold = foldItemEvent(fold, event);
    if ((event.revision + 1) % every !== 0) continue;
    const snapshot = encodeItemDelta(fold.state, sizes);
    sizes = snapshot.sizes;
    snapshots.push(snapshot);
    folds.push(fold);
  }
  return { folds, snapshots };
}

/** The state snapshot `i` of a chain encodes: the deltas up to it, its own head. */
const restore = (snapshots: readonly EncodedItemState[], i: number) => decodeItemChain(snapshots.slice(0, i + 1).map((s) => s.delta), snapshots[i]!.head);

describe('Item state snapshots', () => {
  it('rebuild the state at each snapshot exactly, append-only indexes (reports, reminders) included', () => {
    const { folds, snapshots } = foldWithSnapshots(3);
    expect(snapshots.length).toBeGreaterThan(3);
    folds.forEach((fold, i) => expect(plainItemState(restore(snapshots, i).state)).toEqual(plainItemState(fold.state)));
    const last = restore(snapshots, snapshots.length - 1).state as IssuedItemState;
    const original = folds[folds.length - 1]!.state as IssuedItemState;
    expect(last.reports.has('rg-02')).toBe(true);
    expect([...last.reminders.entries()]).toEqual([...original.reminders.entries()]);
    expect([...last.reminders.entries()]).toEqual([[expect.stringMatching(/^kien-hai\|deadline-minus-7d\|/), expect.any(String)]]);
    // The assignments come back as the persistent map, in the order assigned.
    expect([...last.assignments.keys()]).toEqual([...original.assignments.keys()]);
    expect(last.assignments.set('x', last.assignments.first()!).size).toBe(original.assignments.size + 1);
  });

  it('fold on from a rebuilt state exactly as from the original: a later correction finds the report it corrects', () => {
    const all = events();
    const cut = all.findIndex((e) => e.type === 'ProgressReportCorrected') - 1;
    let fold = emptyItemFold();
    for (const event of all.slice(0, cut + 1)) fold = foldItemEvent(fold, event);
    const snapshot = encodeItemDelta(fold.state);
    let resumed: ItemFold = { ...fold, state: decodeItemChain([snapshot.delta], snapshot.head).state };
    for (const event of all.slice(cut + 1)) {
      fold = foldItemEvent(fold, event);
      resumed = foldItemEvent(resumed, event);
    }
    expect(plainItemState(resumed.state)).toEqual(plainItemState(fold.state));
    expect((resumed.state as IssuedItemState).assignments.get('rach-gia')!.metrics['cards_issued']!.reportId).toBe('rg-04');
  });

  it('store in each delta only the index entries added since the previous snapshot, the rest of the state in the head', () => {
    const { snapshots } = foldWithSnapshots(4);
    const reportsIn = (text: string) => (JSON.parse(text) as { path: string[]; entries: unknown[] }[]).find((i) => i.path[0] === 'reports')!.entries.length;
    const total = snapshots.reduce((sum, s) => sum + reportsIn(s.delta), 0);
    expect(total).toBe((restore(snapshots, snapshots.length - 1).state as IssuedItemState).reports.size);
    expect(JSON.parse(snapshots[0]!.head)).toMatchObject({ reports: null, reminders: null, itemId: ITEM_1 });
  });

  it('refuse a chain with a delta missing from its middle, or none at all', () => {
    const { snapshots } = foldWithSnapshots(3);
    const last = snapshots[snapshots.length - 1]!.head;
    expect(() => decodeItemChain([snapshots[0]!.delta, ...snapshots.slice(2).map((s) => s.delta)], last)).toThrow(/chain broken/);
    expect(() => decodeItemChain([], last)).toThrow();
  });
});
