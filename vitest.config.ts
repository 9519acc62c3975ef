import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every test gets its own temp journal; nothing may fall back to the user's real one.
    env: { REL_DB: '/nonexistent/rel-tests-must-pass-an-explicit-db/rel.db', NO_COLOR: '1' },
    testTimeout: 20_000,
  },
});
