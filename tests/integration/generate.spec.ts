import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startDemoServer } from '../../apps/demo/server.mjs';
import { NAV_ITEMS } from '../../apps/demo/lib/layout.mjs';
import { ALL_FAIL_FAST, copyGenerated, expectWellFormed, generateInto, outcomes, passRate, runSpecAndYaml, type Generated } from '../helpers/generated.js';
import { repoRoot } from '../helpers/inline.js';
import { startSwitchableApp, type SwitchableApp } from '../helpers/switchable-app.js';

// `panoptic generate` against real apps, then the generated spec run by the real `playwright test`
// and the generated YAML by the real `panoptic run`: all must pass, and all must fail once the app
// is broken (every text node's vowels swapped), so the checks they make are real.

/**
 * Generates from `startPath` on the app, then runs the spec and the YAML suite on it and on its broken
 * copy. The spec and the YAML suite run at the same time, each in a folder of its own: most of a run
 * is waiting on a browser, a worker's start or (on the broken app) a timeout.
 */
function generatedSuite(title: string, start: () => Promise<{ app: SwitchableApp; close: () => Promise<void> }>, startPath: string, args: string[], checks: (generated: Generated, app: SwitchableApp) => void): void {
  test.describe(title, () => {
    test.describe.configure({ mode: 'serial', timeout: 600_000 });
    let app: SwitchableApp;
    let close: (() => Promise<void>) | undefined;
    let generated: Generated;
    let yamlCopy: Generated;
    test.beforeAll(async () => {
      ({ app, close } = await start());
    });
    test.afterAll(async () => {
      await close?.();
    });

    test('panoptic generate writes a spec and a YAML suite with preferred locators', async () => {
      generated = await generateInto(`${app.url}${startPath}`, args);
      yamlCopy = copyGenerated(generated);
      expectWellFormed(generated);
      checks(generated, app);
    });

    test('the generated spec passes with playwright test, and the YAML suite with panoptic run', async ({}, testInfo) => {
      const count = generated.result.tests.length;
      const { spec, yaml } = await runSpecAndYaml(generated, yamlCopy);
      expect(passRate(spec, 'spec', testInfo), spec.output).toEqual({ passed: count, failed: 0, total: count });
      expect(spec.exitCode).toBe(0);
      expect(passRate(yaml, 'YAML', testInfo), yaml.output).toEqual({ passed: count, failed: 0, total: count });
      expect(yaml.exitCode).toBe(0);
    });

    test('on the broken app every generated test fails, in the spec and in the YAML suite', async () => {
      const count = generated.result.tests.length;
      app.setBroken(true);
      try {
        const { spec, yaml } = await runSpecAndYaml(generated, yamlCopy, ALL_FAIL_FAST);
        for (const broken of [spec, yaml]) {
          expect(outcomes(broken), broken.output).toEqual({ passed: 0, failed: count, total: count });
          expect(broken.exitCode).toBe(1);
        }
      } finally {
        app.setBroken(false);
      }
    });
  });
}

generatedSuite(
  'demo app, from the home page one link deep',
  async () => {
    const server = await startDemoServer();
    const app = await startSwitchableApp({ url: server.url });
    const close = async () => {
      await app.close();
      await server.close();
    };
    return { app, close };
  },
  '/',
  ['--depth', '1'],
  ({ result, spec }) => {
    // Every page of the navigation was explored; the dashboard, signed out, ends on the login page.
    const explored = result.pages.map((page) => new URL(page).pathname + new URL(page).search);
    for (const item of NAV_ITEMS) expect(explored).toContain(item.slug === 'dashboard' ? '/login?required=1' : item.path);
    expect([...new Set(result.tests.map((t) => t.kind))].sort()).toEqual(['content', 'form', 'navigation']);
    // The feedback form: valid values for each input type and constraint, submitted, the thank-you checked.
    const form = result.tests.find((t) => t.kind === 'form' && t.url.endsWith('/form'));
    expect(form, JSON.stringify(result.skipped, null, 2)).toBeDefined();
    const fills = Object.fromEntries(form!.steps.flatMap((s) => (s.kind === 'fill' && s.target.by === 'role' ? [[s.target.name, s.value]] : [])));
    expect(fills['Email *']).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
    expect(Number(fills['Age'])).toBeGreaterThanOrEqual(18);
    expect(Number(fills['Age'])).toBeLessThanOrEqual(120);
    expect(form!.steps).toContainEqual(expect.objectContaining({ kind: 'check' }));
    expect(spec).toContain(".toHaveText('Thank you, Ada Lovelace!')");
    // The login form with made-up credentials: the error it showed is what the test expects.
    expect(spec).toContain(".toHaveText('Invalid username or password')");
    expect(spec).toContain("await page.getByTestId('nav-form').click();");
  },
);

async function staticApp(root: string): Promise<{ app: SwitchableApp; close: () => Promise<void> }> {
  const app = await startSwitchableApp({ root });
  return { app, close: () => app.close() };
}

generatedSuite(
  "third-party: loglevel's demo page (forms, six buttons named Run)",
  () => staticApp(path.join(repoRoot, 'node_modules', 'loglevel')),
  '/demo/index.html',
  [],
  ({ result, spec }) => {
    const kinds = new Set(result.tests.map((t) => t.kind));
    expect(kinds).toContain('form');
    expect(kinds).toContain('button');
    // The buttons are all named "Run": each is found inside the container only it is in.
    expect(spec).toContain(".filter({ hasText: 'log.disableAll()' }).getByRole('button', { name: 'Run' }).click();");
    expect(spec).toContain("await expect(page.getByRole('textbox', { name: 'Current log level' })).toHaveValue('SILENT');");
  },
);

const coverageReport = path.join(repoRoot, 'node_modules', 'appium-chromium-driver', 'node_modules', 'stream-buffers', 'coverage', 'lcov-report');

generatedSuite(
  'third-party: an istanbul coverage report (links to each file of a folder)',
  () => {
    if (!fs.existsSync(coverageReport)) throw new Error(`the coverage report that stream-buffers ships is not at ${coverageReport}; run npm install`);
    return staticApp(coverageReport);
  },
  '/lib/index.html',
  ['--depth', '0', '--max-tests', '6'],
  ({ result, spec }, app) => {
    expect(result.pages).toEqual([`${app.url}/lib/index.html`]);
    expect(result.tests.filter((t) => t.kind === 'navigation').length).toBeGreaterThanOrEqual(3);
    expect(spec).toContain("await page.getByRole('link', { name: 'constants.js' }).click();");
  },
);
