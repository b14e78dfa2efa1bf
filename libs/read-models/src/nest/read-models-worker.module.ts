import { Module } from '@nestjs/common';
import { ReadModelsWorker } from './read-models-worker.js';

/** Processes the read-models queue (import beside `ReadModelsModule.forRoot`, in the worker). */
@Module({ providers: [ReadModelsWorker] })
export class ReadModelsWorkerModule {}
