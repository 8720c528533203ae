import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect, chromium } from '@playwright/test';
import { launchOptionsForChromium } from '@panoptic/fixtures/chromium';
import { useDemoServer } from '../helpers/demo.js';
import { runPanoptic, writeProject } from '../helpers/inline.js';
import { readStoredHistory, readSummary, runCli } from '../helpers/reporter.js';

const demo = useDemoServer();

/** history.json as one list of outcomes per key. */
function historyByKey(file: string): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const run of readStoredHistory(file).runs) {
    for (const [key, [code]] of Object.entries(run.tests)) byKey.set(key, [...(byKey.get(key) ?? []), code]);
  }
  return byKey;
}

test('a spec run from its folder and from the folder above keeps one history', async () => {
  const dir = writeProject({
    'playwright.config.ts': "import { defineConfig } from '@playwright/test';\nexport default defineConfig({ testDir: 'specs', reporter: [['@panoptic/reporter']] });\n",
    'specs/cart.spec.ts': "import { test } from '@playwright/test';\ntest.describe('cart', () => { test('adds an item', async () => {}); });\n",
  });
  const config = path.join(dir, 'playwright.config.ts');
  for (const cwd of [dir, path.dirname(dir)]) {
    const run = await runCli(cwd, ['test', '-c', config]);
    expect(run.exitCode, run.output).toBe(0);
  }
  const history = historyByKey(path.join(dir, 'panoptic-results', 'history.json'));
  expect([...history]).toEqual([['cart.spec.ts › cart › adds an item', ['e', 'e']]]);
});

test('a YAML suite run by `panoptic run` and by a config from another folder keeps one history, and its report names each app once', async () => {
  const suite = [
    'name: Keys',
    'output: results',
    'apps:',
    '  - name: home',
    '    type: web',
    `    url: ${demo.url}`,
    '    actions:',
    '      - name: open_home',
    '        type: navigate',
    `        url: ${demo.url}/`,
    'settings:',
    '  enable_metrics: true',
    '',
  ].join('\n');
  const dir = writeProject({
    'suite.yaml': suite,
    // Suite paths and the output folder resolve against the config's folder, wherever the run starts.
    'playwright.config.ts': [
      "import path from 'node:path';",
      "import { fileURLToPath } from 'node:url';",
      "import { defineConfig } from '@playwright/test';",
      "import { fromSuites } from '@panoptic/fixtures/config';",
      'const here = path.dirname(fileURLToPath(import.meta.url));',
      "export default defineConfig({ ...fromSuites([path.join(here, 'suite.yaml')], { cwd: here }), reporter: [['@panoptic/reporter']] });",
      '',
    ].join('\n'),
  });
  const viaCli = await runPanoptic(dir, ['run', 'suite.yaml']);
  expect(viaCli.exitCode, viaCli.output).toBe(0);
  const viaConfig = await runCli(path.dirname(dir), ['test', '-c', path.join(dir, 'playwright.config.ts')]);
  expect(viaConfig.exitCode, viaConfig.output).toBe(0);

  const history = historyByKey(path.join(dir, 'results', 'history.json'));
  expect([...history.values()]).toEqual([['e', 'e']]);
  // The spec that plays suites is named inside its package, not by a path from either config.
  const [key] = history.keys();
  expect(key).toMatch(/^home › @panoptic\/fixtures\/[^ ]*play\/suite\.spec\.[jt]s › .*Keys › home$/);
  expect(key).not.toContain('..');
  expect(readSummary(dir, 'results').tests.map((t) => t.key)).toEqual([key]);
  // Shard planning lists the test relative to its config's folder and still finds its recorded time.
  const plan = await runPanoptic(dir, ['shard', 'plan', '--total', '1', '--history', 'results/history.json']);
  expect(plan.exitCode, plan.output).toBe(0);
  expect(JSON.parse(plan.stdout)).toMatchObject({ tests: 1, estimated: 0 });

  const browser = await chromium.launch(launchOptionsForChromium());
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(path.join(dir, 'results', 'report', 'index.html')).href);
    // The project is the app: one table, and the name once per test.
    await expect(page.getByRole('heading', { name: 'Projects and apps', exact: true })).toBeVisible();
    await expect(page.locator('section#apps')).toHaveCount(0);
    await expect(page.locator('#test-list > li .meta .chip')).toHaveText(['home']);
    await expect(page.getByRole('heading', { name: 'All tests (1)' })).toBeVisible();
    await expect(page.locator('#f-count')).toHaveText('Showing 1 of 1 test');
    await expect(page).toHaveTitle(/· 1 test$/);
    // The story: opening the app and the YAML action as steps at their lines in the suite, and the action counts.
    const row = page.locator('#test-list > li');
    await row.locator('summary').click();
    const lineOf = (text: string) => suite.split('\n').findIndex((line) => line.includes(text)) + 1;
    await expect(row.locator('table.steps td.step')).toHaveText([`open ${demo.url}`, 'open_home']);
    await expect(row.locator('table.steps code.loc')).toHaveText([new RegExp(`^suite\\.yaml:${lineOf('    url:')}:\\d+$`), new RegExp(`^suite\\.yaml:${lineOf('- name: open_home')}:\\d+$`)]);
    await expect(row.locator('.meta code.loc')).toHaveText('suite.yaml');
    await expect(row.getByRole('rowheader', { name: 'navigate' })).toBeVisible();
    // enable_metrics: the page loads measured, opening the app and the action's.
    const loads = row.locator('table.page-loads tbody tr');
    await expect(loads.locator('th')).toHaveText([`open ${demo.url}`, 'open_home']);
    await expect(loads.locator('td.url')).toHaveText([`${demo.url}/`, `${demo.url}/`]);
    for (const load of await loads.all()) await expect(load.locator('td.num').nth(1)).toHaveText(/^\d+ ms$|^\d+(\.\d)? s$/);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/\b1 tests\b|\bhome home\b/);
  } finally {
    await browser.close();
  }
  expect(fs.readFileSync(path.join(dir, 'results', 'report', 'index.html'), 'utf8')).not.toContain(dir);
});
