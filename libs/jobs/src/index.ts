export * from './jobs.module.js';
export * from './redis-connection.js';
