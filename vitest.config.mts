import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // the default reporter for people, plus one plain closing line for CI logs
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
