import type { GlobalPosition } from '#event-store';
import type { ChainBreak } from './chain-verification.js';

/**
 * Watches a log whose positions count 1, 2, 3… (the SQLite adapter's) for the first gap: an event
 * deleted from the log, whichever stream it belonged to, including the tail of a stream that its
 * chain cannot show. Deleting the very last events of the whole log leaves no gap; anchors cover that.
 */
export class PositionGaps {
  private last = 0n;
  private gap: ChainBreak | undefined;

  accept(position: GlobalPosition): void {
    if (this.gap || !/^\d{1,19}$/.test(position)) return;
    const current = BigInt(position);
    if (current > this.last + 1n) {
      const [from, to] = [this.last + 1n, current - 1n];
      const range = from === to ? `position ${from} is` : `positions ${from} to ${to} are`;
      this.gap = { streamId: '$all', revision: -1, kind: 'missing', position: String(from), detail: `global ${range} missing: events were deleted from the log` };
    }
    this.last = current;
  }

  get first(): ChainBreak | undefined {
    return this.gap;
  }
}
