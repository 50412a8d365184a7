import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./src/server/testing/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/web/**', '**/node_modules/**'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        // Components of the web app in a simulated browser, against a stand-in for the server's answers (the e2e
        // tests drive the real server). No database: this project does not extend the root's global setup.
        test: {
          name: 'web',
          include: ['src/web/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          environmentOptions: { jsdom: { url: 'http://localhost:3000/' } },
          setupFiles: ['./src/web/testing/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // Every expect.poll waits for a signal on the page (a heading, a row, a message) and goes on the moment it
          // appears; the default 1 s is a fixed deadline that a save on two loaded cores exceeded (a meeting planned
          // with its invitations, under two busy loops and others' suites). 30 s is only the guard against a defect.
          expect: { poll: { timeout: 30_000 } },
          // One retry: on a loaded 2-core CI machine a browser action once timed out waiting for an element to
          // settle before anything was saved. A real defect fails twice.
          retry: 1,
        },
      },
    ],
  },
});
