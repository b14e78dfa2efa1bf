import type { PeerEvent } from './esdb-peer-log.js';
import {
  invalidArgument,
  sharedPb,
  streamsPb,
  type ReadResp,
  type Uuid,
  type UuidOption,
} from './esdb-peer-protocol.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Reads a UUID sent as a string or as two signed 64-bit halves (`structured`); lower-case. */
export function parseUuid(uuid: Uuid | undefined): string {
  const text = uuid?.hasStructured() ? structuredToString(uuid) : (uuid?.getString() ?? '').toLowerCase();
  if (!UUID_PATTERN.test(text)) throw invalidArgument(`invalid event id "${text}"`);
  return text;
}

/** Writes a UUID the way the read request asked for (`uuid_option`: string or structured). */
export function toGrpcUuid(id: string, option: UuidOption | undefined): Uuid {
  const uuid = new sharedPb.UUID();
  if (!option?.hasStructured()) return uuid.setString(id);
  const hex = id.replaceAll('-', '');
  const structured = new sharedPb.UUID.Structured()
    .setMostSignificantBits(signed64(hex.slice(0, 16)))
    .setLeastSignificantBits(signed64(hex.slice(16)));
  return uuid.setStructured(structured);
}

function structuredToString(uuid: Uuid): string {
  const structured = uuid.getStructured();
  const hex = unsigned64Hex(structured?.getMostSignificantBits()) + unsigned64Hex(structured?.getLeastSignificantBits());
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function unsigned64Hex(bits: string | undefined): string {
  return BigInt.asUintN(64, BigInt(bits ?? '0'))
    .toString(16)
    .padStart(16, '0');
}

function signed64(hex: string): string {
  return BigInt.asIntN(64, BigInt(`0x${hex}`)).toString(10);
}

export function streamIdentifier(streamId: string) {
  return new sharedPb.StreamIdentifier().setStreamName(Buffer.from(streamId, 'utf8'));
}

/**
 * One event of a read or subscription. `withCommitPosition` sets `ReadEvent.commit_position`,
 * which EventStoreDB sends for `$all` reads and live events only (stream reads and the history
 * of stream subscriptions carry `no_position` there); the recorded event always carries its own
 * commit and prepare positions.
 */
export function eventResponse(event: PeerEvent, option: UuidOption | undefined, withCommitPosition: boolean): ReadResp {
  const readEvent = new streamsPb.ReadResp.ReadEvent().setEvent(recordedEvent(event, option));
  if (withCommitPosition) readEvent.setCommitPosition(event.position.toString());
  else readEvent.setNoPosition(new sharedPb.Empty());
  return new streamsPb.ReadResp().setEvent(readEvent);
}

function recordedEvent(event: PeerEvent, option: UuidOption | undefined) {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(toGrpcUuid(event.id, option))
    .setStreamIdentifier(streamIdentifier(event.streamId))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('created', event.created.toString())
    .set('content-type', event.contentType);
  return recorded;
}

export function confirmationResponse(subscriptionId: string): ReadResp {
  const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId);
  return new streamsPb.ReadResp().setConfirmation(confirmation);
}

export function checkpointResponse(position: bigint): ReadResp {
  const checkpoint = new streamsPb.ReadResp.Checkpoint()
    .setCommitPosition(position.toString())
    .setPreparePosition(position.toString());
  return new streamsPb.ReadResp().setCheckpoint(checkpoint);
}

export function caughtUpResponse(): ReadResp {
  return new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp());
}

export function streamNotFoundResponse(streamId: string): ReadResp {
  const notFound = new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId));
  return new streamsPb.ReadResp().setStreamNotFound(notFound);
}
