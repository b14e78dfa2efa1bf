import type { PeerEvent } from './esdb-peer-log.js';
import { invalidArgument, type FilterExpression, type FilterOptions } from './esdb-peer-protocol.js';

/**
 * EventStoreDB reads this many events per page (`ReadBatchSize`); it is also the search window
 * of a filter sent with `count` instead of `max` (the client does so when no `maxSearchWindow`
 * is given).
 */
export const READ_BATCH_SIZE = 32;

/**
 * A server-side filter on `$all` (`ReadReq.Options.FilterOptions`).
 *
 * - It matches on the stream name or on the event type, by prefixes (any of them) or by a
 *   regular expression (unanchored, as .NET's `Regex.IsMatch`; here a JavaScript `RegExp`).
 *   An empty prefix list matches nothing. `excludeSystemEvents()` is the event-type regex
 *   `^[^$].*`.
 * - `window` is how many events one page considers at most (`max`, or 32 for `count`);
 *   subscriptions send a checkpoint every `interval` = window × `checkpointIntervalMultiplier`
 *   considered events (matching or not).
 */
export interface PeerFilter {
  readonly matches: (event: PeerEvent) => boolean;
  readonly window: number;
  readonly interval: number;
}

export function parseFilter(options: FilterOptions): PeerFilter {
  const window = options.hasMax() ? options.getMax() : READ_BATCH_SIZE;
  if (window <= 0) throw invalidArgument('the filter max search window must be greater than 0');
  const multiplier = options.getCheckpointintervalmultiplier();
  return { matches: matcher(options), window, interval: window * Math.max(multiplier, 1) };
}

/** A subscription refuses a checkpoint interval multiplier of 0, as EventStoreDB does. */
export function parseSubscriptionFilter(options: FilterOptions): PeerFilter {
  if (options.getCheckpointintervalmultiplier() <= 0) {
    throw invalidArgument('the checkpoint interval multiplier must be greater than 0');
  }
  return parseFilter(options);
}

function matcher(options: FilterOptions): (event: PeerEvent) => boolean {
  if (options.hasStreamIdentifier()) {
    const test = expressionTest(options.getStreamIdentifier());
    return (event) => test(event.streamId);
  }
  if (options.hasEventType()) {
    const test = expressionTest(options.getEventType());
    return (event) => test(event.type);
  }
  throw invalidArgument('the filter must be on the stream identifier or on the event type');
}

function expressionTest(expression: FilterExpression | undefined): (value: string) => boolean {
  const regex = expression?.getRegex() ?? '';
  if (regex) return regexTest(regex);
  const prefixes = expression?.getPrefixList() ?? [];
  return (value) => prefixes.some((prefix: string) => value.startsWith(prefix));
}

function regexTest(source: string): (value: string) => boolean {
  try {
    const regex = new RegExp(source);
    return (value) => regex.test(value);
  } catch {
    throw invalidArgument(`invalid filter regex ${JSON.stringify(source)}`);
  }
}

/**
 * Where the page starting at `start` ends: after `window` considered events or
 * `READ_BATCH_SIZE` matching ones, whichever comes first (EventStoreDB's filtered page read).
 */
export function pageEnd(events: readonly PeerEvent[], start: number, filter: PeerFilter): number {
  let index = start;
  let matching = 0;
  while (index < events.length && index - start < filter.window && matching < READ_BATCH_SIZE) {
    if (filter.matches(events[index])) matching += 1;
    index += 1;
  }
  return index;
}
