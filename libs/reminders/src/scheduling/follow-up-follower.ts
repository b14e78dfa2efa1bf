import type { Redis } from 'ioredis';
import type { EventStore, GlobalPosition, RecordedEvent } from '#event-store';
import type { Logger } from '#platform';
import type { Notice } from '../delivery/notification-channel.js';
import { ProjectionLock } from '#read-models';
import type { DirectiveFollowUp, FollowUpDirectory } from './follow-up-directory.js';
import type { FollowUpScheduler } from './follow-up-scheduler.js';

/** Where notices go: the delivery queue. */
export interface NoticeSink {
  dispatch(notices: readonly Notice[]): Promise<number>;
}

/** Item facts that change what should be pending. */
const PLAN_CHANGES = new Set([
  'UnitAssigned',
  'ExtensionApproved',
  'CompletionReported',
  'CompletionAccepted',
  'CompletionRejected',
  'ItemCompleted',
  'ItemClosed',
  'DeadlineMissed',
  'EscalationRaised',
  'EscalationLevelRaised',
  'EscalationResolved',
]);
const NOTICES = new Set(['ReminderSent', 'EscalationRaised', 'EscalationLevelRaised']);
const DIRECTIVE_CHANGES = new Set(['DirectiveRegistered', 'ReminderPolicySet']);

const PAGE = 1000;

export interface FollowRun {
  /** The checkpoint was missing (Redis emptied): nothing was read; the caller reconciles. */
  readonly lost: boolean;
  readonly events: number;
  readonly items: number;
  readonly notices: number;
}

/**
 * Follows the global log after its checkpoint (kept in Redis): items whose plan changed are
 * synced with BullMQ, and reminders and escalations recorded are passed to the notice sink. The
 * checkpoint moves only after a page is handled, so a worker killed midway handles the page again
 * (syncing and dispatching are idempotent). One follower runs at a time across workers.
 */
export class FollowUpFollower {
  private readonly checkpointKey: string;

  constructor(
    private readonly store: EventStore,
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly directory: FollowUpDirectory,
    private readonly scheduler: FollowUpScheduler,
    private readonly sink?: NoticeSink,
    private readonly logger?: Logger,
  ) {
    this.checkpointKey = `${keyPrefix}:follow-up:checkpoint`;
  }

  async run(): Promise<FollowRun> {
    const lock = await ProjectionLock.acquire(this.redis, 'follow-up-log', 60_000, this.keyPrefix);
    if (!lock) return { lost: false, events: 0, items: 0, notices: 0 };
    try {
      const checkpoint = await this.redis.get(this.checkpointKey);
      if (checkpoint === null) return { lost: true, events: 0, items: 0, notices: 0 };
      return await this.follow(checkpoint === '' ? undefined : checkpoint, () => lock.renew());
    } finally {
      await lock.release();
    }
  }

  /** The position of the last event of the log now ('' when empty), to restart from after a reconciliation. */
  async head(): Promise<string> {
    let after: GlobalPosition | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: 5000 });
      if (page.events.length > 0) after = page.events[page.events.length - 1]!.position;
      if (page.isEnd || page.events.length === 0) return after ?? '';
    }
  }

  async hasCheckpoint(): Promise<boolean> {
    return (await this.redis.exists(this.checkpointKey)) === 1;
  }

  async setCheckpoint(position: string): Promise<void> {
    await this.redis.set(this.checkpointKey, position);
  }

  private async follow(from: GlobalPosition | undefined, renew: () => Promise<boolean>): Promise<FollowRun> {
    let after = from;
    const totals = { lost: false, events: 0, items: 0, notices: 0 };
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: PAGE });
      if (page.events.length === 0) return totals;
      const handled = await this.handle(page.events);
      totals.events += page.events.length;
      totals.items += handled.items;
      totals.notices += handled.notices;
      after = page.events[page.events.length - 1]!.position;
      await this.setCheckpoint(after);
      if (page.isEnd || !(await renew())) return totals;
    }
  }

  private async handle(events: readonly RecordedEvent[]): Promise<{ items: number; notices: number }> {
    const items = new Set<string>();
    const directives = new Set<string>();
    const notices: Notice[] = [];
    for (const event of events) {
      const data = event.data as { itemId?: string; directiveId?: string };
      if (PLAN_CHANGES.has(event.type) && data.itemId) items.add(data.itemId);
      if (DIRECTIVE_CHANGES.has(event.type) && data.directiveId) directives.add(data.directiveId);
      if (NOTICES.has(event.type) && data.itemId) notices.push(...noticesOf(event, data.itemId));
    }
    for (const directiveId of directives) await this.directiveChanged(directiveId, items);
    for (const itemId of items) await this.syncItem(itemId);
    const sent = notices.length > 0 && this.sink ? await this.sink.dispatch(notices) : 0;
    return { items: items.size, notices: sent };
  }

  private async directiveChanged(directiveId: string, items: Set<string>): Promise<void> {
    const directive = await this.directory.directive(directiveId);
    if (!directive) return;
    await this.scheduler.installReportReminders(directive);
    for (const itemId of directive.itemIds) items.add(itemId);
  }

  private async syncItem(itemId: string): Promise<void> {
    const state = await this.directory.item(itemId);
    if (state.status === 'unissued') return;
    const directive: DirectiveFollowUp | undefined = await this.directory.directive(state.directiveId);
    if (!directive) return;
    const outcome = await this.scheduler.syncItem(state, directive.policy);
    this.logger?.debug({ itemId, ...outcome }, 'follow-up plan synced');
  }
}

/** Who hears of a fact: the unit concerned, and for escalations whoever must act. */
function noticesOf(event: RecordedEvent, itemId: string): Notice[] {
  const data = event.data as { unitId?: string; mustAct?: string };
  const recipients = new Set([data.unitId, data.mustAct].filter((u): u is string => typeof u === 'string'));
  return [...recipients].map((unitId) => ({ id: event.eventId, type: event.type, itemId, unitId, recordedAt: event.metadata.recordedAt, data: event.data }));
}
