export * from './engine/index.js';
export * from './nest/index.js';
export * from './models.js';
