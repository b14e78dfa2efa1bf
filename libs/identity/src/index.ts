export * from './identity.js';
export * from './token.service.js';
