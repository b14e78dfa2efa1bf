import type { JobsOptions, Queue } from 'bullmq';
import type { ItemState } from '#directives';
import { timeScaleOf, type Clock } from '#platform';
import { everPlannedFollowUp, planFollowUp, type PlannedJob } from '../policy/index.js';
import type { DirectiveFollowUp } from './follow-up-directory.js';
import { encodeFollowUp, FOLLOW_UP_JOB, queueJobId, REPORT_REMINDERS_JOB, reportRemindersScheduler, type FollowUpJobData } from './follow-up-queue.js';
import { weeklyRepeat } from './repeat-options.js';

export interface SyncOutcome {
  /** Jobs of the plan handed to BullMQ (those already held are left as they are). */
  readonly planned: number;
  /** Jobs due already, made to run now. */
  readonly due: number;
  /** Jobs of an earlier plan removed (extension approved, completion, closing). */
  readonly removed: number;
}


/**
 * Keeps BullMQ holding exactly what an item's plan says should be pending. Job ids are
 * deterministic (item, unit or escalation, rule, due time), so adding a job twice, from two
 * workers or after a restart, keeps one; the handler checks the item's history again before
 * anything is recorded. Delays are engine time divided by the clock's time scale.
 */
export class FollowUpScheduler {
  private readonly scale: number;

  constructor(
    private readonly queue: Queue,
    private readonly clock: Clock,
  ) {
    this.scale = timeScaleOf(clock);
  }

  async syncItem(state: ItemState, policy: DirectiveFollowUp['policy']): Promise<SyncOutcome> {
    const plan = planFollowUp(state, policy);
    const wanted = new Set(plan.map(queueJobId));
    const stale = everPlannedFollowUp(state, policy).map(queueJobId).filter((id) => !wanted.has(id));
    const removed = await this.remove(stale);
    const now = this.clock.now().getTime();
    if (plan.length > 0) await this.queue.addBulk(plan.map((job) => this.bulkJob(job, now)));
    const due = plan.filter((job) => Date.parse(job.dueAt) <= now);
    await Promise.all(due.map((job) => this.runNow(queueJobId(job))));
    return { planned: plan.length, due: due.length, removed };
  }

  /**
   * The job for `job`, delayed until its due time. Options are only the id and the delay (each
   * one more makes the job's hash larger): the worker drops finished jobs, and a failed one is
   * retried by the reconciler, which adds what is due again.
   */
  bulkJob(job: PlannedJob, now: number): { name: string; data: FollowUpJobData; opts: JobsOptions } {
    const delay = Math.max(0, Math.round((Date.parse(job.dueAt) - now) / this.scale));
    return { name: FOLLOW_UP_JOB, data: encodeFollowUp(job), opts: { jobId: queueJobId(job), delay } };
  }

  /**
   * Installs the directive's periodic report reminders as a job scheduler (`weeklyRepeat`); each
   * tick works out the occurrence it serves.
   */
  async installReportReminders(directive: DirectiveFollowUp): Promise<void> {
    const id = reportRemindersScheduler(directive.directiveId);
    const rule = directive.policy.reportReminders;
    if (!rule) {
      await this.queue.removeJobScheduler(id);
      return;
    }
    await this.queue.upsertJobScheduler(id, weeklyRepeat(rule, this.scale), {
      name: REPORT_REMINDERS_JOB,
      data: { directiveId: directive.directiveId },
      opts: { removeOnComplete: true, removeOnFail: 100 },
    });
  }

  private async runNow(jobId: string): Promise<void> {
    const job = await this.queue.getJob(jobId);
    if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
  }

  private async remove(ids: readonly string[]): Promise<number> {
    // A job being processed right now is locked and stays; its handler finds it stale.
    const results = await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
    return results.reduce((sum, n) => sum + n, 0);
  }
}
