export * from './create-event-store.js';
export * from './runtime.module.js';
export * from './metrics.service.js';
export * from './health.js';
