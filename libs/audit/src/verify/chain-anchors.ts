import { randomUUID } from 'node:crypto';
import { chainHash, type EventActor, type EventMetadata, type EventStore } from '#event-store';
import type { StreamHead } from './chain-verification.js';

/** The stream of anchors: `<category>-<id>` like every stream, so EventStoreDB's `$ce-audit` holds it. */
export const ANCHOR_STREAM = 'audit-anchors';

/** Event type of an anchor; a stable literal, never to change once stored. */
export const CHAIN_ANCHORED = 'ChainAnchored';

/** The heads of every stream as one verification found them intact. */
export interface ChainAnchoredData {
  readonly heads: Readonly<Record<string, StreamHead>>;
  readonly verifiedAt: string;
}

/** The last anchor of the store, with where it stands in its own stream. */
export interface LastAnchor extends ChainAnchoredData {
  readonly revision: number;
}

/** Who records an anchor, and under which request. */
export interface AnchorRequest {
  readonly actor: EventActor;
  readonly correlationId: string;
  readonly recordedAt: string;
}

/** The anchor recorded: its place in `audit-anchors` and how many heads it holds. */
export interface RecordedAnchor {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly hash: string;
  readonly streams: number;
  readonly verifiedAt: string;
}

/**
 * The newest anchor, or none. Anchors catch what a chain cannot: a stream cut at its tail still
 * chains. Watch out: whoever can delete the newest anchor falls back to an older one, which is
 * why auditors should also keep the anchors (or their hashes) outside the store.
 */
export async function readLastAnchor(store: EventStore): Promise<LastAnchor | undefined> {
  const [last] = await store.readStream(ANCHOR_STREAM, { direction: 'backwards', maxCount: 1 });
  if (!last || last.type !== CHAIN_ANCHORED) return undefined;
  const data = last.data as Partial<ChainAnchoredData>;
  if (typeof data.heads !== 'object' || data.heads === null || typeof data.verifiedAt !== 'string') return undefined;
  return { heads: data.heads, verifiedAt: data.verifiedAt, revision: last.revision };
}

/**
 * Appends an anchor of `heads` after the anchor stream's verified head, chained like every event.
 *
 * @throws WrongExpectedRevisionError when another anchor was recorded since `after` was read.
 */
export async function appendAnchor(
  store: EventStore,
  data: ChainAnchoredData,
  after: StreamHead | undefined,
  request: AnchorRequest,
): Promise<RecordedAnchor> {
  const eventId = randomUUID();
  const revision = (after?.revision ?? -1) + 1;
  const metadata: EventMetadata = { actor: request.actor, correlationId: request.correlationId, recordedAt: request.recordedAt };
  const hash = chainHash(after?.hash ?? null, { streamId: ANCHOR_STREAM, revision, eventId, type: CHAIN_ANCHORED, data, metadata });
  const event = { eventId, type: CHAIN_ANCHORED, data, metadata: { ...metadata, hash } };
  await store.append(ANCHOR_STREAM, [event], { expectedRevision: after ? after.revision : 'no_stream' });
  return { streamId: ANCHOR_STREAM, revision, eventId, hash, streams: Object.keys(data.heads).length, verifiedAt: data.verifiedAt };
}
