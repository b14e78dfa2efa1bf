/**
 * Jest runs the TypeScript sources directly in native ESM mode (SWC strips types; `tsc --noEmit`
 * type-checks separately). `#…` imports resolve to library sources, like the `source` condition
 * of the TypeScript build.
 */
const swc = {
  sourceMaps: 'inline',
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    target: 'es2023',
    keepClassNames: true,
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
  },
  module: { type: 'es6' },
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // CommonJS packages that require() an ESM-only dependency work in Node 20.19+ (require(esm)),
    // but not inside Jest's module loader on Node 20: compile those few dependencies to CommonJS.
    '/node_modules/(content-disposition)/.+\\.js$': ['@swc/jest', { ...swc, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^#([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^#([a-z-]+)/testing$': '<rootDir>/libs/$1/src/testing/index.ts',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  testTimeout: 30_000,
};
