import { Module, type DynamicModule } from '@nestjs/common';
import { JobsModule } from '#jobs';
import { PROJECTIONS, ReadModelsModule, ReadModelsWorkerModule } from '#read-models';
import { FollowUpModule, NotificationsModule, NotificationsWorkerModule } from '#reminders';
import { MetricsModule, RuntimeModule, type RuntimeOptions } from '#runtime';
import { WorkerHealthController } from './worker-health.controller.js';

/**
 * The worker process: it holds the Redis connection BullMQ needs and the event store, processes
 * the read-models and follow-up (reminders, escalations) queues, and answers health and metrics.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [RuntimeModule.forRoot(options), MetricsModule, JobsModule, ReadModelsModule.forRoot(PROJECTIONS), ReadModelsWorkerModule, NotificationsModule, NotificationsWorkerModule, FollowUpModule],
      controllers: [WorkerHealthController],
    };
  }
}
