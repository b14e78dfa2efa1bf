/**
 * What the engine did by itself: the demo never fakes reminders or escalations, it reads them back
 * from the items' histories (as the monitor may), so the counts on the progress line are facts the
 * worker recorded.
 */
import type { DemoApi } from './demo-api.js';

/** Event types the worker or the monitor record about follow-up, counted as they appear. */
export interface FollowUpCounts {
  reminders: number;
  lateReminders: number;
  deadlinesMissed: number;
  escalationsRaised: number;
  escalationsClimbed: number;
  escalationsResolved: number;
}

interface HistoryPage {
  events: { type: string; revision: number; data: { late?: boolean } }[];
  nextRevision: number | null;
}

const PAGE = 1000;

/** Follows the histories of the directive's items from where it last read, counting follow-up facts. */
export class CampaignWatch {
  readonly counts: FollowUpCounts = { reminders: 0, lateReminders: 0, deadlinesMissed: 0, escalationsRaised: 0, escalationsClimbed: 0, escalationsResolved: 0 };
  private readonly next = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(
    private readonly api: DemoApi,
    private readonly itemIds: readonly string[],
  ) {}

  /** Polls every `everyMs` (real time) until stopped; a failed poll is tried again at the next tick. */
  start(everyMs = 1000): void {
    this.timer = setInterval(() => void this.poll().catch(() => undefined), everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling?.catch(() => undefined);
  }

  /**
   * Waits (bounded) until a missed deadline is seen. The worker records it at the deadline or, when
   * the campaign's processes stopped first, the restarted worker does as it reconciles (late).
   */
  async untilDeadlineMissed(timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    do {
      await this.poll().catch(() => undefined);
      if (this.counts.deadlinesMissed > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    } while (Date.now() < deadline);
  }

  /** One pass over every item (only one pass at a time). */
  poll(): Promise<void> {
    this.polling ??= this.readAll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async readAll(): Promise<void> {
    for (const itemId of this.itemIds) {
      let from: number | null = this.next.get(itemId) ?? 0;
      while (from !== null) {
        const page: HistoryPage = await this.api.get<HistoryPage>('monitor', `/items/${itemId}/events?fromRevision=${from}&limit=${PAGE}`);
        page.events.forEach((event) => this.count(event));
        const last = page.events.at(-1);
        if (last) this.next.set(itemId, last.revision + 1);
        from = page.nextRevision;
      }
    }
  }

  private count(event: HistoryPage['events'][number]): void {
    const c = this.counts;
    if (event.type === 'ReminderSent') (c.reminders += 1), (c.lateReminders += event.data.late ? 1 : 0);
    else if (event.type === 'DeadlineMissed') c.deadlinesMissed += 1;
    else if (event.type === 'EscalationRaised') c.escalationsRaised += 1;
    else if (event.type === 'EscalationLevelRaised') c.escalationsClimbed += 1;
    else if (event.type === 'EscalationResolved') c.escalationsResolved += 1;
  }
}
