import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { PROCESSOR_OBSERVER, type ProcessorObserver } from '#directives';
import { EVENT_STORE, type EventStore } from '#event-store';

/**
 * Prometheus metrics of one process, in a registry of its own (so several apps can live in one
 * test process). Exposed at `/metrics` by the API and the worker.
 */
@Injectable()
export class MetricsService implements ProcessorObserver {
  readonly registry = new Registry();
  private readonly http = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  private readonly commands = new Counter({
    name: 'engine_commands_total',
    help: 'Commands by stream kind, type and outcome (recorded, replayed, refused, failed)',
    labelNames: ['stream', 'command', 'outcome'],
    registers: [this.registry],
  });
  private readonly batches = new Histogram({
    name: 'engine_command_batch_size',
    help: 'Commands decided together and appended in one write, per stream',
    labelNames: ['stream'],
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });
  private readonly conflicts = new Counter({
    name: 'engine_command_conflicts_total',
    help: 'Appends refused because another writer changed the stream first (then retried)',
    labelNames: ['stream'],
    registers: [this.registry],
  });

  private readonly replays = new Histogram({
    name: 'engine_audit_replay_seconds',
    help: 'As-of answers by kind (item, directive) and where the replay started: a snapshot decoded in this process, one read from Redis, or the start of the log',
    labelNames: ['kind', 'start'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 120],
    registers: [this.registry],
  });
  private readonly replayed = new Counter({
    name: 'engine_audit_replayed_events_total',
    help: 'Events folded by as-of answers, by kind (item, directive)',
    labelNames: ['kind'],
    registers: [this.registry],
  });

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    collectDefaultMetrics({ register: this.registry });
    this.exposeStoreStats(store);
  }

  /** Group-commit counters of stores that keep them (SQLite): appends per transaction show how well fsyncs are shared. */
  private exposeStoreStats(store: EventStore): void {
    const stats = (store as { stats?: () => Record<string, number> }).stats;
    if (typeof stats !== 'function') return;
    const gauge = new Gauge({
      name: 'engine_event_store_total',
      help: 'Event store counters since start: batches (transactions), appends, events, failedBatches',
      labelNames: ['counter'],
      registers: [this.registry],
      collect() {
        for (const [counter, value] of Object.entries(stats.call(store))) gauge.set({ counter }, value);
      },
    });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.http.observe({ method, route, status: String(status) }, seconds);
  }

  batch(name: string, size: number): void {
    this.batches.observe({ stream: name }, size);
  }

  conflict(name: string): void {
    this.conflicts.inc({ stream: name });
  }

  outcome(name: string, command: string, outcome: string): void {
    this.commands.inc({ stream: name, command, outcome });
  }

  /** One as-of answer: `start` is `process`, `redis` or `log` (no snapshot or checkpoint used). */
  observeReplay(kind: 'item' | 'directive', start: 'process' | 'redis' | 'log', seconds: number, events: number): void {
    this.replays.observe({ kind, start }, seconds);
    this.replayed.inc({ kind }, events);
  }
}

/** Told when commands commit, e.g. to trigger the read models' catch-up. */
export interface CommitListener {
  committed(stream: string, streamId: string): void;
}

export const COMMIT_LISTENER = Symbol.for('directive-engine.CommitListener');

@Global()
@Module({
  providers: [
    MetricsService,
    {
      provide: PROCESSOR_OBSERVER,
      useFactory: (metrics: MetricsService, listener?: CommitListener): ProcessorObserver => ({
        batch: (name, size) => metrics.batch(name, size),
        conflict: (name) => metrics.conflict(name),
        outcome: (name, command, outcome) => metrics.outcome(name, command, outcome),
        committed: (name, streamId) => listener?.committed(name, streamId),
      }),
      inject: [MetricsService, { token: COMMIT_LISTENER, optional: true }],
    },
  ],
  exports: [MetricsService, PROCESSOR_OBSERVER],
})
export class MetricsModule {}
