import { Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { DirectivesModule, ITEM_PROCESSOR, REGISTRY_PROCESSOR, StreamCommandProcessor, type ItemProcessor, type RegistryProcessor } from '#directives';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, CLOCK, LOGGER, timeScaleOf, type AppConfig, type Clock, type Logger } from '#platform';
import { lateTolerance, weeklyRepeat } from '#reminders';
import { statusReportDecider } from '../status-report.decider.js';
import { STATUS_REPORT_SCHEDULE, StatusReportIssuer, type StatusReportProcessor } from '../status-report-issuer.js';

export const STATUS_REPORT_PROCESSOR = Symbol.for('directive-engine.StatusReportProcessor');
export const STATUS_REPORTS_QUEUE = 'status-reports';
const ISSUE_JOB = 'IssueStatusReports';
const SCHEDULER = 'status-reports-weekly';

/** The status reports' stream processor, for any process (the API reads and reproduces issues). */
@Module({
  imports: [DirectivesModule],
  providers: [
    {
      provide: STATUS_REPORT_PROCESSOR,
      useFactory: (store: EventStore, clock: Clock): StatusReportProcessor => new StreamCommandProcessor(store, statusReportDecider, clock, { name: 'report', cacheSize: 64 }),
      inject: [EVENT_STORE, CLOCK],
    },
  ],
  exports: [STATUS_REPORT_PROCESSOR],
})
export class StatusReportsModule {}

/**
 * Issues the weekly status reports in the worker: a BullMQ job scheduler on Friday 16:00 in
 * Asia/Ho_Chi_Minh (on a scaled clock, a tick every engine hour), a run at start so a report missed
 * while the worker was down is issued (late), and the scheduler put back when Redis lost it.
 */
@Injectable()
export class StatusReportsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queue: Queue;
  private worker?: Worker;
  private keeper?: NodeJS.Timeout;
  private readonly issuer: StatusReportIssuer;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(REGISTRY_PROCESSOR) registry: RegistryProcessor,
    @Inject(ITEM_PROCESSOR) items: ItemProcessor,
    @Inject(STATUS_REPORT_PROCESSOR) reports: StatusReportProcessor,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.queue = new Queue(STATUS_REPORTS_QUEUE, { connection: redis, prefix: config.redis.keyPrefix });
    this.issuer = new StatusReportIssuer(registry, items, reports, clock, lateTolerance(config.followUp.lateAfterMs, timeScaleOf(clock)), logger.child({ component: 'status-reports' }));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.install();
    await this.issuer.run();
    this.worker = new Worker(STATUS_REPORTS_QUEUE, () => this.issuer.run(), {
      connection: this.redis,
      prefix: this.config.redis.keyPrefix,
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 100 },
    });
    this.worker.on('failed', (job, err) => this.logger.warn({ job: job?.id, err: err.message }, 'status report job failed'));
    this.keeper = setInterval(() => void this.keep(), this.config.followUp.reconcileEveryMs);
    this.keeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.keeper);
    await this.worker?.close();
    await this.queue.close();
  }

  private async install(): Promise<void> {
    await this.queue.upsertJobScheduler(SCHEDULER, weeklyRepeat(STATUS_REPORT_SCHEDULE, timeScaleOf(this.clock)), { name: ISSUE_JOB, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
  }

  private async keep(): Promise<void> {
    try {
      await this.install();
      await this.issuer.run();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'status reports: could not reinstall the schedule; retrying');
    }
  }
}

@Module({ imports: [StatusReportsModule, DirectivesModule], providers: [StatusReportsWorker] })
export class StatusReportsWorkerModule {}
