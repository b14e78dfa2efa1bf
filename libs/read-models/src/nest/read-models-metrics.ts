import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Gauge, Histogram } from 'prom-client';
import { EVENT_STORE, type EventStore } from '#event-store';
import { REDIS } from '#jobs';
import { APP_CONFIG, type AppConfig } from '#platform';
import { MetricsService } from '#runtime';
import type { Projection } from '../engine/projection.js';
import type { RunnerObserver } from '../engine/projection-runner.js';
import { readModelStatus } from '../engine/read-model-status.js';
import { PROJECTIONS_TOKEN } from './read-models.tokens.js';

/** Lag of every read model, measured at each scrape, and how long after recording events get applied. */
@Injectable()
export class ReadModelsMetrics implements OnModuleInit, RunnerObserver {
  private applyLag?: Histogram<'projection'>;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(PROJECTIONS_TOKEN) private readonly projections: readonly Projection[],
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const { store, redis, projections } = this;
    const prefix = this.config.redis.keyPrefix;
    // One measurement serves both gauges of a scrape (prom-client collects metrics concurrently).
    let measuring: { at: number; statuses: Promise<Awaited<ReturnType<typeof readModelStatus>>[]> } | undefined;
    const measure = () => {
      if (!measuring || Date.now() - measuring.at > 250) {
        measuring = { at: Date.now(), statuses: Promise.all(projections.map((p) => readModelStatus(store, redis, p, prefix))) };
      }
      return measuring.statuses;
    };
    new Gauge({
      name: 'engine_read_model_lag_events',
      help: 'Events of the log not yet applied (counted up to 1000)',
      labelNames: ['projection'],
      registers,
      async collect() {
        for (const status of await measure()) this.set({ projection: status.projection }, status.eventsBehind);
      },
    });
    new Gauge({
      name: 'engine_read_model_lag_seconds',
      help: 'Age of the oldest event not yet applied',
      labelNames: ['projection'],
      registers,
      async collect() {
        for (const status of await measure()) this.set({ projection: status.projection }, status.msBehind / 1000);
      },
    });
    this.applyLag = new Histogram({
      name: 'engine_read_model_apply_lag_seconds',
      help: 'Time from an event being recorded to its read model being updated',
      labelNames: ['projection'],
      buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
  }

  batchApplied(projection: string, _events: number, lagsMs: number[]): void {
    for (const ms of lagsMs) this.applyLag?.observe({ projection }, ms / 1000);
  }
}
