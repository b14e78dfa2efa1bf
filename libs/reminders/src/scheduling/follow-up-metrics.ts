import type { Queue } from 'bullmq';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { FollowUpResult } from './follow-up-handler.js';

/**
 * `engine_follow_ups_total{kind,result}` (what running follow-up jobs came to) and
 * `engine_follow_ups_pending` / `engine_follow_ups_due` (read from the queue at each scrape).
 * One per registry: prom-client refuses a second metric of the same name.
 */
export class FollowUpMetrics {
  private readonly runs: Counter<'kind' | 'result'>;

  constructor(registry: Registry, queue: Queue) {
    this.runs = new Counter({
      name: 'engine_follow_ups_total',
      help: 'Follow-up jobs run, by kind (reminder, overdue-check, escalation-climb) and result (recorded, already-recorded, stale, not-due, refused)',
      labelNames: ['kind', 'result'],
      registers: [registry],
    });
    new Gauge({
      name: 'engine_follow_ups_pending',
      help: 'Follow-up jobs waiting for their due time (reminders, overdue checks, climbs, schedulers)',
      registers: [registry],
      async collect() {
        this.set(await queue.getDelayedCount());
      },
    });
    new Gauge({
      name: 'engine_follow_ups_due',
      help: 'Follow-up jobs due and not yet run',
      registers: [registry],
      async collect() {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
        this.set(counts.waiting + counts.active + counts.prioritized);
      },
    });
  }

  ran(kind: string, result: FollowUpResult): void {
    this.runs.inc({ kind, result });
  }
}

export interface FollowUpHealth {
  /** False after Redis lost the follower's checkpoint, until the reconciler has run. */
  readonly checkpoint: boolean;
  readonly pending: number;
  readonly due: number;
  readonly failed: number;
}

export async function followUpHealth(queue: Queue, hasCheckpoint: () => Promise<boolean>): Promise<FollowUpHealth> {
  const [checkpoint, counts] = await Promise.all([hasCheckpoint(), queue.getJobCounts('delayed', 'waiting', 'active', 'prioritized', 'failed')]);
  return { checkpoint, pending: counts.delayed, due: counts.waiting + counts.active + counts.prioritized, failed: counts.failed };
}
