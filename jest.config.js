// npm test runs every test: unit tests of the pure parts, integration tests against the
// PostgreSQL server (TEST_DATABASE_URL, one fresh database per test file) and the smoke test
// of the real service on an empty embedded database.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false }],
  },
  // @prisma/schema-engine-wasm (its JS glue) and strip-bom (used by @microsoft/app-manifest) are
  // ES modules; let ts-jest compile them.
  transformIgnorePatterns: ['/node_modules/(?!(@prisma/schema-engine-wasm|@microsoft/app-manifest/node_modules/strip-bom|strip-bom)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  // Both cores: integration tests wait on the database and on HTTP as much as they compute.
  maxWorkers: 2,
};
