import { excludeSystemEvents, START, type AllStreamResolvedEvent, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { EventSubscription, GlobalPosition, RecordedEvent } from '../../event-store.port.js';
import { decodePosition, fromRecorded, isSystemEvent } from './esdb-mapping.js';

export interface ResubscribeOptions {
  /** First wait before resubscribing after a drop; doubles up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly logger?: { warn(obj: object, msg: string): void };
}

/**
 * A catch-up subscription to `$all` (system events filtered out by the server) that survives
 * drops: when the server ends it or the connection fails, it resubscribes from the last position
 * it delivered (subscriptions start strictly after their position, so nothing is delivered twice)
 * with a growing delay. Subscriptions that die silently are the most reported failure of these
 * clients; this one ends only when closed.
 *
 * It resumes from the last event its consumer took, not from the server's filter checkpoints: a
 * checkpoint may arrive while events before it still wait in the stream's buffer, and resuming
 * from it after a drop would skip them. The cost is re-scanning, on the server, the system events
 * since the last event of ours.
 */
export class EsdbAllSubscription implements EventSubscription {
  private current: AllStreamSubscription | undefined;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    private lastPosition: GlobalPosition | undefined,
    private readonly options: ResubscribeOptions,
    private readonly onClose: (subscription: EsdbAllSubscription) => void,
  ) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    const current = this.current;
    this.current = undefined;
    await current?.unsubscribe().catch(() => undefined);
    this.onClose(this);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let delay = this.options.initialDelayMs;
    try {
      while (!this.closed) {
        try {
          for await (const resolved of this.subscribe()) {
            const event = this.toEvent(resolved);
            if (!event) continue;
            delay = this.options.initialDelayMs;
            yield event;
            if (this.closed) return;
          }
          if (!this.closed) this.options.logger?.warn({ after: this.lastPosition }, 'EventStoreDB ended the $all subscription; resubscribing');
        } catch (error) {
          if (this.closed) return;
          this.options.logger?.warn({ err: (error as Error).message, after: this.lastPosition, retryInMs: delay }, 'EventStoreDB $all subscription dropped; resubscribing');
        }
        await this.pause(delay);
        delay = Math.min(delay * 2, this.options.maxDelayMs);
      }
    } finally {
      await this.close();
    }
  }

  private subscribe(): AllStreamSubscription {
    const fromPosition = this.lastPosition === undefined ? START : decodePosition(this.lastPosition);
    this.current = this.client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() });
    return this.current;
  }

  private toEvent(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event || isSystemEvent(event)) return undefined;
    const recorded = fromRecorded(event, event.position);
    this.lastPosition = recorded.position;
    return recorded;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
