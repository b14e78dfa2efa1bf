import { AllSubscription } from './esdb-peer-all-subscription.js';
import { parseSubscriptionFilter } from './esdb-peer-filter.js';
import type { PeerLog } from './esdb-peer-log.js';
import { invalidArgument, type ReadCall, type ReadOptions } from './esdb-peer-protocol.js';
import {
  isBackwards,
  positionStart,
  requireAll,
  requireStream,
  revisionStart,
  streamName,
} from './esdb-peer-read.js';
import { StreamSubscription, type PeerSubscription } from './esdb-peer-subscription.js';

/** The open subscriptions of a peer: opens them from read options, drops or closes them. */
export class PeerSubscriptions {
  private readonly open = new Set<PeerSubscription>();

  constructor(private readonly log: PeerLog) {}

  get count(): number {
    return this.open.size;
  }

  /** Opens a subscription for a `Streams.Read` call (throws a `PeerRpcError` for bad options). */
  subscribe(call: ReadCall, options: ReadOptions): void {
    if (isBackwards(options)) throw invalidArgument('a subscription reads forwards only');
    const subscription = this.create(call, options);
    this.open.add(subscription);
    subscription.start();
  }

  /** Ends every open subscription with the given gRPC status; returns how many were dropped. */
  dropAll(code: number, details: string): number {
    const dropped = [...this.open];
    for (const subscription of dropped) subscription.drop(code, details);
    return dropped.length;
  }

  private create(call: ReadCall, options: ReadOptions): PeerSubscription {
    const uuidOption = options.getUuidOption();
    const onClose = (subscription: PeerSubscription) => this.open.delete(subscription);
    if (options.hasStream()) {
      if (options.hasFilter()) throw invalidArgument('a stream subscription cannot have a filter');
      const stream = requireStream(options);
      return new StreamSubscription(this.log, call, uuidOption, onClose, streamName(stream), revisionStart(stream));
    }
    if (!options.hasAll()) throw invalidArgument('ReadReq.options must name a stream or $all');
    const filter = options.hasFilter() ? parseSubscriptionFilter(options.getFilter()!) : undefined;
    return new AllSubscription(this.log, call, uuidOption, onClose, positionStart(requireAll(options)), filter);
  }
}
