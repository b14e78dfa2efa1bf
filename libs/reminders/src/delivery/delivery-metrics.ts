import { Counter, type Registry } from 'prom-client';

/** One attempt's outcome: `failed` will be retried, `parked` was the last attempt. */
export type DeliveryOutcome = 'delivered' | 'failed' | 'parked';

export interface DeliveryObserver {
  attempted(outcome: DeliveryOutcome): void;
}

/**
 * `engine_webhook_deliveries_total{outcome}` in the process's registry (`MetricsService.registry`).
 * Create one per registry: prom-client refuses a second metric of the same name.
 */
export class DeliveryMetrics implements DeliveryObserver {
  private readonly deliveries: Counter<'outcome'>;

  constructor(registry: Registry) {
    this.deliveries = new Counter({
      name: 'engine_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: delivered, failed (will be retried), parked (attempts spent)',
      labelNames: ['outcome'],
      registers: [registry],
    });
  }

  attempted(outcome: DeliveryOutcome): void {
    this.deliveries.inc({ outcome });
  }
}
