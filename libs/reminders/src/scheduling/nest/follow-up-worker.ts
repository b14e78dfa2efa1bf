import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REDIS } from '#jobs';
import { APP_CONFIG, CLOCK, LOGGER, timeScaleOf, type AppConfig, type Clock, type Logger } from '#platform';
import { FollowUpDirectory } from '../follow-up-directory.js';
import { FollowUpFollower } from '../follow-up-follower.js';
import { FollowUpHandler } from '../follow-up-handler.js';
import { EarlyWarning } from '../early-warning.js';
import { everyEngineHour } from '../repeat-options.js';
import {
  EARLY_WARNING_JOB,
  EARLY_WARNING_SCHEDULER,
  FOLLOW_LOG_JOB,
  FOLLOW_LOG_SCHEDULER,
  FOLLOW_UP_JOB,
  FOLLOW_UP_QUEUE,
  decodeFollowUp,
  type FollowUpJobData,
  RECONCILE_JOB,
  RECONCILE_SCHEDULER,
  REPORT_REMINDERS_JOB,
  type ReportRemindersJobData,
} from '../follow-up-queue.js';
import { FollowUpMetrics } from '../follow-up-metrics.js';
import { FollowUpReconciler, type ReconcileOutcome } from '../follow-up-reconciler.js';
import { FOLLOW_UP_QUEUE_TOKEN } from './follow-up.tokens.js';

const KEEPER_EVERY_MS = 5000;

/**
 * Processes the follow-up queue: a thin mapping of jobs to the handler, the follower and the
 * reconciler. At start it reconciles with the log; every few seconds it checks that Redis still
 * holds the follower's checkpoint and schedulers, and after a FLUSHALL reconciles again, so each
 * missed reminder or overdue check fires once, late.
 */
@Injectable()
export class FollowUpWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker?: Worker;
  private keeper?: NodeJS.Timeout;
  private recovering?: Promise<ReconcileOutcome | undefined>;

  constructor(
    @Inject(FOLLOW_UP_QUEUE_TOKEN) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly directory: FollowUpDirectory,
    private readonly handler: FollowUpHandler,
    private readonly follower: FollowUpFollower,
    private readonly reconciler: FollowUpReconciler,
    private readonly earlyWarning: EarlyWarning,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly metrics?: FollowUpMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.recover(true);
    this.worker = new Worker(FOLLOW_UP_QUEUE, (job, token) => this.process(job, token), {
      connection: this.redis,
      prefix: this.config.redis.keyPrefix,
      concurrency: 8,
      // Finished or failed, a job goes: the item's history is the record, and the reconciler adds
      // a failed follow-up that is still due again (a retry about a minute later).
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 0 },
    });
    this.worker.on('failed', (job, err) => this.logger.warn({ job: job?.id, err: err.message }, 'follow-up job failed'));
    this.keeper = setInterval(() => void this.keep(), KEEPER_EVERY_MS);
    this.keeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.keeper);
    await this.worker?.close();
    await this.recovering;
  }

  /**
   * Reconciles with the log and restarts the follower after it. With `always` false it does so only
   * when the follower's checkpoint is gone (Redis emptied or restarted without persistence).
   */
  recover(always = false): Promise<ReconcileOutcome | undefined> {
    this.recovering ??= this.reconcileAndResume(always).finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  private async reconcileAndResume(always: boolean): Promise<ReconcileOutcome | undefined> {
    const lost = !(await this.follower.hasCheckpoint());
    if (!lost && !always) return undefined;
    const head = lost ? await this.follower.head() : undefined;
    await this.installSchedulers();
    const outcome = await this.reconciler.run();
    if (head !== undefined) await this.follower.setCheckpoint(head);
    return outcome;
  }

  private async keep(): Promise<void> {
    try {
      await this.recover(false);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'follow-up recovery failed; retrying shortly');
    }
  }

  private async installSchedulers(): Promise<void> {
    const opts = { removeOnComplete: true, removeOnFail: 100 };
    await this.queue.upsertJobScheduler(FOLLOW_LOG_SCHEDULER, { every: 1000 }, { name: FOLLOW_LOG_JOB, data: {}, opts });
    await this.queue.upsertJobScheduler(RECONCILE_SCHEDULER, { every: this.config.followUp.reconcileEveryMs }, { name: RECONCILE_JOB, data: {}, opts });
    // Forecasts move with reports, at most daily: once an engine hour is plenty.
    await this.queue.upsertJobScheduler(EARLY_WARNING_SCHEDULER, everyEngineHour(timeScaleOf(this.clock)), { name: EARLY_WARNING_JOB, data: {}, opts });
  }

  private async process(job: Job, token?: string): Promise<unknown> {
    switch (job.name) {
      case FOLLOW_UP_JOB:
        return this.followUp(job, token);
      case REPORT_REMINDERS_JOB: {
        const directive = await this.directory.directive((job.data as ReportRemindersJobData).directiveId);
        return directive ? this.handler.reportReminders(directive) : 0;
      }
      case FOLLOW_LOG_JOB: {
        const run = await this.follower.run();
        if (run.lost) await this.recover(false);
        return run;
      }
      case RECONCILE_JOB:
        return this.reconciler.run();
      case EARLY_WARNING_JOB:
        return this.earlyWarning.run();
      default:
        return undefined;
    }
  }

  /** A job that came early (a scaled clock's rounding, a clock set back) waits for the rest of its delay. */
  private async followUp(job: Job, token?: string): Promise<unknown> {
    const planned = decodeFollowUp(job.data as FollowUpJobData);
    const result = await this.handler.run(planned);
    this.metrics?.ran(planned.kind, result);
    if (result !== 'not-due') return result;
    const remaining = Math.max(1, Math.round((Date.parse(planned.dueAt) - this.clock.now().getTime()) / timeScaleOf(this.clock)));
    await job.moveToDelayed(Date.now() + remaining, token);
    throw new DelayedError();
  }
}
