import { randomUUID } from 'node:crypto';
import type { PeerEvent, PeerLog } from './esdb-peer-log.js';
import { caughtUpResponse, confirmationResponse, eventResponse } from './esdb-peer-messages.js';
import { PeerRpcError, type ReadCall, type ReadResp, type UuidOption } from './esdb-peer-protocol.js';
import type { ReadStart } from './esdb-peer-read.js';

/**
 * One open subscription (a `Streams.Read` call with the `subscription` option).
 *
 * It answers, in this order: `confirmation` (a subscription id), the history after the start
 * (exclusive), `caught_up`, then live events as they are appended, until the client cancels,
 * the test drops it, or the peer stops. History and the switch to live happen in one
 * synchronous step, and appends reach the subscription synchronously, so nothing is missed or
 * delivered twice. Writes ignore gRPC flow control (fine for test-sized logs).
 */
export abstract class PeerSubscription {
  readonly id = randomUUID();
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(
    protected readonly log: PeerLog,
    private readonly call: ReadCall,
    protected readonly uuidOption: UuidOption | undefined,
    private readonly onClose: (subscription: PeerSubscription) => void,
  ) {}

  start(): void {
    this.call.on('cancelled', () => this.close());
    this.send(confirmationResponse(this.id));
    this.catchUp();
    this.unsubscribe = this.log.onAppend((events) => this.receive(events));
  }

  /** Ends the call with a gRPC error status, as when a server drops a subscription. */
  drop(code: number, details: string): void {
    if (this.closed) return;
    this.close();
    this.call.emit('error', new PeerRpcError(code, details).toStatus());
  }

  /** Stops delivering without answering anything more (client gone, or the server is stopping). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.onClose(this);
  }

  protected send(response: ReadResp): void {
    if (!this.closed) this.call.write(response);
  }

  protected sendEvent(event: PeerEvent, withCommitPosition: boolean): void {
    this.send(eventResponse(event, this.uuidOption, withCommitPosition));
  }

  protected sendCaughtUp(): void {
    this.send(caughtUpResponse());
  }

  /** Delivers the history after the start, then `caught_up` (unless the subscription must wait). */
  protected abstract catchUp(): void;

  /** Delivers what the subscription wants of a batch of appended events. */
  protected abstract onAppended(events: readonly PeerEvent[]): void;

  /** An append never fails because a subscriber did: a broken subscription is closed instead. */
  private receive(events: readonly PeerEvent[]): void {
    try {
      this.onAppended(events);
    } catch {
      this.close();
    }
  }
}

/**
 * A subscription to one stream, after a revision (exclusive) or from `start` / `end`.
 * History events carry `no_position` as EventStoreDB's catch-up reads do; live ones carry the
 * commit position. Like EventStoreDB, a subscription to a stream that does not exist yet (not
 * from `end`) keeps catching up until the stream appears: `caught_up` follows its first events.
 */
export class StreamSubscription extends PeerSubscription {
  private cursor = -1n;
  private waitingForStream = false;

  constructor(
    log: PeerLog,
    call: ReadCall,
    uuidOption: UuidOption | undefined,
    onClose: (subscription: PeerSubscription) => void,
    private readonly streamId: string,
    private readonly from: ReadStart,
  ) {
    super(log, call, uuidOption, onClose);
  }

  protected catchUp(): void {
    const events = this.log.stream(this.streamId) ?? [];
    this.cursor = this.from === 'start' ? -1n : this.from === 'end' ? BigInt(events.length - 1) : this.from;
    if (events.length === 0 && this.from !== 'end') {
      this.waitingForStream = true;
      return;
    }
    for (const event of events) if (event.revision > this.cursor) this.deliver(event, false);
    this.sendCaughtUp();
  }

  protected onAppended(events: readonly PeerEvent[]): void {
    const mine = events.filter((event) => event.streamId === this.streamId);
    if (mine.length === 0) return;
    const live = !this.waitingForStream;
    for (const event of mine) if (event.revision > this.cursor) this.deliver(event, live);
    if (live) return;
    this.waitingForStream = false;
    this.sendCaughtUp();
  }

  private deliver(event: PeerEvent, live: boolean): void {
    this.sendEvent(event, live);
    this.cursor = event.revision;
  }
}
