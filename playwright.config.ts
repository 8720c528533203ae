import { defineConfig } from '@playwright/test';
import { fromSuites } from '@panoptic/fixtures/config';

// The demo: the templates' YAML suites played against the demo app, which Playwright starts. Panoptic's
// report (panoptic-results/report/index.html), summaries and every artifact go under panoptic-results/;
// the run ends by listing where each is.
export default defineConfig({
  ...fromSuites(['templates/web-smoke.yaml', 'templates/login-flow.yaml', 'templates/forms.yaml', 'templates/cloud.yaml', 'templates/error-detection.yaml', 'templates/ai-vision.yaml']),
  reporter: [
    ['list'],
    ['@panoptic/reporter'],
    ['html', { outputFolder: 'panoptic-results/playwright-report', open: 'never' }],
    ['panoptic/report-locations'],
  ],
  webServer: {
    command: 'node apps/demo/server.mjs --port 4173',
    url: 'http://127.0.0.1:4173/health',
    reuseExistingServer: !process.env.CI,
  },
});
