import { defineConfig } from 'vitest/config';

/** Browser tests (playwright-core driving Debian's Chromium): `npm run test:e2e`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
