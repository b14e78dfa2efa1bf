export * from './event-store.port.js';
export * from './event-store.errors.js';
export * from './adapters/sqlite/sqlite-event-store.js';
export * from './adapters/esdb/esdb-event-store.js';
export * from './chain/chain-hash.js';
