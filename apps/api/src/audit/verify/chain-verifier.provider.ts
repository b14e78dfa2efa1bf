import type { Provider } from '@nestjs/common';
import { ChainVerifier } from '#audit';
import { EVENT_STORE, type EventStore } from '#event-store';
import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '#platform';

/**
 * The verifier on the configured store. Only here, where the adapter is known from the
 * configuration, may it be told that positions have no gaps (SQLite), so a deleted event at a
 * stream's tail shows even without an anchor.
 */
export const chainVerifierProvider: Provider = {
  provide: ChainVerifier,
  useFactory: (store: EventStore, clock: Clock, config: AppConfig) => new ChainVerifier(store, clock, { contiguousPositions: config.eventStore.kind === 'sqlite' }),
  inject: [EVENT_STORE, CLOCK, APP_CONFIG],
};
