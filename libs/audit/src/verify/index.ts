export * from './chain-verification.js';
export * from './chain-anchors.js';
export * from './chain-verifier.js';
export * from './nest/last-verification.js';
export * from './nest/chain-verification.module.js';
