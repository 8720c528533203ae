import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { JSONReport } from '@playwright/test/reporter';
import { startDemoServer, type DemoServer } from '../../apps/demo/server.mjs';
import { flatTests } from '../helpers/inline.js';
import { exec, installPacked, type PackedProject } from '../helpers/packed-install.js';
import { PUBLISHED_PACKAGES } from '../helpers/packages.js';
import { fileBlocks, readmeTokens, sectionTokens } from '../helpers/readme.js';

// Installs Panoptic as a user of the fixtures and the reporter would: only `@panoptic/fixtures` and
// `@panoptic/reporter`, from packed tarballs (see installPacked), and runs the README's first project.

// One install serves every test: run them in order in one worker, and keep going when one fails.
test.describe.configure({ mode: 'default', timeout: 120_000 });

const INSTALLED = ['@panoptic/fixtures', '@panoptic/reporter'];
const HEAVY = /^(appium|webdriverio|tesseract\.js|@aws-sdk\/.+|@azure\/.+)$/;

let server: DemoServer;
let project: PackedProject | undefined;
let app: string;

function filesNamed(dir: string, name: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === name)
    .map((file) => path.join(dir, file));
}

function expectPng(file: string): void {
  expect(fs.readFileSync(file).subarray(1, 4).toString('latin1'), `${file} should be a PNG`).toBe('PNG');
}

/**
 * The project of the README's "Use Panoptic in your project", file by file as a newcomer copies it,
 * pointed at the demo app, plus a spec of this test's own and a JSON report to read results from.
 */
function projectFiles(url: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const { file, text } of fileBlocks(sectionTokens(readmeTokens(), 'Use Panoptic in your project'))) {
    files[file] = text.replaceAll('http://127.0.0.1:4173', url);
  }
  const config = files['playwright.config.ts'];
  if (!config?.includes("['list'],")) throw new Error(`the README's playwright.config.ts has no list reporter to add the JSON one after:\n${config}`);
  return {
    ...files,
    'playwright.config.ts': config.replace("['list'],", "['list'], ['json', { outputFile: 'report.json' }],"),
    'tests/metrics.spec.ts': [
      "import { test, expect } from '@panoptic/fixtures';",
      '',
      "test('drives the demo through the platform', async ({ platform, panoptic }) => {",
      "  const done = panoptic.metrics.begin('open_login', 'navigate');",
      "  await platform.navigate('/login');",
      "  await platform.fill('#username', 'demo');",
      "  done({ status: 'passed' });",
      "  expect(platform.kind).toBe('web');",
      "  const png = await platform.screenshot({ type: 'png' });",
      "  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');",
      '});',
      '',
    ].join('\n'),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['*.ts', 'tests'],
    }),
  };
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = await startDemoServer();
  project = await installPacked({
    // The packages the two depend on, and only those: the CLI is not part of this install.
    packages: PUBLISHED_PACKAGES.filter((dir) => dir !== 'cli'),
    install: INSTALLED,
    devDependencies: ['@playwright/test', 'typescript', '@types/node'],
    files: projectFiles(server.url),
  });
  app = project.app;
});

test.afterAll(async () => {
  await server?.close();
  project?.remove();
});

test('a web-only install of the fixtures and the reporter pulls in no heavy module and no CLI', () => {
  // npm's record of what it actually installed, nested copies included.
  const lock = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', '.package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  const installed = Object.keys(lock.packages).map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
  expect(installed).toEqual(expect.arrayContaining(INSTALLED));
  expect(installed.filter((name) => HEAVY.test(name) || name === 'panoptic')).toEqual([]);
});

test("the README's first suite and spec pass with the fixtures, and the reporter writes the report", async () => {
  const run = await exec('npx', ['playwright', 'test'], app);
  expect(run.exitCode, run.output).toBe(0);
  const found = filesNamed(path.join(app, 'panoptic-results'), 'dashboard.png');
  expect(found, `dashboard.png under panoptic-results/:\n${run.output}`).not.toEqual([]);
  expectPng(found[0]!);

  const report = JSON.parse(fs.readFileSync(path.join(app, 'report.json'), 'utf8')) as JSONReport;
  const results = flatTests(report);
  expect(results.map((result) => [result.project, result.title, result.status]).sort()).toEqual([
    ['sign-in', 'sign-in', 'passed'],
    ['specs', 'drives the demo through the platform', 'passed'],
    ['specs', 'signs in', 'passed'],
  ]);
  const spec = results.find((result) => result.title === 'drives the demo through the platform');
  expect(spec?.status).toBe('passed');
  const metrics = spec?.attachments.find((a) => a.contentType === 'application/vnd.panoptic.metrics+json');
  expect(metrics?.body, 'the metrics attachment').toBeTruthy();
  const body = JSON.parse(Buffer.from(metrics!.body!, 'base64').toString('utf8')) as { actions: { name: string }[] };
  expect(body.actions.map((action) => action.name)).toEqual(['open_login']);

  // Panoptic's reporter, installed from its tarball, wrote the run's summary and report.
  const summary = JSON.parse(fs.readFileSync(path.join(app, 'panoptic-results', 'summary.json'), 'utf8')) as { totals: unknown };
  expect(summary.totals).toMatchObject({ total: 3, passed: 3 });
  expect(fs.readFileSync(path.join(app, 'panoptic-results', 'report', 'index.html'), 'utf8')).toContain('signs in');
  expect(fs.existsSync(path.join(app, 'playwright-report', 'index.html')), "Playwright's report, apart from Panoptic's").toBe(true);
});

test("the consumer's TypeScript checks against the published types", async () => {
  const tsc = await exec('npx', ['tsc', '-p', '.'], app);
  expect(tsc.exitCode, tsc.output).toBe(0);
});
