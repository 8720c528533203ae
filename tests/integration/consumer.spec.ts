import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { JSONReport } from '@playwright/test/reporter';
import { startDemoServer, type DemoServer } from '../../apps/demo/server.mjs';
import { flatTests, repoRoot } from '../helpers/inline.js';
import { PUBLISHED_PACKAGES } from '../helpers/packages.js';
import { fileBlocks, readmeTokens, sectionTokens } from '../helpers/readme.js';

// Installs Panoptic as a user of the fixtures and the reporter would: only `@panoptic/fixtures` and
// `@panoptic/reporter`, into a project outside the repo, with their own dependencies resolved from
// packed tarballs as a registry would serve them. A missing file in a tarball, an undeclared dependency
// or a broken `exports` map fails here and not on a user's machine.

// One install serves every test: run them in order in one worker, and keep going when one fails.
test.describe.configure({ mode: 'default', timeout: 120_000 });

const INSTALLED = ['@panoptic/fixtures', '@panoptic/reporter'];
const HEAVY = /^(appium|webdriverio|tesseract\.js|@aws-sdk\/.+|@azure\/.+)$/;

interface Packed {
  name: string;
  filename: string;
}

let server: DemoServer;
let work: string;
let app: string;

function exec(command: string, args: string[], cwd: string): Promise<{ exitCode: number; stdout: string; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', PANOPTIC_SUITES: '', PLAYWRIGHT_JSON_OUTPUT_NAME: 'report.json' },
      // npm and npx are .cmd scripts on Windows, which only a shell runs.
      shell: process.platform === 'win32',
    });
    let stdout = '';
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, output }));
  });
}

async function mustRun(command: string, args: string[], cwd: string): Promise<string> {
  const result = await exec(command, args, cwd);
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.exitCode}:\n${result.output}`);
  return result.stdout;
}

function installedVersion(name: string): string {
  const manifest = path.join(repoRoot, 'node_modules', name, 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

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

/** The project's package.json: the two packages a user installs; their dependencies resolve to the tarballs. */
function consumerManifest(packs: string, packed: Packed[]): object {
  const tarball = (name: string): string => {
    const found = packed.find((pkg) => pkg.name === name);
    if (!found) throw new Error(`${name} was not packed`);
    return `file:${path.join(packs, found.filename)}`;
  };
  const devDependencies: Record<string, string> = {
    '@playwright/test': installedVersion('@playwright/test'),
    typescript: installedVersion('typescript'),
    '@types/node': installedVersion('@types/node'),
  };
  for (const name of INSTALLED) devDependencies[name] = tarball(name);
  const overrides = Object.fromEntries(packed.filter((pkg) => !INSTALLED.includes(pkg.name)).map((pkg) => [pkg.name, tarball(pkg.name)]));
  return { name: 'panoptic-consumer', private: true, type: 'module', devDependencies, overrides };
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = await startDemoServer();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-consumer-'));
  const packs = path.join(work, 'packs');
  app = path.join(work, 'app');
  fs.mkdirSync(packs);
  fs.mkdirSync(app);

  // The packages the two depend on, and only those: the CLI is not part of this install.
  const workspaces = PUBLISHED_PACKAGES.filter((dir) => dir !== 'cli').flatMap((dir) => ['-w', `packages/${dir}`]);
  const packed = JSON.parse(await mustRun('npm', ['pack', ...workspaces, '--pack-destination', packs, '--json'], repoRoot)) as Packed[];
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(consumerManifest(packs, packed), null, 2));
  for (const [name, content] of Object.entries(projectFiles(server.url))) {
    fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    fs.writeFileSync(path.join(app, name), content);
  }
  await mustRun('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], app);
});

test.afterAll(async () => {
  await server?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
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
