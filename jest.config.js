/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  // jest's node environment, plus a check that each test file closed the servers and
  // ended the processes it started (tests/support/leak-check/environment.ts).
  testEnvironment: '<rootDir>/tests/support/leak-check/environment.ts',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Names the run; at the end, fails it when temp folders or processes were left behind.
  globalSetup: '<rootDir>/tests/support/leak-check/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/leak-check/global-teardown.ts',
  // HTTP and end-to-end tests start real servers on 127.0.0.1; give them room on a 2-core machine.
  testTimeout: 30000,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
};
