// Three projects share one run: unit specs next to the code, end-to-end specs over HTTP against
// the real services, and browser specs driving Debian's Chromium. `npm test` runs them all.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
const common = {
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
};
module.exports = {
  // One value for every project (jest reads testTimeout from the global config only); browser
  // specs raise theirs in test/helpers/browser-timeout.ts.
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/helpers/worker-env.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/**/*.browser-spec.ts'],
      setupFiles: ['<rootDir>/test/helpers/worker-env.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/helpers/browser-timeout.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
