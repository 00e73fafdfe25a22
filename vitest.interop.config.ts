import { defineConfig } from 'vitest/config';

// pnpm test:interop: the harness against a real llama.cpp llama-server (built by scripts/llama-server.sh).
export default defineConfig({
  test: {
    include: ['harness/**/*.interop.test.ts'],
    globalSetup: ['harness/interop/test-kit/global-setup.ts'],
    // Real Claude Code runs against a real engine on a 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // One file at a time: one real server decoding at once keeps the measured rates undisturbed.
    fileParallelism: false,
  },
});
