import type { Logger } from '#platform';
import type { FollowUpDirectory } from './follow-up-directory.js';
import type { FollowUpHandler } from './follow-up-handler.js';
import type { FollowUpScheduler } from './follow-up-scheduler.js';

export interface ReconcileOutcome {
  readonly directives: number;
  readonly items: number;
  /** Follow-ups the plans hold (pending or due). */
  readonly planned: number;
  /** Of those, due already: run now (late when past the tolerance). */
  readonly due: number;
  readonly removed: number;
  readonly reportReminders: number;
}

/**
 * Derives from the event log what should be pending and repairs BullMQ: every open item's plan is
 * synced (missing jobs added, stale ones removed, due ones run now), every directive's report
 * reminders scheduler is installed and its latest occurrence sent where it was missed. Run at
 * worker start, periodically, and whenever Redis lost the follow-up's checkpoint. Idempotent.
 */
export class FollowUpReconciler {
  constructor(
    private readonly directory: FollowUpDirectory,
    private readonly scheduler: FollowUpScheduler,
    private readonly handler: FollowUpHandler,
    private readonly logger?: Logger,
  ) {}

  async run(): Promise<ReconcileOutcome> {
    const totals = { directives: 0, items: 0, planned: 0, due: 0, removed: 0, reportReminders: 0 };
    for (const directive of await this.directory.directives()) {
      totals.directives += 1;
      await this.scheduler.installReportReminders(directive);
      for (const itemId of directive.itemIds) {
        const state = await this.directory.item(itemId);
        if (state.status === 'unissued') continue;
        const outcome = await this.scheduler.syncItem(state, directive.policy);
        totals.items += 1;
        totals.planned += outcome.planned;
        totals.due += outcome.due;
        totals.removed += outcome.removed;
      }
      totals.reportReminders += await this.handler.reportReminders(directive);
    }
    this.logger?.info(totals, 'follow-up reconciled with the event log');
    return totals;
  }
}
