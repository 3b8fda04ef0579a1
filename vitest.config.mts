import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each test file boots its own Nest app; two at a time keeps a 2-core machine responsive.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/**/*.spec.ts', 'shared/**/*.spec.ts', 'client/src/**/*.spec.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'int', include: ['test/**/*.spec.ts'], exclude: ['test/**/*.e2e.spec.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/**/*.e2e.spec.ts'] },
      },
    ],
  },
});
