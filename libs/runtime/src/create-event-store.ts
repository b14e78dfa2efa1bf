import { EsdbEventStore, SqliteEventStore, type EventStore } from '#event-store';
import type { AppConfig, Logger } from '#platform';

/**
 * Opens the event store the configuration names. This is the only place that knows which
 * adapter runs; everything above it sees the `EventStore` port.
 */
export async function createEventStore(config: AppConfig, logger: Logger): Promise<EventStore> {
  const store = config.eventStore;
  switch (store.kind) {
    case 'sqlite':
      logger.info({ eventStore: 'sqlite', file: store.file, synchronous: store.synchronous }, 'opening the SQLite event store');
      return SqliteEventStore.open({ filename: store.file, synchronous: store.synchronous, logger });
    case 'esdb':
      logger.info({ eventStore: 'esdb', connection: redactConnection(store.connectionString) }, 'connecting to EventStoreDB');
      return EsdbEventStore.open({ connectionString: store.connectionString, logger });
    default: {
      const unknown: never = store;
      throw new Error(`Unknown event store ${JSON.stringify(unknown)}`);
    }
  }
}

/** The connection string without its password, for logs. */
export function redactConnection(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}
