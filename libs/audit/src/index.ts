export * from './verify/index.js';
export * from './reports/index.js';
