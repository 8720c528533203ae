#!/usr/bin/env node
// `npm run demo`: the demo run, `playwright test` with the arguments given after `--`. With
// `--dashboard` (or PANOPTIC_DEMO_DASHBOARD=1) a Panoptic server starts first and the run publishes
// to it; its dashboard is served until Ctrl-C (demo-dashboard.mjs). Plain Node, run after prepare.mjs.
import { createRequire } from 'node:module';

const args = process.argv.slice(2);
const dashboard = args.includes('--dashboard') || process.env.PANOPTIC_DEMO_DASHBOARD === '1';
const playwrightArgs = args.filter((arg) => arg !== '--dashboard');

if (dashboard) {
  const { demoWithDashboard } = await import('./demo-dashboard.mjs');
  process.exitCode = await demoWithDashboard(playwrightArgs);
} else {
  // Playwright's own CLI in this process, as `playwright test` would run it: the plain demo costs
  // not one process more than it did.
  const require = createRequire(import.meta.url);
  const cli = require.resolve('@playwright/test/cli');
  process.argv = [process.argv[0], cli, 'test', ...playwrightArgs];
  require(cli);
}
