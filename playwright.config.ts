import { defineConfig } from '@playwright/test';
import { fromSuites } from '@panoptic/fixtures/config';

// The demo: the templates' YAML suites played against the demo app, with the report and every
// artifact under panoptic-results/.
export default defineConfig({
  ...fromSuites(['templates/web-smoke.yaml', 'templates/login-flow.yaml', 'templates/forms.yaml']),
  reporter: [['list'], ['html', { outputFolder: 'panoptic-results/report', open: 'never' }]],
  webServer: {
    command: 'node apps/demo/server.mjs --port 4173',
    url: 'http://127.0.0.1:4173/health',
    reuseExistingServer: !process.env.CI,
  },
});
