import { defineConfig } from '@playwright/test';

// The repo's own tests. Unit tests are pure; integration tests run the real `playwright test` and
// `panoptic` on inline projects written to temp folders, so each can take a while.
export default defineConfig({
  testDir: '.',
  testMatch: ['unit/**/*.spec.ts', 'integration/**/*.spec.ts'],
  timeout: 180_000,
  workers: process.env.CI ? 2 : undefined,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['./helpers/closing-line-reporter.ts']],
});
