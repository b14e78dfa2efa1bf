import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, LOGGER, type AppConfig, type Logger } from '#platform';
import { COMMIT_LISTENER } from '#runtime';
import type { Projection } from '../engine/projection.js';
import { ProjectionRunner } from '../engine/projection-runner.js';
import { READ_MODELS_QUEUE } from '../engine/read-models-queue.js';
import { ProjectionTrigger } from './projection-trigger.js';
import { ReadModelReader } from './read-model-reader.js';
import { ReadModelsMetrics } from './read-models-metrics.js';
import { PROJECTIONS_TOKEN, READ_MODELS_QUEUE_TOKEN } from './read-models.tokens.js';

/**
 * The read models for any process: the projections, their queue, the runner, the reader the API
 * serves from, the trigger that asks for a catch-up after commands commit, and lag metrics.
 * (The worker adds `ReadModelsWorkerModule`, which processes the queue.)
 */
@Global()
@Module({})
export class ReadModelsModule implements OnApplicationShutdown {
  constructor(@Inject(READ_MODELS_QUEUE_TOKEN) private readonly queue: Queue) {}

  static forRoot(projections: readonly Projection[]): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        { provide: PROJECTIONS_TOKEN, useValue: projections },
        {
          provide: READ_MODELS_QUEUE_TOKEN,
          useFactory: (redis: Redis, config: AppConfig) => new Queue(READ_MODELS_QUEUE, { connection: redis, prefix: config.redis.keyPrefix }),
          inject: [REDIS, APP_CONFIG],
        },
        ProjectionTrigger,
        { provide: COMMIT_LISTENER, useExisting: ProjectionTrigger },
        ReadModelReader,
        ReadModelsMetrics,
        {
          provide: ProjectionRunner,
          useFactory: (store: EventStore, redis: Redis, logger: Logger, metrics: ReadModelsMetrics, config: AppConfig) =>
            new ProjectionRunner(store, redis, {
              keyPrefix: config.redis.keyPrefix,
              buildCacheDocs: config.readModels.buildCacheDocs,
              logger: logger.child({ component: 'read-models' }),
              observer: metrics,
            }),
          inject: [EVENT_STORE, REDIS, LOGGER, ReadModelsMetrics, APP_CONFIG],
        },
      ],
      exports: [PROJECTIONS_TOKEN, READ_MODELS_QUEUE_TOKEN, COMMIT_LISTENER, ReadModelReader, ProjectionRunner, ProjectionTrigger],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}
