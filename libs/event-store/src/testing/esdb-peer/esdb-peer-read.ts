import { parseFilter, type PeerFilter } from './esdb-peer-filter.js';
import type { PeerEvent, PeerLog } from './esdb-peer-log.js';
import { eventResponse, streamNotFoundResponse } from './esdb-peer-messages.js';
import {
  invalidArgument,
  streamsPb,
  toRpcError,
  type AllOptions,
  type ReadCall,
  type ReadOptions,
  type ReadReq,
  type ReadResp,
  type StreamOptions,
} from './esdb-peer-protocol.js';

/** Opens a subscription on a `Streams.Read` call that carries the `subscription` option. */
export type SubscriptionOpener = (call: ReadCall, options: ReadOptions) => void;

/**
 * `Streams.Read` (server streaming). A read (`count` option) writes its events and ends; a
 * subscription (`subscription` option) is handed to `openSubscription` and stays open.
 *
 * - Stream reads: forwards from `start`, `end` or a revision (inclusive), or backwards from
 *   `end` or a revision (inclusive, clamped to the last revision). A stream without events
 *   answers one `stream_not_found` message, which the client raises as `StreamNotFoundError`
 *   while iterating.
 * - `$all` reads: forwards from `start` or a position (inclusive: events at or after it), or
 *   backwards from `end` or a position (exclusive: events before it, as EventStoreDB reads a
 *   record backwards only when it ends at or before the position). An optional filter keeps
 *   matching events only; `count` limits the events returned. Reads send no checkpoints.
 */
export function handleRead(log: PeerLog, openSubscription: SubscriptionOpener, call: ReadCall): void {
  try {
    const options = requireOptions(call.request);
    if (options.hasSubscription()) return openSubscription(call, options);
    for (const response of readResponses(log, options)) call.write(response);
    call.end();
  } catch (error) {
    call.emit('error', toRpcError(error).toStatus());
  }
}

function readResponses(log: PeerLog, options: ReadOptions): ReadResp[] {
  if (options.hasStream()) {
    if (options.hasFilter()) throw invalidArgument('a stream read cannot have a filter');
    return readStream(log, options);
  }
  if (options.hasAll()) return readAll(log, options);
  throw invalidArgument('ReadReq.options must name a stream or $all');
}

function readStream(log: PeerLog, options: ReadOptions): ReadResp[] {
  const stream = requireStream(options);
  const streamId = streamName(stream);
  const events = log.stream(streamId);
  if (!events) return [streamNotFoundResponse(streamId)];
  const start = revisionStart(stream);
  const count = readCount(options);
  const selected = isBackwards(options) ? streamBackwards(events, start, count) : streamForwards(events, start, count);
  return selected.map((event) => eventResponse(event, options.getUuidOption(), false));
}

function streamForwards(events: readonly PeerEvent[], start: ReadStart, count: number): readonly PeerEvent[] {
  const from = start === 'start' ? 0 : start === 'end' ? events.length : Number(start);
  return events.slice(from, from + count);
}

function streamBackwards(events: readonly PeerEvent[], start: ReadStart, count: number): readonly PeerEvent[] {
  const last = events.length - 1;
  const from = start === 'end' ? last : start === 'start' ? 0 : Math.min(Number(start), last);
  return events.slice(Math.max(0, from - count + 1), from + 1).reverse();
}

function readAll(log: PeerLog, options: ReadOptions): ReadResp[] {
  const start = positionStart(requireAll(options));
  const filter: PeerFilter | undefined = options.hasFilter() ? parseFilter(options.getFilter()!) : undefined;
  const ordered = isBackwards(options) ? allBackwards(log.all, start) : allForwards(log.all, start);
  const matching = filter ? ordered.filter(filter.matches) : ordered;
  return matching
    .slice(0, readCount(options))
    .map((event) => eventResponse(event, options.getUuidOption(), true));
}

function allForwards(events: readonly PeerEvent[], start: ReadStart): readonly PeerEvent[] {
  if (start === 'end') return [];
  if (start === 'start') return events;
  return events.filter((event) => event.position >= start);
}

function allBackwards(events: readonly PeerEvent[], start: ReadStart): readonly PeerEvent[] {
  if (start === 'start') return [];
  const before = start === 'end' ? events : events.filter((event) => event.position < start);
  return [...before].reverse();
}

// Read options, shared with subscriptions.

/** Where a read or subscription starts: a revision (stream) or commit position (`$all`). */
export type ReadStart = 'start' | 'end' | bigint;

export function requireOptions(request: ReadReq): ReadOptions {
  const options = request.getOptions();
  if (!options) throw invalidArgument('ReadReq.options is missing');
  return options;
}

export function isBackwards(options: ReadOptions): boolean {
  return options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
}

/** `count` is a 64-bit integer (a decimal string); the client sends 2^53 - 1 for "no limit". */
export function readCount(options: ReadOptions): number {
  const count = BigInt(options.getCount());
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
}

export function requireStream(options: ReadOptions): StreamOptions {
  const stream = options.getStream();
  if (!stream) throw invalidArgument('ReadReq.options.stream is missing');
  return stream;
}

export function requireAll(options: ReadOptions): AllOptions {
  const all = options.getAll();
  if (!all) throw invalidArgument('ReadReq.options.all is missing');
  return all;
}

/** Stream names travel as UTF-8 bytes. */
export function streamName(stream: StreamOptions): string {
  const bytes = stream.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array();
  const name = Buffer.from(bytes).toString('utf8');
  if (!name) throw invalidArgument('the stream name is empty');
  return name;
}

export function revisionStart(stream: StreamOptions): ReadStart {
  if (stream.hasStart()) return 'start';
  if (stream.hasEnd()) return 'end';
  if (stream.hasRevision()) return BigInt(stream.getRevision());
  throw invalidArgument('the stream read has no start, end or revision');
}

/** Only the commit position counts: the peer gives every event the same commit and prepare position. */
export function positionStart(all: AllOptions): ReadStart {
  if (all.hasStart()) return 'start';
  if (all.hasEnd()) return 'end';
  const position = all.getPosition();
  if (position) return BigInt(position.getCommitPosition());
  throw invalidArgument('the $all read has no start, end or position');
}
