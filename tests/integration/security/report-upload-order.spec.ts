import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { useDemoServer } from '../../helpers/demo.js';
import { runPanoptic, writeProject } from '../../helpers/inline.js';
import { htmlReportData } from '../../helpers/playwright-report.js';

const demo = useDemoServer();

function suite(appName: string): string {
  return `name: Order
output: out
apps:
  - name: ${appName}
    type: web
    url: ${demo.url}/
    actions:
      - name: pause
        type: wait
        wait_time: 0.1
settings:
  cloud:
    provider: local
    bucket: store
`;
}

async function storedTitles(dir: string, runId: string): Promise<string> {
  const reportDir = path.join(dir, 'store', 'panoptic', 'Order', runId, 'all', 'playwright-report');
  expect(fs.existsSync(path.join(reportDir, 'index.html')), `${runId}'s Playwright report is in the store`).toBe(true);
  return [...(await htmlReportData(reportDir)).values()].join('\n');
}

test("run 2 stores its own Playwright report, not run 1's left in the output folder", async () => {
  const dir = writeProject({ 'suite.yaml': suite('first-run-app') });
  const first = await runPanoptic(dir, ['run', 'suite.yaml'], { PANOPTIC_RUN_ID: 'run-1' });
  expect(first.exitCode, first.output).toBe(0);
  fs.writeFileSync(path.join(dir, 'suite.yaml'), suite('second-run-app'));
  const second = await runPanoptic(dir, ['run', 'suite.yaml'], { PANOPTIC_RUN_ID: 'run-2' });
  expect(second.exitCode, second.output).toBe(0);

  const run2 = await storedTitles(dir, 'run-2');
  expect(run2).toContain('second-run-app');
  expect(run2).not.toContain('first-run-app');
  expect(await storedTitles(dir, 'run-1')).toContain('first-run-app');
});
