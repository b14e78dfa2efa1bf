import { Module, type DynamicModule } from '@nestjs/common';
import { ChainVerificationWorkerModule, StatusReportsWorkerModule } from '#audit';
import { JobsModule } from '#jobs';
import { PROJECTIONS, ReadModelsModule, ReadModelsWorkerModule } from '#read-models';
import { FollowUpModule, NotificationsModule, NotificationsWorkerModule } from '#reminders';
import { MetricsModule, RuntimeModule, type RuntimeOptions } from '#runtime';
import { WorkerHealthController } from './worker-health.controller.js';

/**
 * The worker process: it holds the Redis connection BullMQ needs and the event store, processes
 * the read-models, follow-up (reminders, escalations, weekly status reports, the daily walk of the hash chains) and
 * notifications (webhooks) queues, or the
 * subset `WORKER_QUEUES` names, and answers health and metrics.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    const queues = new Set(options.config.workerQueues);
    const processors = [
      ...(queues.has('read-models') ? [ReadModelsWorkerModule] : []),
      ...(queues.has('notifications') ? [NotificationsWorkerModule] : []),
      ...(queues.has('follow-up') ? [FollowUpModule, StatusReportsWorkerModule, ChainVerificationWorkerModule] : []),
    ];
    return {
      module: WorkerModule,
      imports: [RuntimeModule.forRoot(options), MetricsModule, JobsModule, ReadModelsModule.forRoot(PROJECTIONS), NotificationsModule, ...processors],
      controllers: [WorkerHealthController],
    };
  }
}
