import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type {
  EventMetadata,
  EventStore,
  EventSubscription,
  EventToAppend,
  GlobalPosition,
  RecordedEvent,
} from '../../event-store.port.js';

/** Gives the store of the running test; the harness is created in `beforeEach`. */
export type StoreProvider = () => EventStore;

/** A stream id no other test (or earlier run against a shared server) has used. */
export function uniqueStreamId(prefix = 'item'): string {
  return `${prefix}-${randomUUID()}`;
}

/** Metadata with every optional field set, so that a round-trip proves nothing is dropped. */
export function fullMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: { subject: `user-${randomUUID()}`, role: 'unit', unitId: 'so-noi-vu', name: 'Nguyễn Thị Hằng' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    idempotencyKey: randomUUID(),
    requestHash: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    recordedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function anEvent(type = 'ItemProgressReported', data: unknown = { percent: 40 }): EventToAppend {
  return { eventId: randomUUID(), type, data, metadata: fullMetadata() };
}

export function someEvents(count: number, type = 'ItemProgressReported'): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => anEvent(type, { step: i }));
}

/** Appends one event to a fresh stream and returns its position: a known start for `$all` reads. */
export async function markPosition(store: EventStore): Promise<GlobalPosition> {
  const result = await store.append(uniqueStreamId('marker'), [anEvent('Marker')], { expectedRevision: 'no_stream' });
  return result.position;
}

/** Reads `$all` after a position until its end, keeping only the given streams' events. */
export async function readAllOf(store: EventStore, after: GlobalPosition, streams: ReadonlySet<string>) {
  const ours: RecordedEvent[] = [];
  let cursor = after;
  for (let page = 0; page < 10_000; page += 1) {
    const { events, isEnd } = await store.readAll({ after: cursor, maxCount: 100 });
    ours.push(...events.filter((event) => streams.has(event.streamId)));
    if (isEnd || events.length === 0) return ours;
    cursor = events[events.length - 1].position;
  }
  throw new Error('readAll never reported isEnd');
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Takes the next `count` events of the given streams from a subscription, skipping others. */
export async function take(
  subscription: EventSubscription,
  count: number,
  streams: ReadonlySet<string>,
  timeoutMs = 5_000,
): Promise<RecordedEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const next = await withTimeout(iterator.next(), timeoutMs, `event ${taken.length + 1} of ${count}`);
    if (next.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    if (streams.has(next.value.streamId)) taken.push(next.value);
  }
  return taken;
}

/** Awaits a promise that must reject, and returns its reason for inspection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export function idsOf(events: readonly { eventId: string }[]): string[] {
  return events.map((event) => event.eventId);
}

export function expectRevisions(events: readonly RecordedEvent[], first: number, count: number): void {
  expect(events.map((event) => event.revision)).toEqual(Array.from({ length: count }, (_, i) => first + i));
}
