export * from './verify/index.js';
export * from './reports/index.js';
export * from './replay/index.js';
