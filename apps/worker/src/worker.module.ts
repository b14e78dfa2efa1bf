import { Module, type DynamicModule } from '@nestjs/common';
import { JobsModule } from '#jobs';
import { MetricsModule, RuntimeModule, type RuntimeOptions } from '#runtime';
import { WorkerHealthController } from './worker-health.controller.js';

/**
 * The worker process: it holds the Redis connection BullMQ needs and the event store, and
 * answers health and metrics. Job processors (read models, reminders) register here.
 */
@Module({})
export class WorkerModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [RuntimeModule.forRoot(options), MetricsModule, JobsModule],
      controllers: [WorkerHealthController],
    };
  }
}
