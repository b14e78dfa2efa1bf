import { describe, expect, it } from '@jest/globals';
import type { IssuedItemState } from '#directives';
import { decodeItemChain, encodeItemDelta, plainItemState, type IndexSizes } from './item-state.codec.js';
import { emptyItemFold, foldItemEvent, type ItemFold } from './item-replay.js';
import { campaign, ITEM_1 } from './replay.fixtures.js';

const events = () => campaign().events.filter((e) => e.streamId === `item-${ITEM_1}`);

/** Folds every event, encoding a delta every `every` events: the chain a replay writes. */
function foldWithDeltas(every: number): { folds: ItemFold[]; deltas: string[] } {
  let fold = emptyItemFold();
  let sizes: IndexSizes = {};
  const folds: ItemFold[] = [];
  const deltas: string[] = [];
  for (const event of events()) {
    fold = foldItemEvent(fold, event);
    if ((event.revision + 1) % every !== 0) continue;
    const delta = encodeItemDelta(fold.state, sizes);
    sizes = delta.sizes;
    deltas.push(delta.text);
    folds.push(fold);
  }
  return { folds, deltas };
}

describe('Item state snapshots', () => {
  it('rebuild the state at each snapshot exactly, append-only indexes (reports, reminders) included', () => {
    const { folds, deltas } = foldWithDeltas(3);
    expect(deltas.length).toBeGreaterThan(3);
    folds.forEach((fold, i) => {
      expect(plainItemState(decodeItemChain(deltas.slice(0, i + 1)).state)).toEqual(plainItemState(fold.state));
    });
    const last = decodeItemChain(deltas).state as IssuedItemState;
    expect(last.reports.has('rg-02')).toBe(true);
    const original = folds[folds.length - 1]!.state as IssuedItemState;
    expect([...last.reminders.entries()]).toEqual([...original.reminders.entries()]);
    expect([...last.reminders.entries()]).toEqual([[expect.stringMatching(/^kien-hai\|deadline-minus-7d\|/), expect.any(String)]]);
  });

  it('fold on from a rebuilt state exactly as from the original: a later correction finds the report it corrects', () => {
    const all = events();
    const cut = all.findIndex((e) => e.type === 'ProgressReportCorrected') - 1;
    let fold = emptyItemFold();
    for (const event of all.slice(0, cut + 1)) fold = foldItemEvent(fold, event);
    let resumed: ItemFold = { ...fold, state: decodeItemChain([encodeItemDelta(fold.state).text]).state };
    for (const event of all.slice(cut + 1)) {
      fold = foldItemEvent(fold, event);
      resumed = foldItemEvent(resumed, event);
    }
    expect(plainItemState(resumed.state)).toEqual(plainItemState(fold.state));
    expect((resumed.state as IssuedItemState).assignments['rach-gia']!.metrics['cards_issued']!.reportId).toBe('rg-04');
  });

  it('store in each delta only the index entries added since the previous snapshot', () => {
    const { deltas } = foldWithDeltas(4);
    const reportsIn = (text: string) => (JSON.parse(text) as { indexes: { path: string[]; entries: unknown[] }[] }).indexes.find((i) => i.path[0] === 'reports')!.entries.length;
    const total = deltas.reduce((sum, text) => sum + reportsIn(text), 0);
    expect(total).toBe((decodeItemChain(deltas).state as IssuedItemState).reports.size);
  });

  it('refuse a chain with a delta missing from its middle', () => {
    const { deltas } = foldWithDeltas(3);
    expect(() => decodeItemChain([deltas[0]!, ...deltas.slice(2)])).toThrow(/chain broken/);
    expect(() => decodeItemChain([])).toThrow();
  });
});
