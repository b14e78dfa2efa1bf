export * from './event-store.port.js';
export * from './event-store.errors.js';
export * from './adapters/sqlite/sqlite-event-store.js';
