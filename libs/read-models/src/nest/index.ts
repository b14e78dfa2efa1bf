export * from './projection-trigger.js';
export * from './read-model-reader.js';
export * from './read-models-metrics.js';
export * from './read-models-worker.js';
export * from './read-models-worker.module.js';
export * from './read-models.errors.js';
export * from './read-models.module.js';
export * from './read-models.tokens.js';
