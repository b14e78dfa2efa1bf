import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#event-store';
import { TokenService } from '#identity';
import { APP_CONFIG, CLOCK, clockFromConfig, LOGGER, type AppConfig, type Clock, type Logger } from '#platform';
import { createEventStore } from './create-event-store.js';

export interface RuntimeOptions {
  readonly config: AppConfig;
  readonly logger: Logger;
  /** Defaults to the configured clock (`CLOCK_START`, `TIME_SCALE`); tests pass a controllable one. */
  readonly clock?: Clock;
  /** An already opened store (tests); otherwise the configured one is opened. */
  readonly store?: EventStore;
}

/**
 * The process-wide infrastructure every app shares: configuration, clock, structured logger,
 * the configured event store (closed on shutdown) and the token service.
 */
@Global()
@Module({})
export class RuntimeModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(options: RuntimeOptions): DynamicModule {
    const { config, logger } = options;
    return {
      module: RuntimeModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: CLOCK, useValue: options.clock ?? clockFromConfig(config.clock) },
        { provide: EVENT_STORE, useFactory: () => options.store ?? createEventStore(config, logger) },
        { provide: TokenService, useFactory: () => new TokenService(config.auth) },
      ],
      exports: [APP_CONFIG, LOGGER, CLOCK, EVENT_STORE, TokenService],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
