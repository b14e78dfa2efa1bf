export * from './follow-up-harness.js';
