export * from './chain-verification.js';
export * from './chain-anchors.js';
export * from './chain-verifier.js';
