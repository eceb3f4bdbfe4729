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
  // @prisma/schema-engine-wasm ships its JS glue as an ES module; let ts-jest compile it.
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
  maxWorkers: '50%',
};
