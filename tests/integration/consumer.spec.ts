import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { JSONReport } from '@playwright/test/reporter';
import { startDemoServer, type DemoServer } from '../../apps/demo/server.mjs';
import { flatTests, repoRoot } from '../helpers/inline.js';

// Installs the packed packages into a project outside the repo, as a user would, so a missing file in
// a tarball, an undeclared dependency or a broken `exports` map fails here and not on a user's machine.

// One install serves every test: run them in order in one worker, and keep going when one fails.
test.describe.configure({ mode: 'default', timeout: 120_000 });

const PACKAGES = ['model', 'config', 'ai', 'cloud', 'fixtures', 'reporter', 'cli'];
const HEAVY = /^(appium|tesseract\.js|@aws-sdk\/.+|@azure\/.+)$/;

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

let server: DemoServer;
let work: string;
let app: string;
let packed: Packed[];

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

function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

function projectFiles(url: string): Record<string, string> {
  return {
    'suite.yaml': [
      'name: Consumer smoke',
      'output: results',
      'apps:',
      '  - name: demo',
      '    type: web',
      `    url: ${url}`,
      '    actions:',
      '      - name: open_home',
      '        type: navigate',
      `        url: ${url}/`,
      '        screenshot: true',
      '      - name: open_login',
      '        type: navigate',
      `        url: ${url}/login`,
      '        screenshot: true',
      '',
    ].join('\n'),
    'playwright.config.ts': [
      "import { defineConfig } from '@playwright/test';",
      "import { fromSuites } from '@panoptic/fixtures/config';",
      '',
      "export default defineConfig({ ...fromSuites('suite.yaml', { output: 'config-results' }) });",
      '',
    ].join('\n'),
    'specs.config.ts': [
      "import { defineConfig } from '@playwright/test';",
      "import { chromiumLaunchOptions } from '@panoptic/fixtures/config';",
      '',
      `export default defineConfig({ testDir: 'specs', use: { ...chromiumLaunchOptions(), baseURL: '${url}' } });`,
      '',
    ].join('\n'),
    'specs/demo.spec.ts': [
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
      include: ['*.ts', 'specs'],
    }),
  };
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = await startDemoServer();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-consumer-'));
  const packs = path.join(work, 'packs');
  app = path.join(work, 'app');
  fs.mkdirSync(packs);
  fs.mkdirSync(app);

  const folders = PACKAGES.map((dir) => `./packages/${dir}`);
  packed = JSON.parse(await mustRun('npm', ['pack', ...folders, '--pack-destination', packs, '--json'], repoRoot)) as Packed[];

  const devDependencies: Record<string, string> = {
    '@playwright/test': installedVersion('@playwright/test'),
    typescript: installedVersion('typescript'),
    '@types/node': installedVersion('@types/node'),
  };
  for (const pkg of packed) devDependencies[pkg.name] = `file:${path.join(packs, pkg.filename)}`;
  const manifest = { name: 'panoptic-consumer', private: true, type: 'module', devDependencies };
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(manifest, null, 2));
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

test('each tarball holds every file its exports and bin point to', () => {
  const missing: string[] = [];
  for (const pkg of packed) {
    const manifest = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', pkg.name, 'package.json'), 'utf8')) as {
      exports?: unknown;
      bin?: unknown;
    };
    const shipped = new Set(pkg.files.map((file) => path.posix.normalize(file.path)));
    for (const target of [...exportTargets(manifest.exports), ...exportTargets(manifest.bin)]) {
      if (!target.includes('*') && !shipped.has(path.posix.normalize(target))) missing.push(`${pkg.name}: ${target}`);
    }
  }
  expect(missing, 'files the package.json names but the tarball lacks (is the build current?)').toEqual([]);
});

test('a web-only install pulls in no heavy module', () => {
  // npm's record of what it actually installed, nested copies included.
  const lock = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', '.package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  const installed = Object.keys(lock.packages).map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
  expect(installed).toContain('@panoptic/fixtures');
  expect(installed.filter((name) => HEAVY.test(name))).toEqual([]);
});

test('npx panoptic validates and runs a YAML suite', async () => {
  const validate = await exec('npx', ['panoptic', 'validate', 'suite.yaml'], app);
  expect(validate.exitCode, validate.output).toBe(0);
  const run = await exec('npx', ['panoptic', 'run', 'suite.yaml'], app);
  expect(run.exitCode, run.output).toBe(0);
  for (const name of ['open_home.png', 'open_login.png']) {
    const found = filesNamed(path.join(app, 'results'), name);
    expect(found, `${name} under results/:\n${run.output}`).not.toEqual([]);
    expectPng(found[0]!);
  }
  // Panoptic's reporter, installed from its tarball, wrote the run's summary and report.
  const summary = JSON.parse(fs.readFileSync(path.join(app, 'results', 'summary.json'), 'utf8'));
  expect(summary.totals).toMatchObject({ total: 1, passed: 1 });
  expect(fs.existsSync(path.join(app, 'results', 'report', 'index.html'))).toBe(true);
});

test('a playwright.config.ts with fromSuites runs the same suite', async () => {
  const run = await exec('npx', ['playwright', 'test'], app);
  expect(run.exitCode, run.output).toBe(0);
  for (const name of ['open_home.png', 'open_login.png']) {
    const found = filesNamed(path.join(app, 'config-results'), name);
    expect(found, `${name} under config-results/:\n${run.output}`).not.toEqual([]);
    expectPng(found[0]!);
  }
});

test('a spec importing the fixtures uses platform and panoptic', async () => {
  const run = await exec('npx', ['playwright', 'test', '-c', 'specs.config.ts', '--reporter=list,json'], app);
  expect(run.exitCode, run.output).toBe(0);
  const report = JSON.parse(fs.readFileSync(path.join(app, 'report.json'), 'utf8')) as JSONReport;
  const [result, ...rest] = flatTests(report);
  expect(rest).toEqual([]);
  expect(result?.status).toBe('passed');
  const metrics = result?.attachments.find((a) => a.contentType === 'application/vnd.panoptic.metrics+json');
  expect(metrics?.body, 'the metrics attachment').toBeTruthy();
  const body = JSON.parse(Buffer.from(metrics!.body!, 'base64').toString('utf8')) as { actions: { name: string }[] };
  expect(body.actions.map((action) => action.name)).toEqual(['open_login']);
});

test("the consumer's TypeScript checks against the published types", async () => {
  const tsc = await exec('npx', ['tsc', '-p', '.'], app);
  expect(tsc.exitCode, tsc.output).toBe(0);
});
