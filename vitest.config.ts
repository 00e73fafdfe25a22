import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['harness/**/*.test.ts'],
    // The real llama-server suite runs on its own: pnpm test:interop (vitest.interop.config.ts).
    exclude: [...configDefaults.exclude, 'harness/**/*.interop.test.ts'],
    // End-to-end tests drive real pytest and the real Claude Code CLI on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
