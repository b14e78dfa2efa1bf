import { pageEnd, type PeerFilter } from './esdb-peer-filter.js';
import type { PeerEvent, PeerLog } from './esdb-peer-log.js';
import { checkpointResponse } from './esdb-peer-messages.js';
import type { ReadCall, UuidOption } from './esdb-peer-protocol.js';
import type { ReadStart } from './esdb-peer-read.js';
import { PeerSubscription } from './esdb-peer-subscription.js';

/**
 * A subscription to `$all`, after a position (exclusive) or from `start` / `end`, optionally
 * filtered. Every event carries its commit position.
 *
 * With a filter, it sends `checkpoint` messages as EventStoreDB (23.10 and later) does:
 * - catching up, it considers the history in pages (see `pageEnd`); after a page, once
 *   `interval` events have been considered since the last checkpoint, and always after the last
 *   page, it sends a checkpoint (then `caught_up`);
 * - live, it counts every appended event (matching or not) from 0 and sends a checkpoint at the
 *   event that reaches `interval`, after the event itself when it matches.
 * Nothing to catch up (start at or after the last event, or `end`) means no catch-up
 * checkpoint: just `caught_up`. The peer's checkpoint is the position of the last event
 * considered, a valid exclusive start for a new subscription (EventStoreDB may send an earlier
 * one: the start of the last page read).
 */
export class AllSubscription extends PeerSubscription {
  private cursor = -1n;
  private liveCounter = 0;

  constructor(
    log: PeerLog,
    call: ReadCall,
    uuidOption: UuidOption | undefined,
    onClose: (subscription: PeerSubscription) => void,
    private readonly from: ReadStart,
    private readonly filter: PeerFilter | undefined,
  ) {
    super(log, call, uuidOption, onClose);
  }

  protected catchUp(): void {
    this.cursor = this.startCursor();
    const history = this.log.all.filter((event) => event.position > this.cursor);
    if (this.filter) this.catchUpFiltered(history, this.filter);
    else for (const event of history) this.deliver(event);
    this.sendCaughtUp();
  }

  protected onAppended(events: readonly PeerEvent[]): void {
    for (const event of events) {
      if (event.position <= this.cursor) continue;
      if (!this.filter || this.filter.matches(event)) this.deliver(event);
      this.cursor = event.position;
      if (this.filter) this.countLive(event, this.filter);
    }
  }

  private startCursor(): bigint {
    if (this.from === 'start') return -1n;
    if (this.from === 'end') return this.log.lastPosition ?? -1n;
    return this.from;
  }

  private catchUpFiltered(history: readonly PeerEvent[], filter: PeerFilter): void {
    let considered = 0;
    for (let start = 0; start < history.length; ) {
      const end = pageEnd(history, start, filter);
      for (const event of history.slice(start, end)) if (filter.matches(event)) this.deliver(event);
      considered += end - start;
      start = end;
      this.cursor = history[end - 1].position;
      if (end < history.length && considered < filter.interval) continue;
      considered %= filter.interval;
      this.send(checkpointResponse(this.cursor));
    }
  }

  private countLive(event: PeerEvent, filter: PeerFilter): void {
    this.liveCounter += 1;
    if (this.liveCounter < filter.interval) return;
    this.liveCounter = 0;
    this.send(checkpointResponse(event.position));
  }

  private deliver(event: PeerEvent): void {
    this.sendEvent(event, true);
    this.cursor = event.position;
  }
}
