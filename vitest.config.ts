import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // LUOSHI_TEST_SCRYPT_N: cheaper password hashes for the hundreds of test accounts; honoured
    // only under Vitest (src/auth/password.ts), production is always N = 2^17.
    env: { LUOSHI_SECRET: 'test-secret-not-for-production', LUOSHI_TEST_SCRYPT_N: '1024' },
  },
});
