export * from './decider-spec.js';
export * from './projection-spec.js';
export * from './private-redis.js';
