/** Helpers for the peer's own specs: they drive the peer through the real client. */
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { jsonEvent, type AllStreamResolvedEvent, type ResolvedEvent } from '@eventstore/db-client';

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function someEvents(count: number, type = 'ThingHappened') {
  return Array.from({ length: count }, (_, index) => jsonEvent({ type, data: { index } }));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export function revisions(events: readonly ResolvedEvent[]): bigint[] {
  return events.map((resolved) => resolved.event!.revision);
}

export function commitPositions(events: readonly AllStreamResolvedEvent[]): bigint[] {
  return events.map((resolved) => resolved.event!.position.commit);
}

/** Resolves once `predicate` holds, polling every 5 ms; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Everything a subscription reports, in order: `event:<stream>/<revision>`, `checkpoint:<commit>`, `caughtUp`. */
export class Timeline {
  readonly entries: string[] = [];
  readonly events: ResolvedEvent[] = [];
  error: Error | undefined;
  ended = false;

  /** Listens to `subscription`; create the timeline first when its `checkpoint` goes into the filter. */
  attach<Subscription extends EventEmitter>(subscription: Subscription): Subscription {
    subscription.on('data', (resolved: ResolvedEvent) => {
      this.events.push(resolved);
      this.entries.push(`event:${resolved.event!.streamId}/${resolved.event!.revision}`);
    });
    subscription.on('caughtUp', () => this.entries.push('caughtUp'));
    subscription.on('error', (error: Error) => (this.error = error));
    subscription.on('end', () => (this.ended = true));
    subscription.on('close', () => (this.ended = true));
    return subscription;
  }

  /** For `checkpointReached`: records the checkpoint in order with the rest. */
  readonly checkpoint = (_subscription: unknown, position: { commit: bigint }): void => {
    this.entries.push(`checkpoint:${position.commit}`);
  };

  waitForEntry(entry: string): Promise<void> {
    return waitFor(() => this.entries.includes(entry), `"${entry}" in ${JSON.stringify(this.entries)}`);
  }
}
