export * from './policy/index.js';
export * from './scheduling/index.js';
export * from './delivery/index.js';
