import { defineConfig } from 'vitest/config';

/**
 * Two projects. `pure` runs every test, the workflow-layer ones with the pure World (decide()
 * only, no database). `engine` runs the workflow-layer tests again with KP_WORLD=engine: the same
 * tests, each command sent through the real command service over SQLite
 * (test/support/engineWorld.ts), so every rule is checked allowed and refused, with its id,
 * through the engine too (issue 3; engineGlobalSetup.ts fails the run if one never is). Its files
 * share their workers' module cache (isolate: false): they import the engine once per worker.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'pure', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], env: { KP_WORLD: 'pure' } },
      },
      {
        extends: true,
        test: {
          name: 'engine',
          include: ['test/workflows/**/*.test.ts'],
          env: { KP_WORLD: 'engine' },
          isolate: false,
          globalSetup: ['test/support/engineGlobalSetup.ts'],
          setupFiles: ['test/support/engineSetup.ts'],
        },
      },
    ],
  },
});
